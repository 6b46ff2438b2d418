"""Two sitemaps: a lean one for readers' browsers and one with hreflang alternates for search engines.

static-i18n writes `sitemap.xml` with an `<xhtml:link rel="alternate" hreflang=…>` for every locale in every
`<url>`: with 11 locales that is 12 lines per page (17 MB for 1,000 articles per locale). Material's instant
navigation downloads `sitemap.xml` and parses it on the main thread at every page load, twice (once to know
which links it may load itself, once for its alternate-language links), and reads only the `<loc>` of each
`<url>` (its `extract()` keeps the alternates, but only versioned sites read them). The parse blocked the
page for seconds, search results included.

So the build leaves:
- `sitemap.xml`: every page's `<loc>` and nothing else, what Material reads;
- `sitemap-hreflang.xml`: static-i18n's sitemap as it was (lastmod, alternates), for search engines;
- `robots.txt`: names `sitemap-hreflang.xml` (a `robots.txt` written by hand keeps its lines).
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

SITEMAP = "sitemap.xml"
HREFLANG_SITEMAP = "sitemap-hreflang.xml"
ROBOTS = "robots.txt"

_URLSET_OPEN = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
_LOC = re.compile(r"<url>\s*<loc>([^<]*)</loc>")


def lean_sitemap(sitemap: str) -> str | None:
    """The sitemap with each `<url>` reduced to its `<loc>`; None when it is not a `<urlset>` (e.g. already
    a sitemap index, or lean: then there is nothing to do)."""
    if "<urlset" not in sitemap or "hreflang=" not in sitemap:
        return None
    locations = _LOC.findall(sitemap)
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
