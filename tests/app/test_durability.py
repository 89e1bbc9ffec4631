"""kill -9 the server while it grades: earlier submissions survive, the interrupted one says so."""

from __future__ import annotations

import contextlib
import threading
import time
from pathlib import Path

import httpx
import pytest

from tests._server import ServerProcess

SOFTMAX = Path(__file__).resolve().parent.parent / "challenges" / "solutions" / "softmax"
SLOW = "import time\ntime.sleep(3)\n\ndef softmax(z, axis=-1):\n    return z\n"


@pytest.mark.slow
def test_kill_9_mid_grade_keeps_earlier_submissions_and_marks_the_interrupted_one(
        tmp_path: Path, app_database: Path | str) -> None:
    server = ServerProcess(app_database, tmp_path / "server.log").start()
    client = server.client()
    try:
        earlier = [
            client.post("/api/challenges/softmax/submit", json={"code": (SOFTMAX / name).read_text()}).json()
            for name in ("accepted__vectorized.py", "wrong_answer__unstable.py")
        ]
        client.put("/api/drafts/softmax", json={"code": "# draft before the crash\n"})

        def slow_submit() -> None:
            with contextlib.suppress(httpx.TransportError):  # the server dies under it: expected
                client.post("/api/challenges/softmax/submit", json={"code": SLOW},
                            headers={"x-grade-ticket": "doomed"})

        grading = threading.Thread(target=slow_submit)
        grading.start()
        with server.client() as watcher:
            deadline = time.monotonic() + 10
            while watcher.get("/api/queue/doomed").json()["state"] != "running":
                assert time.monotonic() < deadline, "the slow submission never started"
                time.sleep(0.05)
        time.sleep(0.3)  # inside the sandbox job now
        server.kill()
        grading.join()

        server.start()
        client.close()
        client = httpx.Client(base_url=server.url, cookies=client.cookies, timeout=60)
        for report in earlier:
            stored = client.get(f"/api/submissions/{report['attempt_id']}").json()
            assert stored["status"] == "graded"
            assert stored["verdict"] == report["verdict"]
            assert stored["report"]["tests"] == report["tests"]
        assert client.get("/api/drafts/softmax").json()["code"] == "# draft before the crash\n"
        submissions = client.get("/api/progress/export").json()["submissions"]
        assert [s["status"] for s in submissions] == ["graded", "graded", "interrupted"]
        assert submissions[-1]["code"] == SLOW
        assert submissions[-1]["verdict"] is None
        page = client.get("/challenges/softmax").text
        assert "was interrupted" in page
        assert "Interrupted" in page
    finally:
        client.close()
        server.stop()
