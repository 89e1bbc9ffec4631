"""The account's dashboard against a real server: ownership, the owner's way in, re-issued links, PRG."""

from __future__ import annotations

import re
from typing import get_args
from urllib.parse import urlsplit

import httpx
import pytest

from app.labels import load_labels
from app.models import ClockStatus
from tests._server import ServerProcess
from tests.app._accounts import PASSWORD, bearer, create_session, sign_up

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def test_sessions_created_while_logged_in_are_listed_newest_first(server: ServerProcess) -> None:
    with server.client() as mine:
        sign_up(mine)
        first = create_session(mine, candidate_name="Grace")
        second = create_session(mine, challenges=["softmax", "one-hot"], candidate_name="Linus")
        rows = mine.get("/api/me/sessions").json()
    assert [r["id"] for r in rows] == [second["id"], first["id"]]
    row = rows[0]
    assert row["candidate_name"] == "Linus"
    assert row["status"] == "waiting"
    assert [c["id"] for c in row["challenges"]] == ["softmax", "one-hot"]
    assert row["challenges"][0]["title"] == "Softmax"
    assert row["score"] is None
    assert row["interviewer_url"] == f"/sessions/{second['id']}/interviewer"
    assert row["report_url"] == f"/sessions/{second['id']}/report"
    assert "token" not in str(row)  # the dashboard never carries a link's token


def test_the_dashboard_needs_a_login(client: httpx.Client) -> None:
    response = client.get("/api/me/sessions")
    assert response.status_code == 401
    page = client.get("/sessions")
    assert page.status_code == 303
    assert page.headers["location"] == "/login?next=/sessions"


def test_anonymous_and_other_accounts_sessions_are_not_listed(server: ServerProcess) -> None:
    with server.client() as anonymous, server.client() as mine, server.client() as theirs:
        create_session(anonymous, candidate_name="Nobody's")
        sign_up(mine)
        sign_up(theirs)
        create_session(theirs, candidate_name="Theirs")
        assert mine.get("/api/me/sessions").json() == []
        assert "Theirs" not in mine.get("/sessions").text


def test_the_owner_opens_the_interviewer_view_without_a_token(server: ServerProcess) -> None:
    with server.client() as mine:
        sign_up(mine)
        session = create_session(mine, candidate_name="Grace")
        state = mine.get(f"/api/sessions/{session['id']}")
        assert state.status_code == 200
        assert state.json()["role"] == "interviewer"
        assert mine.get(f"/api/sessions/{session['id']}/scorecard").status_code == 200
        assert mine.get(f"/api/sessions/{session['id']}/report").status_code == 200
        assert mine.put(f"/api/sessions/{session['id']}/notes", json={"notes": "owner's note"}).status_code == 200
        # Through the account the owner is the interviewer only: never the candidate's seat.
        snapshot = mine.post(f"/api/sessions/{session['id']}/snapshots", json={"challenge": "softmax", "code": "x"})
        assert snapshot.status_code == 403


def test_another_account_gets_404_for_a_session_it_does_not_own(server: ServerProcess) -> None:
    with server.client() as mine, server.client() as theirs:
        sign_up(mine)
        session = create_session(mine)
        sign_up(theirs)
        for method, path in (("GET", ""), ("GET", "/scorecard"), ("GET", "/report"), ("POST", "/end")):
            response = theirs.request(method, f"/api/sessions/{session['id']}{path}")
            assert response.status_code == 404, (method, path, response.text)
        reissue = theirs.post(f"/api/me/sessions/{session['id']}/candidate-link")
        assert reissue.status_code == 404
        missing = theirs.post("/api/me/sessions/0123456789abcdef0123456789abcdef/candidate-link")
        # The same answer as for a session that does not exist: nothing tells which ids are real.
        assert reissue.json()["error"]["message"].replace(session["id"], "ID") == \
            missing.json()["error"]["message"].replace("0123456789abcdef0123456789abcdef", "ID")
        # The link's token still decides, whoever is logged in.
        assert theirs.get(f"/api/sessions/{session['id']}", headers=bearer(session["interviewer_token"])).status_code \
            == 200


def test_without_a_login_or_a_token_a_session_is_401(server: ServerProcess) -> None:
    with server.client() as mine, server.client() as anonymous:
        sign_up(mine)
        session = create_session(mine)
        assert anonymous.get(f"/api/sessions/{session['id']}").status_code == 401
        assert anonymous.post(f"/api/me/sessions/{session['id']}/candidate-link").status_code == 401


def test_reissued_candidate_link_replaces_the_old_one(server: ServerProcess) -> None:
    with server.client() as mine, server.client() as candidate:
        sign_up(mine)
        session = create_session(mine)
        old = bearer(session["candidate_token"])
        assert candidate.get(f"/api/sessions/{session['id']}", headers=old).json()["role"] == "candidate"
        issued = mine.post(f"/api/me/sessions/{session['id']}/candidate-link")
        assert issued.status_code == 200, issued.text
        body = issued.json()
        assert re.fullmatch(r"[A-Za-z0-9_-]{43}", body["candidate_token"])
        assert body["candidate_url"].endswith(f"/sessions/{session['id']}/candidate#{body['candidate_token']}")
        assert candidate.get(f"/api/sessions/{session['id']}", headers=old).status_code == 401
        fresh = candidate.get(f"/api/sessions/{session['id']}", headers=bearer(body["candidate_token"]))
        assert fresh.json()["role"] == "candidate"
        # The interviewer's own link keeps working.
        interviewer = bearer(session["interviewer_token"])
        assert candidate.get(f"/api/sessions/{session['id']}", headers=interviewer).json()["role"] == "interviewer"


def test_create_form_redirects_and_reloading_creates_nothing(server: ServerProcess) -> None:
    with server.client() as mine:
        sign_up(mine)
        response = mine.post("/sessions/new", content="pick=list&challenges=softmax&duration_minutes=30"
                             "&candidate_name=Grace", headers=FORM)
        assert response.status_code == 303
        location = urlsplit(response.headers["location"])
        session_id = location.path.split("/")[2]
        assert location.path == f"/sessions/{session_id}/ready"
        tokens = dict(part.split("=", 1) for part in location.fragment.split("&"))
        assert set(tokens) == {"c", "i"}
        for _ in range(3):  # reloading the page it lands on
            page = mine.get(location.path)
            assert page.status_code == 200
            assert "Your session is ready" in page.text
        assert [r["id"] for r in mine.get("/api/me/sessions").json()] == [session_id]
        assert mine.get(f"/api/sessions/{session_id}", headers=bearer(tokens["c"])).json()["role"] == "candidate"
        assert mine.get(f"/api/sessions/{session_id}", headers=bearer(tokens["i"])).json()["role"] == "interviewer"


def test_ready_page_shows_no_challenge_to_anyone_but_the_owner(server: ServerProcess) -> None:
    """The candidate knows the session id from their link; the waiting room hides which challenges come."""
    with server.client() as mine, server.client() as candidate:
        sign_up(mine)
        session = create_session(mine, challenges=["knn-predict"])
        assert "k-nearest-neighbour classifier" in mine.get(f"/sessions/{session['id']}/ready").text
        page = candidate.get(f"/sessions/{session['id']}/ready")
        assert page.status_code == 200
        assert "knn-predict" not in page.text
        assert "k-nearest" not in page.text


@pytest.mark.parametrize("path", ["/sessions", "/account"])
def test_account_pages_send_a_logged_out_browser_to_log_in(client: httpx.Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 303
    assert response.headers["location"] == f"/login?next={path}"


def test_dashboard_page_lists_the_sessions_with_copyable_links(server: ServerProcess) -> None:
    with server.client() as mine:
        sign_up(mine, display_name="Ada Lovelace")
        session = create_session(mine, candidate_name="Grace Hopper")
        page = mine.get("/sessions").text
    assert "Grace Hopper" in page
    assert f'href="/sessions/{session["id"]}/interviewer"' in page
    assert f'href="/sessions/{session["id"]}/report"' in page
    assert "Re-issue candidate link" in page
    assert 'data-copy="candidate-url-' in page


def test_login_page_sends_a_logged_in_browser_on_but_never_off_site(server: ServerProcess) -> None:
    with server.client() as mine:
        sign_up(mine)
        assert mine.get("/login").headers["location"] == "/sessions"
        assert mine.get("/login?next=/account").headers["location"] == "/account"
        for elsewhere in ("//evil.example", "https://evil.example", "/\\evil.example"):
            assert mine.get("/login", params={"next": elsewhere}).headers["location"] == "/sessions"


def test_logging_in_again_ends_the_login_the_cookie_held(server: ServerProcess) -> None:
    with server.client() as mine:
        account = sign_up(mine)
        first = mine.cookies["arraydojo_account"]
        assert mine.post("/api/login", json={"email": account["email"], "password": PASSWORD}).status_code == 200
        assert mine.cookies["arraydojo_account"] != first
    with server.client() as replay:
        replay.cookies.set("arraydojo_account", first)
        assert replay.get("/api/me").status_code == 401


def test_every_session_status_has_a_label() -> None:
    assert set(load_labels().session_statuses) == set(get_args(ClockStatus))
