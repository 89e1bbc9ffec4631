"""Static files come from a manifest fixed at start: exactly static/'s files, by their exact names only.

Any other spelling (dot segments, NUL, encoded slashes, 300-byte names) is a 404 that costs no
memory: the old cache kept a copy per spelling (150 spellings of editor.js held 110 MiB).
"""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import httpx
import pytest
from starlette.requests import Request

from app.assets import Assets
from app.errors import NotFoundError
from tests._server import ServerProcess
from tests.app._raw_http import raw_request

STATIC = Path(__file__).resolve().parent.parent.parent / "static"

SPELLINGS = [
    "/static/nN/../editor.js", "/static/./editor.js", "/static//editor.js", "/static/editor.js/",
    "/static/editor.js%00", "/static/x%00", "/static/%00", "/static/%2e%2e/app/config.py",
    "/static/..%2Fapp%2Fconfig.py", "/static/../app/config.py", "/static/editor%2Ejs", "/static/EDITOR.JS",
    "/static/editor.js%20", "/static/%ff", "/static/" + "a" * 300, "/static/" + "%C3%A9" * 200,
    "/static/" + "a/" * 200 + "editor.js", "/static/.hidden", "/static/editor.js;x",
]


def files_on_disk() -> dict[str, bytes]:
    return {p.relative_to(STATIC).as_posix(): p.read_bytes() for p in STATIC.rglob("*")
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(STATIC).parts)}


def test_the_manifest_holds_exactly_the_files_in_static() -> None:
    assert Assets(STATIC).names() == set(files_on_disk())


def test_every_file_is_served_with_its_etag_and_gzip(client: httpx.Client) -> None:
    for name, body in files_on_disk().items():
        response = client.get(f"/static/{name}", headers={"accept-encoding": "gzip"})
        assert response.status_code == 200, name
        assert response.content == body  # httpx undoes the gzip
        assert response.headers["etag"] == f'"{hashlib.sha256(body).hexdigest()[:12]}"'
        assert response.headers["x-content-type-options"] == "nosniff"
        again = client.get(f"/static/{name}", headers={"if-none-match": response.headers["etag"]})
        assert again.status_code == 304


def test_a_versioned_url_is_cached_for_a_year_and_a_bare_one_revalidated(client: httpx.Client) -> None:
    page = client.get("/challenges/softmax").text
    digest = hashlib.sha256((STATIC / "editor.js").read_bytes()).hexdigest()[:12]
    assert f"/static/editor.js?v={digest}" in page
    assert "immutable" in client.get(f"/static/editor.js?v={digest}").headers["cache-control"]
    assert client.get("/static/editor.js").headers["cache-control"] == "no-cache"


def test_the_gzipped_bytes_are_the_file(server_url: str) -> None:
    response = raw_request(server_url, "GET", "/static/editor.js", headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert gzip.decompress(response.body) == (STATIC / "editor.js").read_bytes()


@pytest.mark.parametrize("path", SPELLINGS)
def test_other_spellings_of_a_static_name_are_404(server_url: str, path: str) -> None:
    response = raw_request(server_url, "GET", path)
    assert response.status == 404, (path, response.body[:200])
    assert b"ArrayDojo editor" not in response.body
    assert b"BaseSettings" not in response.body


def test_500_spellings_of_editor_js_add_no_memory(server: ServerProcess) -> None:
    def spell(count: int, offset: int) -> None:
        for i in range(offset, offset + count):
            response = raw_request(server.url, "GET", f"/static/n{i}/../editor.js", headers={"Accept-Encoding": "gzip"})
            assert response.status == 404

    spell(50, 0)  # warm up the server's own allocations
    before = server.rss_bytes()
    spell(500, 1000)
    grown = server.rss_bytes() - before
    # The old per-spelling cache grew by ~0.7 MiB a spelling (350 MiB here); allow allocator noise only.
    assert grown < 16 * 1024 * 1024, f"the server grew by {grown / 2**20:.1f} MiB"


def test_looking_up_500_spellings_leaves_the_manifest_as_it_was() -> None:
    assets = Assets(STATIC)
    size = len(assets)
    for i in range(500):
        name = f"n{i}/../editor.js"
        scope = {"type": "http", "method": "GET", "path": f"/static/{name}", "raw_path": f"/static/{name}".encode(),
                 "query_string": b"", "headers": []}
        with pytest.raises(NotFoundError):
            assets.response(Request(scope), name)
    assert len(assets) == size
