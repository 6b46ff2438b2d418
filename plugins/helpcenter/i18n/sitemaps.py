"""Sitemaps: a small one per locale for readers' browsers, one with hreflang alternates for search engines.

static-i18n writes `sitemap.xml` with an `<xhtml:link rel="alternate" hreflang=…>` for every locale in every
`<url>`: with 11 locales that is 12 lines per page (17 MB for 1,000 articles per locale). Material's instant
navigation downloads the sitemap under its `base` and parses it on the main thread at every page load, and
reads only the `<loc>` of each `<url>`: a link it finds there is loaded in place, any other link is followed
as usual. With the site's root as every locale's `base`, each page load parsed every locale's addresses
(11,000 at 1,000 articles × 11 locales), which held up the reader's first search results.

So the build leaves:
- `sitemap.xml` (the default locale) and `<locale>/sitemap.xml`: each locale's addresses and nothing else.
  Each locale's pages point Material's `base` at their locale's root (search.js), so they read their own;
  a link into another locale is followed as a normal page load, which the change of language needs anyway;
- `sitemap-hreflang.xml`: static-i18n's sitemap as it was (every page, lastmod, alternates), for search
  engines;
- `robots.txt`: names `sitemap-hreflang.xml` (a `robots.txt` written by hand keeps its lines).

What search engines see: only pages worth indexing. Private pages (for the team) are in no sitemap and carry
`noindex`. A fallback copy (a locale's address showing the default locale's article) is the same text as the
default locale's page and names that page canonical, so `sitemap-hreflang.xml` lists neither the copy nor an
hreflang alternate pointing to it: a locale's alternate is a page in that language. The lean per-locale
sitemaps keep the fallback copies: instant navigation loads in place only the links they list, no search
engine is given them (robots.txt names the hreflang one), and the copies' canonical link says what to index.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Iterable
from urllib.parse import urljoin

if TYPE_CHECKING:
    from ..articles.model import HelpCenter

SITEMAP = "sitemap.xml"
HREFLANG_SITEMAP = "sitemap-hreflang.xml"
ROBOTS = "robots.txt"

_URLSET_OPEN = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
_LOC = re.compile(r"<url>\s*<loc>([^<]*)</loc>")


def locale_sitemaps(sitemap: str, site_url: str, locales: list[str], default: str) -> dict[str, str] | None:
    """{site-relative path: lean sitemap} for each locale, from static-i18n's sitemap: `sitemap.xml` holds
    the addresses under no other locale's folder, `zh/sitemap.xml` those under `zh/`. None when the sitemap
    has no alternates (a single-locale site, or sitemaps this function already wrote)."""
    if "<urlset" not in sitemap or "hreflang=" not in sitemap:
        return None
    root = site_url if site_url.endswith("/") else site_url + "/"
    folders = {f"{root}{locale}/": locale for locale in locales if locale != default}
    addresses: dict[str, list[str]] = {locale: [] for locale in locales}
    addresses.setdefault(default, [])
    for loc in _LOC.findall(sitemap):
        folder = loc[:loc.find("/", len(root)) + 1] if loc.startswith(root) else ""
        addresses[folders.get(folder, default)].append(loc)
    return {(SITEMAP if locale == default else f"{locale}/{SITEMAP}"): _urlset(locs)
            for locale, locs in addresses.items()}


_URL_ENTRY = re.compile(r"[ \t]*<url>.*?</url>[ \t]*\n?", re.S)
_ALTERNATE = re.compile(r'[ \t]*<xhtml:link rel="alternate" hreflang="[^"]*" href="([^"]*)"/>[ \t]*\n?')


def without_addresses(sitemap: str, excluded: Iterable[str]) -> str:
    """static-i18n's sitemap without the `<url>` entries of the `excluded` addresses (absolute URLs) and
    without the hreflang alternates that point to them."""
    excluded = set(excluded)
    if not excluded:
        return sitemap

    def entry(match: re.Match) -> str:
        loc = _LOC.search(match.group(0))
        if loc and html.unescape(loc.group(1)) in excluded:
            return ""
        return _ALTERNATE.sub(lambda link: "" if html.unescape(link.group(1)) in excluded else link.group(0),
                              match.group(0))

    return _URL_ENTRY.sub(entry, sitemap)


def fallback_addresses(hc: "HelpCenter", site_url: str) -> set[str]:
    """Absolute URLs of the fallback copies: each locale's address of an article it has no translation of."""
    root = site_url if site_url.endswith("/") else site_url + "/"
    return {root + hc.url(hc.article(article_id, locale), locale)
            for locale in hc.locales if locale != hc.default_locale
            for article_id in hc.ids() if hc.state(article_id, locale) == "fallback"}


def locale_addresses(urls: Iterable[str], site_url: str, locales: Iterable[str], default: str) -> set[str]:
    """Absolute URLs of site-relative `urls` (of the default locale) in every locale's folder."""
    root = site_url if site_url.endswith("/") else site_url + "/"
    prefixes = ["" if locale == default else f"{locale}/" for locale in locales]
    return {root + prefix + url for url in urls for prefix in prefixes}


def _urlset(locations: list[str]) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', _URLSET_OPEN]
    lines += [f"<url><loc>{loc}</loc></url>" for loc in locations]
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(existing: str | None, site_url: str) -> str:
    """robots.txt naming the hreflang sitemap; a robots.txt from the docs keeps its lines, and gets the
    `Sitemap:` line only when it names none."""
    line = f"Sitemap: {urljoin(site_url if site_url.endswith('/') else site_url + '/', HREFLANG_SITEMAP)}"
    if existing is None:
        return f"User-agent: *\nAllow: /\n\n{line}\n"
    if re.search(r"(?im)^\s*sitemap\s*:", existing):
        return existing
    return existing.rstrip("\n") + f"\n\n{line}\n"


def without_hreflang_links(head: str) -> str:
    """A page head without Material's `<link rel="alternate" hreflang>` tags (one per line) and blank lines.
    Search engines find the alternates in sitemap-hreflang.xml; for each of those tags, Material downloads and
    parses a sitemap on the main thread at every page load (the whole site's on a locale's home page)."""
    return "".join("\n" + line for line in head.split("\n") if line.strip() and not (
        line.lstrip().startswith('<link rel="alternate" href=') and "hreflang=" in line))
