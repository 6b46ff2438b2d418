"""The project's server for the built site (`helpcenter feedback serve --serve-site`) and the loopback server of the
tests with the same rules: each locale's own 404 page, Cache-Control, precompressed copies, security headers and a
Content-Security-Policy that lists exactly the inline code of the built pages."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import os
import time
from pathlib import Path

import brotli
import httpx
import pytest
from starlette.testclient import TestClient

from helpcenter.feedback.collector import CollectorSettings, create_app
from helpcenter.build.compress import precompress_site
from helpcenter.feedback.site_app import SiteRules, accepted_encodings, cache_control, inline_hashes
from helpcenter.static_server import serve_directory

INLINE = 'var palette=__md_get("__palette")'
CONFIG = '{"base": ".."}'


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def page(lang: str, body: str) -> str:
    return (f'<!doctype html><html lang="{lang}"><head><script>{INLINE}</script>'
            f'<script id="__config" type="application/json">{CONFIG}</script>'
            f'<script src="/assets/javascripts/bundle.0123abcd.min.js"></script></head><body>{body}</body></html>')


@pytest.fixture
def site(tmp_path) -> Path:
    root = tmp_path / "site"
    for locale in ("", "fr/", "zh-TW/"):
        lang = locale.strip("/") or "en"
        (root / locale / "security").mkdir(parents=True)
        (root / locale / "index.html").write_text(page(lang, f"home {lang}"), encoding="utf-8")
        (root / locale / "security" / "index.html").write_text(
            page(lang, f'<table><td style="text-align: right;">1</td></table>'), encoding="utf-8")
        (root / locale / "404.html").write_text(page(lang, f"not found {lang}"), encoding="utf-8")
    # "ja" is a locale of the catalogue without a 404 page of its own; "assets" is a folder, not a locale.
    (root / "ja").mkdir()
    (root / "assets" / "javascripts").mkdir(parents=True)
    (root / "assets" / "javascripts" / "bundle.0123abcd.min.js").write_text("console.log(1)", encoding="utf-8")
    (root / "assets" / "javascripts" / "feedback.js").write_text("console.log(2)", encoding="utf-8")
    (root / "articles.json").write_text(json.dumps({"default_locale": "en", "locales": ["en", "fr", "zh-TW", "ja"],
                                                     "categories": [], "articles": []}), encoding="utf-8")
    (root / "feedback.json").write_text(json.dumps({"reasons": ["unclear"], "comment_limit": 2000}), encoding="utf-8")
    return root


@pytest.fixture(params=["collector", "static_server"])
def get(request, site, tmp_path):
    """get(path) -> (status, headers, text) from the collector with --serve-site, or from the tests' server."""
    if request.param == "collector":
        client = TestClient(create_app(CollectorSettings(db=str(tmp_path / "votes.sqlite3"), site=str(site),
                                                         serve_site=True)))
        client.__enter__()
        request.addfinalizer(lambda: client.__exit__(None, None, None))
        fetch = client.get
    else:
        base, server = serve_directory(site, site_rules=True)
        request.addfinalizer(server.shutdown)
        plain = httpx.Client(base_url=base.rstrip("/"))
        request.addfinalizer(plain.close)
        fetch = plain.get

    def run(path: str):
        response = fetch(path, follow_redirects=False)
        return response.status_code, response.headers, response.text

    return run


@pytest.mark.parametrize("path,lang", [
    ("/fr/nope/", "fr"), ("/fr/security/gone/", "fr"), ("/zh-TW/x", "zh-TW"),
    ("/nope/", "en"), ("/de/nope/", "en"),  # not a locale of the site
    ("/ja/nope/", "en"),  # a locale without its own 404 page gets the site's
    ("/french/nope/", "en"),  # only a whole first segment names a locale
])
def test_a_missing_page_gets_its_locales_404_page(get, path, lang):
    status, headers, text = get(path)
    assert status == 404
    assert f'<html lang="{lang}"' in text and f"not found {lang}" in text
    assert headers["content-type"].startswith("text/html")
    assert headers["cache-control"] == "no-cache"


def test_pages_are_served_and_folders_get_their_slash(get):
    status, _, text = get("/fr/security/")
    assert status == 200 and '<html lang="fr"' in text
    status, headers, _ = get("/fr/security")
    assert status in (301, 307) and headers["location"].endswith("/fr/security/")


@pytest.mark.parametrize("path,expected", [
    ("/assets/javascripts/bundle.0123abcd.min.js", "public, max-age=31536000, immutable"),
    ("/assets/javascripts/feedback.js", "no-cache"),
    ("/fr/", "no-cache"),
    ("/articles.json", "no-cache"),
])
def test_cache_control(get, path, expected):
    status, headers, _ = get(path)
    assert status == 200
    assert headers["cache-control"] == expected


def test_cache_control_rule():
    assert cache_control("assets/stylesheets/main.57a0d79d.min.css") == "public, max-age=31536000, immutable"
    assert cache_control("assets/javascripts/workers/search.f8cc74c7.min.js") == "public, max-age=31536000, immutable"
    assert cache_control("assets/stylesheets/main.57a0d79d.min.css.map") == "public, max-age=31536000, immutable"
    # Not Material's 8-digit hash: revalidated.
    for path in ("assets/stylesheets/helpcenter.css", "assets/javascripts/bundle.57a0d79.min.js",
                 "assets/javascripts/bundle.57a0d79g.min.js", "search/search_index.json", "security/"):
        assert cache_control(path) == "no-cache", path


@pytest.mark.parametrize("path", ["/", "/fr/", "/fr/nope/", "/assets/javascripts/feedback.js", "/articles.json"])
def test_security_headers_on_every_response(get, path):
    _, headers, _ = get(path)
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    policy = dict(part.strip().split(" ", 1) for part in headers["content-security-policy"].split(";"))
    assert policy["default-src"] == "'self'"
    assert policy["script-src"].split() == ["'self'", sha(INLINE)]  # the inline script, not the JSON config
    assert "'unsafe-inline'" not in headers["content-security-policy"]
    assert policy["style-src-attr"].split() == ["'unsafe-hashes'", sha("text-align: right;")]
    assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'none'"


def test_the_api_keeps_its_own_headers(site, tmp_path):
    settings = CollectorSettings(db=str(tmp_path / "votes.sqlite3"), site=str(site), serve_site=True)
    with TestClient(create_app(settings)) as client:
        response = client.get("/api/health")
    assert response.status_code == 200 and response.headers["cache-control"] == "no-store"


def test_inline_hashes_skip_data_blocks_and_external_scripts():
    code = inline_hashes(
        "<script>a()</script><script type='module'>b()</script><script type=\"application/ld+json\">{}</script>"
        "<script src=x.js></script><p style='color: red'>x</p><div style=\"\">y</div>"
        "<span style=\"font-family: &quot;Noto Sans&quot;\">z</span><style>p { margin: 0 }</style>")
    assert code.scripts == {sha("a()"), sha("b()")}
    assert code.styles == {sha("p { margin: 0 }")}
    assert code.style_attributes == {sha("color: red"), sha(""), sha('font-family: "Noto Sans"')}


def test_a_style_element_of_the_site_is_allowed_by_its_hash(site, tmp_path):
    (site / "report.html").write_text("<!doctype html><style>body{margin:0}</style><p>report</p>", encoding="utf-8")
    policy = SiteRules.for_site(site).content_security_policy
    style_src = next(part for part in policy.split("; ") if part.startswith("style-src "))
    assert style_src.split()[1:] == ["'self'", sha("body{margin:0}")]


def test_a_rebuilt_site_is_read_again(site, tmp_path):
    client = TestClient(create_app(CollectorSettings(db=str(tmp_path / "votes.sqlite3"), site=str(site), serve_site=True)))
    with client:
        assert client.get("/de/nope/").text.count("not found en") == 1
        (site / "de").mkdir()
        (site / "de" / "404.html").write_text(page("de", "not found de").replace(INLINE, "rebuilt()"), encoding="utf-8")
        catalogue = json.loads((site / "articles.json").read_text())
        catalogue["locales"].append("de")
        (site / "articles.json").write_text(json.dumps(catalogue))
        stamp = time.time() + 5
        os.utime(site / "articles.json", (stamp, stamp))
        response = client.get("/de/nope/")
        assert response.status_code == 404 and "not found de" in response.text
        assert sha("rebuilt()") in response.headers["content-security-policy"]


def test_rules_of_a_missing_folder_are_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="not a folder"):
        SiteRules.for_site(tmp_path / "nope")


@pytest.fixture
def compressed_site(site) -> Path:
    """The site with a large page and stylesheet, and their precompressed copies as the build writes them."""
    (site / "guide").mkdir()
    (site / "guide" / "index.html").write_text(page("en", "<p>step by step</p>" * 300), encoding="utf-8")
    (site / "assets" / "stylesheets").mkdir()
    (site / "assets" / "stylesheets" / "theme.0a1b2c3d.css").write_text(".hc-card { margin: 0 }\n" * 200)
    precompress_site(site, cache_dir=None)
    assert (site / "guide" / "index.html.br").is_file() and (site / "guide" / "index.html.gz").is_file()
    return site


@pytest.fixture(params=["collector", "static_server"])
def raw_get(request, compressed_site, tmp_path):
    """raw_get(path, accept_encoding) -> (status, headers, body as sent, not decoded)."""
    if request.param == "collector":
        client = TestClient(create_app(CollectorSettings(db=str(tmp_path / "votes.sqlite3"), site=str(compressed_site),
                                                         serve_site=True)))
        client.__enter__()
        request.addfinalizer(lambda: client.__exit__(None, None, None))
    else:
        base, server = serve_directory(compressed_site, site_rules=True)
        request.addfinalizer(server.shutdown)
        client = httpx.Client(base_url=base.rstrip("/"))
        request.addfinalizer(client.close)

    def run(path: str, accept_encoding: str, headers: dict | None = None):
        with client.stream("GET", path, headers=headers or {"Accept-Encoding": accept_encoding}) as response:
            return response.status_code, response.headers, b"".join(response.iter_raw())

    return run


@pytest.mark.parametrize("path,source", [("/guide/", "guide/index.html"),
                                         ("/guide/index.html", "guide/index.html"),
                                         ("/assets/stylesheets/theme.0a1b2c3d.css", "assets/stylesheets/theme.0a1b2c3d.css")])
@pytest.mark.parametrize("accept,coding", [
    ("gzip, deflate, br", "br"), ("br;q=1.0, gzip;q=0.5", "br"), ("gzip", "gzip"), ("br;q=0, gzip", "gzip"),
    ("*", "br"), ("*, br;q=0", "gzip"), ("identity", None), ("", None), ("gzip;q=0, br;q=0", None)])
def test_precompressed_copies_are_sent_to_clients_that_take_them(raw_get, compressed_site, path, source, accept, coding):
    status, headers, body = raw_get(path, accept)
    original = (compressed_site / source).read_bytes()
    assert status == 200
    assert headers["vary"] == "Accept-Encoding"
    assert headers.get("content-encoding") == coding
    assert headers["content-type"].split(";")[0] == ("text/html" if source.endswith(".html") else "text/css")
    assert int(headers["content-length"]) == len(body)
    decoded = {"br": brotli.decompress, "gzip": gzip.decompress, None: lambda data: data}[coding](body)
    assert decoded == original
    if coding:
        assert len(body) < len(original)


def test_a_file_without_copies_is_sent_as_it_is_without_vary(raw_get):
    status, headers, body = raw_get("/assets/javascripts/feedback.js", "gzip, br")
    assert status == 200 and body == b"console.log(2)"
    assert "content-encoding" not in headers and "vary" not in headers


def test_the_404_page_is_compressed_too(raw_get, compressed_site):
    (compressed_site / "404.html").write_text(page("en", "not found en " * 200), encoding="utf-8")
    precompress_site(compressed_site, cache_dir=None)
    status, headers, body = raw_get("/nope/", "br")
    assert status == 404 and headers["content-type"].startswith("text/html")
    assert headers.get("content-encoding") == "br"
    assert brotli.decompress(body) == (compressed_site / "404.html").read_bytes()


def test_accepted_encodings():
    assert accepted_encodings("gzip, deflate, br, zstd") == {"gzip", "deflate", "br", "zstd"}
    assert accepted_encodings("br;q=0, gzip;q=0.8") == {"gzip"}
    assert accepted_encodings("*;q=0.5, gzip;q=0") == {"br"}
    assert accepted_encodings("gzip;q=zero") == set()
    assert accepted_encodings(None) == set()


@pytest.mark.parametrize("accept", ["br", "gzip", "identity"])
def test_a_revalidation_of_an_unchanged_file_is_answered_304(raw_get, accept):
    status, headers, _ = raw_get("/guide/", accept)
    assert status == 200
    # The collector's server sends an ETag (of the copy sent), the tests' server only Last-Modified.
    validator = ({"If-None-Match": headers["etag"]} if "etag" in headers
                 else {"If-Modified-Since": headers["last-modified"]})
    client_headers = {"Accept-Encoding": accept, **validator}
    status, headers, body = raw_get("/guide/", accept, client_headers)
    assert status == 304 and body == b"" and headers["vary"] == "Accept-Encoding"
