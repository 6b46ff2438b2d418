"""Precompressed copies of a built site's text files: `page.html.gz` (gzip -9) and `page.html.br` (Brotli) next to
`page.html`, for servers that send a file's compressed copy as it is (nginx's gzip_static and brotli_static, the
project's server) instead of compressing each response.

A copy is written only where it pays: files of at least MIN_SIZE bytes that it makes at least MIN_SAVING smaller.
The gzip copies carry no name and mtime 0, so the same file always gives the same bytes. Brotli at quality 11 is
slow (a few seconds per MB, ~40 MB of pages for 11 locales): it is used for the scripts, stylesheets and search
indexes, which browsers keep and share between pages; pages, each fetched once and revalidated, get quality 9
(7 times as fast, ~9 % larger). Brotli copies are kept in a cache folder by their source's SHA-256 (shared by
a project's copies and worktrees): a rebuild compresses only what changed.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path

import brotli

TEXT_SUFFIXES = frozenset({".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map"})
ENCODINGS = {".br": "br", ".gz": "gzip"}  # a copy's suffix -> its Content-Encoding
MIN_SIZE = 1024
MIN_SAVING = 0.10


def gzip_bytes(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


def brotli_bytes(data: bytes, quality: int = 11) -> bytes:
    return brotli.compress(data, mode=brotli.MODE_TEXT, quality=quality)


def worth_it(original: int, compressed: int) -> bool:
    return original >= MIN_SIZE and compressed <= original * (1 - MIN_SAVING)


def default_cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "helpcenter" / "compressed"


class BrotliCache:
    """Brotli copies by the SHA-256 of their source and the quality, in a folder that builds of several projects
    may share; a copy is touched when used, and `prune` drops those unused for KEEP_DAYS."""

    KEEP_DAYS = 14

    def __init__(self, folder: str | Path | None):
        self.folder = Path(folder) if folder else None
        self.hits = 0

    def compress(self, data: bytes, quality: int) -> bytes:
        if self.folder is None:
            return brotli_bytes(data, quality)
        cached = self.folder / f"{hashlib.sha256(data).hexdigest()}.q{quality}.br"
        try:
            result = cached.read_bytes()
            os.utime(cached)
            self.hits += 1
            return result
        except OSError:
            pass
        result = brotli_bytes(data, quality)
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = cached.with_name(f"{cached.name}.{os.getpid()}.part")
        partial.write_bytes(result)
        partial.replace(cached)
        return result

    def prune(self, now: float | None = None) -> None:
        if self.folder is None or not self.folder.is_dir():
            return
        oldest = (time.time() if now is None else now) - self.KEEP_DAYS * 86400
        for entry in self.folder.iterdir():
            try:
                if entry.stat().st_mtime < oldest:
                    entry.unlink()
            except OSError:
                pass  # another build removed or replaced it


@dataclass
class CompressionReport:
    files: int = 0  # text files that got at least one copy
    original_bytes: int = 0
    gzip_bytes: int = 0
    brotli_bytes: int = 0
    removed: int = 0  # stale copies (of a file that changed so they no longer pay, or is gone)


def precompress_site(site_dir: str | Path, *, brotli_quality: int = 11, page_brotli_quality: int = 9,
                     cache_dir: str | Path | None = None) -> CompressionReport:
    """Writes the .gz and .br copies of every text file of `site_dir` that is worth it, and removes copies that
    no longer match a file (a --dirty build keeps the site folder)."""
    root = Path(site_dir)
    cache = BrotliCache(cache_dir)
    report = CompressionReport()
    for path in sorted(root.rglob("*")):
        if path.suffix in ENCODINGS:
            if not _is_text(path.with_suffix("")):  # a copy without its source
                if path.with_suffix("").suffix in TEXT_SUFFIXES:
                    path.unlink()
                    report.removed += 1
            continue
        if not _is_text(path):
            continue
        data = path.read_bytes()
        copies = {}
        if len(data) >= MIN_SIZE:
            quality = page_brotli_quality if path.suffix == ".html" else brotli_quality
            copies = {".gz": gzip_bytes(data), ".br": cache.compress(data, quality)}
        written = False
        for suffix, compressed in copies.items():
            target = path.with_name(path.name + suffix)
            if worth_it(len(data), len(compressed)):
                if not (target.is_file() and target.read_bytes() == compressed):
                    target.write_bytes(compressed)
                written = True
                if suffix == ".gz":
                    report.gzip_bytes += len(compressed)
                else:
                    report.brotli_bytes += len(compressed)
            elif target.exists():
                target.unlink()
                report.removed += 1
        for suffix in ENCODINGS:
            target = path.with_name(path.name + suffix)
            if not copies and target.exists():
                target.unlink()
                report.removed += 1
        if written:
            report.files += 1
            report.original_bytes += len(data)
    cache.prune()
    return report


def _is_text(path: Path) -> bool:
    return path.suffix in TEXT_SUFFIXES and path.is_file()
