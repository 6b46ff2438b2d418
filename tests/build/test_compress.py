"""Precompressed copies of the built site (build/compress.py): which files get them, that they decompress to their
source byte for byte, that they are the same at every build, and that stale copies go."""

from __future__ import annotations

import gzip
import os
import random
import time
from pathlib import Path

import brotli
import pytest

from helpcenter.build.compress import MIN_SIZE, TEXT_SUFFIXES, BrotliCache, precompress_site

PAGE = "<!doctype html><p>Reset your password from the sign-in page.</p>\n" * 100


@pytest.fixture
def site(tmp_path) -> Path:
    root = tmp_path / "site"
    (root / "assets").mkdir(parents=True)
    (root / "index.html").write_text(PAGE, encoding="utf-8")
    (root / "assets" / "app.js").write_text("function f(x) { return x + 1; }\n" * 100, encoding="utf-8")
    (root / "small.css").write_text("p { margin: 0 }", encoding="utf-8")  # under MIN_SIZE
    (root / "noise.txt").write_bytes(random.Random(25).randbytes(4096))  # compresses by less than 10 %
    (root / "logo.png").write_bytes(b"\x89PNG" + b"\0" * 4000)  # not text
    return root


def copies(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.suffix in (".gz", ".br")}


def test_text_files_worth_it_get_both_copies_that_decompress_to_them(site):
    report = precompress_site(site, cache_dir=None)
    assert copies(site) == {"index.html.gz", "index.html.br", "assets/app.js.gz", "assets/app.js.br"}
    for name in ("index.html", "assets/app.js"):
        source = (site / name).read_bytes()
        assert gzip.decompress((site / (name + ".gz")).read_bytes()) == source
        assert brotli.decompress((site / (name + ".br")).read_bytes()) == source
    assert report.files == 2
    assert report.original_bytes == len(PAGE) + (site / "assets" / "app.js").stat().st_size
    assert 0 < report.brotli_bytes < report.gzip_bytes < report.original_bytes


def test_copies_are_the_same_bytes_at_every_build(site, tmp_path):
    precompress_site(site, cache_dir=None)
    first = {name: (site / name).read_bytes() for name in copies(site)}
    for name in first:
        (site / name).unlink()
    precompress_site(site, cache_dir=tmp_path / "cache")
    assert {name: (site / name).read_bytes() for name in copies(site)} == first
    assert (site / "index.html.gz").read_bytes()[4:8] == b"\0\0\0\0"  # gzip's mtime field


def test_stale_copies_are_replaced_or_removed(site):
    precompress_site(site, cache_dir=None)
    (site / "index.html").write_text("<p>short</p>", encoding="utf-8")  # too small now
    (site / "assets" / "app.js").write_text("var y = 2;\n" * 200, encoding="utf-8")
    (site / "gone.json").unlink(missing_ok=True)
    (site / "gone.json.gz").write_bytes(gzip.compress(b"{}"))  # its source was removed
    (site / "data.tar.gz").write_bytes(b"not ours")  # not a copy of a text file: left alone
    report = precompress_site(site, cache_dir=None)
    assert copies(site) == {"assets/app.js.gz", "assets/app.js.br", "data.tar.gz"}
    assert brotli.decompress((site / "assets" / "app.js.br").read_bytes()) == b"var y = 2;\n" * 200
    assert report.removed == 3


def test_the_brotli_cache_is_used_and_forgets_copies_unused_for_long(site, tmp_path):
    cache = tmp_path / "cache"
    precompress_site(site, cache_dir=cache)
    entries = set(cache.iterdir())
    assert len(entries) == 3  # index.html, app.js, noise.txt (tried, not worth it)
    (site / "index.html.br").unlink()
    (site / "index.html").write_bytes((site / "index.html").read_bytes())
    for entry in entries:  # what the next build finds in the cache is what it writes
        entry.write_bytes(brotli.compress(b"from the cache " + entry.name.encode()))
    precompress_site(site, cache_dir=cache)
    assert brotli.decompress((site / "index.html.br").read_bytes()).startswith(b"from the cache ")
    old = time.time() - (BrotliCache.KEEP_DAYS + 1) * 86400
    for entry in entries:
        os.utime(entry, (old, old))
    (site / "assets" / "app.js").write_text("var z = 3;\n" * 200, encoding="utf-8")
    precompress_site(site, cache_dir=cache)
    # The copies this build used are kept (touched), the old app.js copy is gone, the new one is there.
    assert len(set(cache.iterdir()) & entries) == 2 and len(list(cache.iterdir())) == 3


def test_pages_get_their_own_brotli_quality(site):
    precompress_site(site, brotli_quality=11, page_brotli_quality=1, cache_dir=None)
    assert (site / "index.html.br").read_bytes() == brotli.compress(PAGE.encode(), mode=brotli.MODE_TEXT, quality=1)
    script = (site / "assets" / "app.js").read_bytes()
    assert (site / "assets" / "app.js.br").read_bytes() == brotli.compress(script, mode=brotli.MODE_TEXT, quality=11)


def test_every_kind_of_text_file_is_considered(tmp_path):
    for suffix in TEXT_SUFFIXES:
        (tmp_path / f"file{suffix}").write_text("a line of text " * MIN_SIZE, encoding="utf-8")
    precompress_site(tmp_path, cache_dir=None)
    assert len(copies(tmp_path)) == 2 * len(TEXT_SUFFIXES)
