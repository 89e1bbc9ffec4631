"""Hostile result frames: whatever bytes a job returns, the decoder says "invalid result", never crashes us."""

from __future__ import annotations

import struct

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sandbox import Sandbox, codec
from sandbox.result import MalformedResultError, parse_report

from .conftest import RunSnippet

MAX_BYTES = 1 << 20
_GOOD_VALUE = codec.encode([np.arange(6, dtype=np.float32).reshape(2, 3), {"k": (1, 2.5, "s", b"b", None)}])
GOOD_REPORT = codec.encode({
    "load_error": None,
    "calls": [{"status": "ok", "value": _GOOD_VALUE, "warnings": [], "seconds": [0.001], "shape": [2, 3],
               "shares_memory": [False], "mutated": [], "calls_per_sample": 1, "peak_bytes": 10,
               "lines": {1: 2}}],
})


def _array_frame(dtype: bytes, shape: tuple[int, ...], data: bytes) -> bytes:
    return (b"A" + bytes([len(dtype)]) + dtype + bytes([len(shape)]) + b"".join(struct.pack("<Q", s) for s in shape)
            + struct.pack("<Q", len(data)) + data)


# Frames a hostile job sent, or would: the dtype NumPy refuses, sizes that lie, depth, odd integers.
HOSTILE = [
    _array_frame(b"<f3", (1,), b"abc"),
    _array_frame(b"<u3", (2,), b"abcdef"),
    _array_frame(b"<f8", (0, 2**63), b""),
    _array_frame(b"<f8", (0, 2**64 - 1, 2**64 - 1), b""),
    _array_frame(b"<f\xff8", (1,), b"12345678"),
    b"G" + bytes([3]) + b"<f3" + b"abc",
    b"I" + struct.pack("<I", 3) + b"--5",
    b"I" + struct.pack("<I", 2) + "\u0665".encode()[:2],
    b"L" + struct.pack("<I", 1) * 40 + b"N",
    b"M" + struct.pack("<I", 1) + b"L" + struct.pack("<I", 0) + b"N",
    codec.encode({"load_error": None, "calls": [{"status": "ok", "value": b"", "shape": [None]}]}),
    codec.encode({"load_error": None, "calls": [{"status": "ok", "value": codec.encode(1), "shape": ["7"]}]}),
    codec.encode({"load_error": {"type": 1}, "calls": []}),
    codec.encode({"load_error": None, "calls": [{"status": "ok", "value": codec.encode(1),
                                                 "calls_per_sample": 10**9}]}),
]


def _is_refused(frame: bytes) -> bool:
    try:
        parse_report(frame, max_bytes=MAX_BYTES)
    except (MalformedResultError, codec.DecodeError):
        return True
    return False


@pytest.mark.parametrize("frame", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_frames_are_invalid_results_not_exceptions(frame: bytes) -> None:
    assert _is_refused(frame)


@settings(max_examples=400, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=512))
def test_random_frames_never_raise_anything_but_a_refusal(frame: bytes) -> None:
    _is_refused(frame)  # raises (fails the test) on anything but a refusal


@settings(max_examples=400, deadline=None, database=None)
@given(st.data())
def test_mutated_frames_never_raise_anything_but_a_refusal(data: st.DataObject) -> None:
    frame = bytearray(GOOD_REPORT)
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(frame) - 1))
        action = data.draw(st.sampled_from(["flip", "insert", "delete", "truncate"]))
        if action == "flip":
            frame[at] = data.draw(st.integers(0, 255))
        elif action == "insert":
            frame[at:at] = data.draw(st.binary(min_size=1, max_size=9))
        elif action == "delete" and len(frame) > 1:
            del frame[at]
        elif action == "truncate":
            frame = frame[:max(at, 1)]
    _is_refused(bytes(frame))


SEND_RAW = """
import os, struct
def f(frame):
    os.write(3, struct.pack('<Q', len(frame)) + frame)
    os._exit(0)
"""


@settings(max_examples=25, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.sampled_from(HOSTILE), st.binary(max_size=64)))
def test_executor_survives_any_result_frame_a_job_sends(run: RunSnippet, sandbox: Sandbox, frame: bytes) -> None:
    result = run(SEND_RAW, frame)
    assert result.outcome in ("invalid_result", "ok", "runtime_error"), result.message
    assert result.outcome != "internal_error"
