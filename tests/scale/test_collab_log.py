"""The shared document's log across hosts: of pushes at one version from separate engines, exactly one is stored."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from app import store
from app.database import Database


def _session(database: Database) -> str:
    with database.write() as conn:
        store.create_interview(conn, session_id="s" * 32, candidate_token_hash="c" * 64,
                               interviewer_token_hash="i" * 64, candidate_name=None, challenges=["softmax"],
                               duration_seconds=60.0, hints_allowed=False, candidate_may_start=False)
    return "s" * 32


def _race(url: str, from_version: int, hosts: int = 4) -> list[bool]:
    """Each "host" has its own engine and pushes at `from_version` at the same moment."""
    engines = [Database(url) for _ in range(hosts)]
    barrier = threading.Barrier(hosts)
    results: list[bool] = []

    def push(index: int) -> None:
        barrier.wait()
        with engines[index].write() as conn:
            results.append(store.append_updates(
                conn, session_id="s" * 32, challenge_id="softmax", from_version=from_version, text=f"host {index}",
                updates=[([0, [0, f"host {index}"]], f"h{index}")], author="candidate", now=store.utcnow()))

    threads = [threading.Thread(target=push, args=(i,)) for i in range(hosts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for engine in engines:
        engine.close()
    return results


def _check_one_stored(url: str) -> None:
    database = Database(url)
    try:
        database.migrate()
        session_id = _session(database)
        assert sorted(_race(url, 0)) == [False, False, False, True]  # the first update: the document row races
        assert sorted(_race(url, 1)) == [False, False, False, True]  # later ones: the version-guarded update
        with database.read() as conn:
            log = store.list_updates(conn, session_id=session_id, challenge_id="softmax")
            document = store.get_document(conn, session_id=session_id, challenge_id="softmax")
    finally:
        database.close()
    assert [u.version for u in log] == [1, 2]
    assert document is not None
    assert document.version == 2
    assert document.text == f"host {log[-1].client_id[1:]}"  # the text of the push that won, and only it


def test_one_of_concurrent_pushes_is_stored_on_postgresql(postgres_url: str) -> None:
    _check_one_stored(postgres_url)


def test_one_of_concurrent_pushes_is_stored_on_sqlite(tmp_path: Path) -> None:
    _check_one_stored(f"sqlite:///{tmp_path / 'collab.sqlite3'}")


@pytest.mark.parametrize("tamper", ["delete the document row", "rewind the document row"])
def test_a_push_at_a_version_already_logged_is_refused_and_leaves_nothing(tmp_path: Path, tamper: str) -> None:
    """UNIQUE (session, challenge, version) holds on its own, even if the document row were lost or stale."""
    database = Database(f"sqlite:///{tmp_path / 'collab.sqlite3'}")
    try:
        database.migrate()
        session_id = _session(database)
        with database.write() as conn:
            assert store.append_updates(conn, session_id=session_id, challenge_id="softmax", from_version=0,
                                        text="ab", updates=[([[0, "a"]], "x"), ([1, [0, "b"]], "x")],
                                        author="candidate", now=store.utcnow())
            if tamper == "delete the document row":  # the next push inserts it again, then logs version 1
                conn.execute(store.collab_documents.delete())
                from_version = 0
            else:  # the next push moves it from version 1, then logs version 2
                conn.execute(store.collab_documents.update().values(version=1, text="a"))
                from_version = 1
            stored = store.append_updates(conn, session_id=session_id, challenge_id="softmax",
                                          from_version=from_version, text="c", updates=[([[0, "c"]], "y")],
                                          author="candidate", now=store.utcnow())
            log = store.list_updates(conn, session_id=session_id, challenge_id="softmax")
            documents = store.list_documents(conn, session_id=session_id)
    finally:
        database.close()
    assert stored is False
    assert [(u.version, u.client_id) for u in log] == [(1, "x"), (2, "x")]
    assert [d.text for d in documents.values()] == ([] if tamper == "delete the document row" else ["a"])
