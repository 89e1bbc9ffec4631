"""The wire format: exact types round-trip, and hostile bytes are refused, never crash the reader."""

from __future__ import annotations

import struct

import numpy as np
import pytest

from sandbox import codec


@pytest.fixture(autouse=True)
def executor_still_serves() -> None:
    """These tests do not touch the executor (overrides the sandbox folder's fixture)."""


@pytest.mark.parametrize(
    "value",
    [None, True, 0, -(10**40), 1.5, float("inf"), 2j, "héllo", b"\x00\xff", [1, [2]], (1, "a"),
     {"k": np.arange(3)}, np.float32(2.5), np.int64(-3), np.zeros((2, 0, 3)), np.ones((3, 4), dtype=np.complex64),
     np.array([True, False])],
)
def test_plain_values_round_trip(value: object) -> None:
    decoded = codec.decode(codec.encode(value))
    if isinstance(value, np.ndarray):
        assert isinstance(decoded, np.ndarray)
        assert decoded.dtype == value.dtype
        np.testing.assert_array_equal(decoded, value)
    elif isinstance(value, dict):
        np.testing.assert_array_equal(decoded["k"], value["k"])
    else:
        assert decoded == value
        assert type(decoded) is type(value)


def test_big_endian_arrays_arrive_little_endian() -> None:
    value = np.arange(4, dtype=">f8")
    decoded = codec.decode(codec.encode(value))
    assert decoded.dtype == np.dtype("<f8")
    np.testing.assert_array_equal(decoded, value)


@pytest.mark.parametrize(
    "value",
    [np.array(["a"]), np.array([object()]), np.zeros(2, dtype=[("a", "f8")]), {1.5: 2}, {1, 2}, object(),
     np.zeros(3).view(np.matrix), type("S", (str,), {})("x"), type("L", (list,), {})()],
)
def test_non_plain_values_are_refused(value: object) -> None:
    with pytest.raises(codec.EncodeError):
        codec.encode(value)


@pytest.mark.parametrize(
    "data",
    [b"", b"Z", b"I\xff\xff\xff\xff", b"S" + struct.pack("<Q", 2**60), b"L" + struct.pack("<I", 2**31),
     b"A\x03<f8\x01" + struct.pack("<QQ", 2**40, 8 * 2**40), b"A\x03|O8\x00" + struct.pack("<Q", 8) + b"\0" * 8,
     b"NN", b"I\x02\x00\x00\x00x1", b"S" + struct.pack("<Q", 2) + b"\xff\xfe", b"L" * 100_000,
     b"A\x03<f8\x02" + struct.pack("<QQQ", 2**63, 2**63, 0)],
)
def test_malformed_bytes_raise_decode_error(data: bytes) -> None:
    with pytest.raises(codec.DecodeError):
        codec.decode(data)


def test_oversized_input_is_refused_before_parsing() -> None:
    with pytest.raises(codec.DecodeError, match="cap"):
        codec.decode(codec.encode("x" * 1000), max_bytes=100)
