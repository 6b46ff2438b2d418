"""Putting the locale builds' outputs together as one sequential build would have left them.

Each locale build in a worker writes into a folder of its own (two builds writing the site's root files at
once would race). The folders are then moved into the site in the order static-i18n builds the locales,
so a root file written by several locale builds ends as the last one's. The one root file whose content
depends on the order is static-i18n's sitemap.xml: built one after another, each locale's sitemap lists the
pages of every locale built before it, so the last one lists them all. Each worker's sitemap lists the
default locale's pages and its own; stitch_sitemaps() puts the locales' parts together again.
"""

from __future__ import annotations

import gzip
import io
import os
import shutil
import struct
from pathlib import Path

SITEMAP = "sitemap.xml"
_END = "</urlset>"


def merge_tree(source: Path, target: Path) -> None:
    """Move everything under source into target, replacing files that exist; source is removed."""
    target.mkdir(parents=True, exist_ok=True)
    with os.scandir(source) as entries:
        for entry in entries:
            destination = target / entry.name
            if entry.is_dir(follow_symlinks=False):
                if destination.is_dir() and not destination.is_symlink():
                    merge_tree(Path(entry.path), destination)
                    continue
                if destination.exists() or destination.is_symlink():
                    _remove(destination)
            os.replace(entry.path, destination)
    shutil.rmtree(source, ignore_errors=True)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


def stitch_sitemaps(default_sitemap: str, locale_sitemaps: list[str]) -> str | None:
    """The sitemap of a sequential build from the default locale's and each locale worker's sitemap (in
    build order). None when a sitemap does not have the expected shape (default part, own part, end)."""
    cut = default_sitemap.rfind(_END)
    if cut < 0:
        return None
    head, end = default_sitemap[:cut], default_sitemap[cut:]
    parts = []
    for sitemap in locale_sitemaps:
        if not (sitemap.startswith(head) and sitemap.endswith(end)):
            return None
        parts.append(sitemap[len(head):len(sitemap) - len(end)])
    return head + "".join(parts) + end


def gzip_as(text: str, reference: bytes, filename: str) -> bytes:
    """text gzipped the way MkDocs gzips the sitemap, with the modification time of reference (a .gz file)."""
    mtime = struct.unpack("<I", reference[4:8])[0] if len(reference) >= 8 else 0
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, filename=filename, mode="wb", mtime=mtime) as gz:
        gz.write(text.encode("utf-8"))
    return buffer.getvalue()


def read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None
