"""Numbers and plurals said one way everywhere, and the text problems of issue 18 gone from the pages."""

from __future__ import annotations

import re

import httpx
import pytest

from app.wording import duration, plural, ratio


@pytest.mark.parametrize(("count", "expected"), [(0, "0 drafts"), (1, "1 draft"), (2, "2 drafts"),
                                                 (1200, "1,200 drafts"), (1.0, "1 draft")])
def test_counts_agree_with_their_noun(count: float, expected: str) -> None:
    assert plural(count, "draft") == expected


@pytest.mark.parametrize(("value", "expected"), [(140.3, "140\u00d7"), (1.43, "1.4\u00d7"), (12.4, "12\u00d7"),
                                                 (0.5, "0.5\u00d7"), (2.0, "2\u00d7"), (12345.0, "12,345\u00d7")])
def test_ratios_are_never_in_exponent_notation(value: float, expected: str) -> None:
    assert ratio(value) == expected
    assert "e+" not in ratio(value * 1e6)


@pytest.mark.parametrize(("seconds", "expected"), [(1800, "30 minutes"), (60, "1 minute"), (90 * 60, "1 h 30 min"),
                                                   (3600, "1 hour"), (45, "45 seconds"), (1, "1 second")])
def test_durations_are_whole_units(seconds: float, expected: str) -> None:
    assert duration(seconds) == expected


def visible_text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_a_failing_test_names_its_line_once(client: httpx.Client) -> None:
    code = "import numpy as np\n\ndef softmax(z, axis=-1):\n    return 1 / 0\n"
    html = client.post("/challenges/softmax/run", json={"code": code}, headers={"X-Fragment": "results"}).text
    text = visible_text(html)
    assert "line 4" in text
    assert not re.search(r"\(line 4\)\s*\(\s*line 4\s*\)", text)


def test_the_passed_count_is_said_once(client: httpx.Client) -> None:
    code = "import numpy as np\n\ndef softmax(z, axis=-1):\n    return np.asarray(z) * 0\n"
    html = client.post("/challenges/softmax/run", json={"code": code}, headers={"X-Fragment": "results"}).text
    assert len(re.findall(r"\d+/\d+ passed", visible_text(html))) == 1


def test_the_home_button_moves_on_once_softmax_is_solved(client: httpx.Client) -> None:
    assert ">Start with Softmax<" in client.get("/").text
    client.post("/challenges/softmax/give-up")  # status stays new: the button still says start
    client.post("/api/challenges/one-hot/run", json={"code": "x = 1\n"})
    home = client.get("/").text
    assert ">Start with Softmax<" in home  # softmax is still new
    client.post("/api/challenges/softmax/run", json={"code": "x = 1\n"})
    home = client.get("/").text
    assert "Start with Softmax" not in home
    assert re.search(r">Continue [^<]+<", home)


def test_a_new_session_states_its_length_in_whole_minutes(server_url: str) -> None:
    with httpx.Client(base_url=server_url, follow_redirects=True) as browser:
        # Signed in, the "ready" page is rendered with the session's summary (anonymous: from the link).
        signed_up = browser.post("/api/accounts", json={"email": "minutes@example.org", "password": "a long passphrase",
                                                        "display_name": "Minutes"})
        assert signed_up.status_code == 201, signed_up.text
        page = browser.post("/sessions/new", data={"pick": "list", "challenges": "softmax", "duration_minutes": "30"})
    assert page.status_code == 200, page.text[-500:]
    assert "30 minutes" in page.text
    assert "30.0 minutes" not in page.text
