"""One 404 page per locale: every locale build renders the theme's 404.html to the site root, so each one is
moved into its locale folder and the default locale's page is put back at the root."""

from __future__ import annotations

import os
from pathlib import Path


def place_not_found_page(site_dir: str | os.PathLike, locale_prefix: str, default_page: bytes | None) -> bytes | None:
    """Call after each locale's build. Returns the default locale's page (pass it back on the next call)."""
    root_page = Path(site_dir) / "404.html"
    if not root_page.exists():
        return default_page
    if not locale_prefix:
        return root_page.read_bytes()
    target = Path(site_dir) / locale_prefix / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(root_page, target)
    if default_page is not None:
        root_page.write_bytes(default_page)
    return default_page
