"""The shipped help center as its server sends it: every precompressed copy the build wrote decompresses to its
source byte for byte, and the project's server (`helpcenter feedback serve --serve-site`, and the tests' loopback
server with its rules) sends them with Content-Encoding and Vary, and the plain file to clients that take neither."""

from __future__ import annotations

import gzip

import brotli
import httpx
import pytest
from starlette.testclient import TestClient

from helpcenter.build.compress import MIN_SIZE, TEXT_SUFFIXES
from helpcenter.feedback.collector import CollectorSettings, create_app
from helpcenter.static_server import serve_directory


def test_every_copy_decompresses_to_its_source(built_site):
    checked = 0
    for copy in sorted(built_site.rglob("*.br")) + sorted(built_site.rglob("*.gz")):
        source = copy.with_suffix("")
        assert source.is_file(), f"{copy} has no source"
        decompress = brotli.decompress if copy.suffix == ".br" else gzip.decompress
        assert decompress(copy.read_bytes()) == source.read_bytes(), copy
        checked += 1
    assert checked > 1000  # 11 locales' pages, search indexes, stylesheets and scripts


def test_large_text_files_have_both_copies(built_site):
    for relative in ("index.html", "zh/index.html", "zh/search/helpcenter_index.json", "articles.json",
                     "assets/stylesheets/helpcenter.css" if (built_site / "assets/stylesheets/helpcenter.css").exists()
                     else "sitemap.xml"):
        assert (built_site / (relative + ".br")).is_file() and (built_site / (relative + ".gz")).is_file(), relative
    missing = [p for p in built_site.rglob("*.html")
               if p.stat().st_size >= 4 * MIN_SIZE and not p.with_name(p.name + ".br").is_file()]
    assert not missing, missing[:5]
    assert all(p.suffix in TEXT_SUFFIXES for p in (c.with_suffix("") for c in built_site.rglob("*.br")))


@pytest.fixture(params=["collector", "static_server"], scope="module")
def client(request, built_site, tmp_path_factory):
    if request.param == "collector":
        db = tmp_path_factory.mktemp("votes") / "votes.sqlite3"
        client = TestClient(create_app(CollectorSettings(db=str(db), site=str(built_site), serve_site=True)))
        client.__enter__()
        request.addfinalizer(lambda: client.__exit__(None, None, None))
        return client
    base, server = serve_directory(built_site, site_rules=True)
    request.addfinalizer(server.shutdown)
    client = httpx.Client(base_url=base.rstrip("/"))
    request.addfinalizer(client.close)
    return client


@pytest.mark.parametrize("path,source", [("/", "index.html"), ("/zh/", "zh/index.html"),
                                         ("/zh/search/helpcenter_index.json", "zh/search/helpcenter_index.json")])
@pytest.mark.parametrize("accept,coding", [("gzip, deflate, br", "br"), ("gzip", "gzip"), ("identity", None)])
def test_the_server_sends_the_copy_the_client_takes(client, built_site, path, source, accept, coding):
    with client.stream("GET", path, headers={"Accept-Encoding": accept}) as response:
        body = b"".join(response.iter_raw())
    assert response.status_code == 200
    assert response.headers["vary"] == "Accept-Encoding"
    assert response.headers.get("content-encoding") == coding
    assert response.headers["cache-control"] == "no-cache"
    decompress = {"br": brotli.decompress, "gzip": gzip.decompress, None: bytes}[coding]
    assert decompress(body) == (built_site / source).read_bytes()
