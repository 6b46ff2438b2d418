"""Fallback pages reuse the default locale's render.

A locale without its own translation of an article shows the default locale's file (static-i18n's
fallback), and would convert the same Markdown to HTML again. The HTML is the same as the default
locale's as long as every relative link in it points to a page that moved with it: the default locale's
`security/x/` links `../y/`, and the fallback page `zh/security/x/` links `zh/security/y/` with the same
`../y/`. A link to a file that stays put (an image only the default locale has) would differ, so such a
page is converted again.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

_REFERENCE = re.compile(r'\s(?:href|src|srcset|poster|data)="([^"]*)"')


@dataclass(frozen=True)
class Render:
    """What Page.render produced for one page of the default locale."""

    page_url: str  # e.g. 'security/x/'
    results: dict  # the page attributes Page.render sets (content, toc, ...)
    targets: frozenset[str]  # site-relative URLs the content's relative links point to


def render_key(norm_src_uri: str, markdown: str, markdown_settings: str) -> tuple[str, str]:
    digest = hashlib.sha1(markdown.encode("utf-8"))
    digest.update(markdown_settings.encode("utf-8"))
    return norm_src_uri, digest.hexdigest()


def markdown_settings(config) -> str:
    """What, besides the Markdown, decides the HTML: the extensions and their settings."""
    return repr((config["markdown_extensions"], sorted((config["mdx_configs"] or {}).items(), key=lambda kv: kv[0])))


def relative_targets(html: str, page_url: str) -> frozenset[str]:
    """Site-relative URLs (no fragment or query) of every relative reference in html, resolved from page_url.

    Absolute URLs, protocol-relative and root-relative paths and same-page anchors are left out: they read
    the same on every page.
    """
    base = "/" + page_url
    targets = set()
    for value in _REFERENCE.findall(html):
        for reference in value.split(",") if " " in value.strip() else [value]:
            reference = reference.strip().split(" ")[0]
            if not reference or reference.startswith(("#", "/")):
                continue
            parts = urlsplit(reference)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(base) if not base.endswith("/") else base,
                                                         parts.path))
            target = resolved.lstrip("/")
            if parts.path.endswith("/") and target:
                target += "/"
            targets.add(target)
    return frozenset(targets)


def moves_with_page(targets: frozenset[str], prefix: str, site_urls: set[str]) -> bool:
    """True when every target has a counterpart under the locale's prefix (e.g. 'zh/'), so the relative
    links of the default locale's render are also right for the locale's copy of the page."""
    return all(_normalized(prefix + target) in site_urls for target in targets)


def _normalized(url: str) -> str:
    return url[:-len("index.html")] if url.endswith("/index.html") else url


def site_urls(files) -> set[str]:
    """Every URL a build's files are written to, in the form relative_targets() gives."""
    urls = set()
    for file in files:
        url = file.url
        if url in ("", "./"):
            urls.add("")
            continue
        urls.add(_normalized(url))
    return urls


class RenderCache:
    """Renders of one build's pages: the default locale's, for its fallback pages in the other locales, and
    under `mkdocs serve` every page's, so a rebuild converts again only the Markdown that changed."""

    def __init__(self):
        self._renders: dict[tuple[str, str], dict[str, Render]] = {}
        self._previous: dict[tuple[str, str], dict[str, Render]] = {}
        self.reused = 0
        self.converted = 0

    def clear(self) -> None:
        self._renders.clear()
        self._previous.clear()
        self.reused = self.converted = 0

    def next_build(self) -> None:
        """Keep the last build's renders for this build to find; those it does not use are then dropped."""
        self._previous, self._renders = self._renders, {}
        self.reused = self.converted = 0

    def store(self, key: tuple[str, str], render: Render) -> None:
        self._renders.setdefault(key, {})[render.page_url] = render

    def find(self, key: tuple[str, str], page_url: str, urls: set[str]) -> Render | None:
        """A render stored under key that is right at page_url: the same page's (its link targets still
        exist), or the render of the page the one at page_url is a copy of (e.g. 'zh/security/x/' of
        'security/x/', when every link target has a copy under 'zh/')."""
        for generation in (self._renders, self._previous):
            for render in generation.get(key, {}).values():
                if not page_url.endswith(render.page_url):
                    continue
                prefix = page_url[:len(page_url) - len(render.page_url)]
                if moves_with_page(render.targets, prefix, urls):
                    if generation is self._previous:
                        self.store(key, render)
                    return render
        return None

    def __len__(self) -> int:
        return sum(len(renders) for renders in self._renders.values())
