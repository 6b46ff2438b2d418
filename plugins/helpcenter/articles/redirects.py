"""Static redirect pages: short links /a/<id>/ and old URLs of moved articles."""

from __future__ import annotations

import html
import os
from pathlib import Path

from .model import HelpCenter, page_url


def redirect_html(target: str, title: str, lang: str) -> str:
    """A page that sends the reader (and search engines) to `target`, with no script."""
    t = html.escape(target, quote=True)
    return (f'<!doctype html>\n<html lang="{html.escape(lang)}"><head><meta charset="utf-8">'
            f'<title>{html.escape(title)}</title><link rel="canonical" href="{t}">'
            f'<meta name="robots" content="noindex"><meta http-equiv="refresh" content="0; url={t}">'
            f'</head><body><a href="{t}">{html.escape(title)}</a></body></html>\n')


def relative(from_dir: str, to_url: str) -> str:
    """Relative link from a site directory ('zh/a/5/') to a site URL ('zh/security/x/')."""
    rel = os.path.relpath("/" + to_url, "/" + from_dir.rstrip("/"))
    return rel.rstrip("/") + "/" if to_url.endswith("/") else rel


def redirects_for_locale(hc: HelpCenter, locale: str, moves: list[tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """Map of site directory -> (target URL, title) for `locale`'s short links and moved pages."""
    prefix = hc.locale_prefix(locale)
    out: dict[str, tuple[str, str]] = {}
    live = {hc.url(hc.article(i, locale), locale) for i in hc.ids()}
    for article_id in hc.ids():
        article = hc.article(article_id, locale)
        out[f"{prefix}a/{article_id}/"] = (hc.url(article, locale), article.title)
        for old in article.redirect_from:
            out[page_url(old if old.endswith(".md") else old + ".md", prefix)] = (hc.url(article, locale), article.title)
    # Follow chains of moves (a -> b -> c) to where the article lives now.
    current = {hc.source(i).path: hc.source(i) for i in hc.ids()}
    new_of = dict()
    for old, new in moves:
        new_of[old] = new
    default_prefix = f"{hc.default_locale}/"
    for old in new_of:
        target = old
        for _ in range(len(new_of) + 1):
            if target not in new_of:
                break
            target = new_of[target]
        old_rel = old[len(default_prefix):] if old.startswith(default_prefix) else None
        new_rel = target[len(default_prefix):] if target.startswith(default_prefix) else None
        if old_rel is None or new_rel is None or new_rel not in current:
            continue
        article = hc.article(current[new_rel].id, locale)
        old_url = page_url(old_rel, prefix)
        if old_url not in live:
            out[old_url] = (hc.url(article, locale), article.title)
    return out


def private_page_redirects(private_urls: list[str], locale_prefix: str) -> dict[str, tuple[str, str]]:
    """Map of site directory -> (target URL, title): a locale's addresses of the private pages, which exist in
    the default locale only (a link or a language switch that adds the locale's folder still finds them)."""
    return {locale_prefix + url: (url, url) for url in private_urls if url.endswith("/")}


def write_redirects(site_dir: str | os.PathLike, redirects: dict[str, tuple[str, str]], lang: str) -> int:
    site = Path(site_dir)
    for directory, (target, title) in redirects.items():
        folder = site / directory
        index = folder / "index.html"
        if index.exists() and "http-equiv=\"refresh\"" not in index.read_text(encoding="utf-8", errors="replace")[:2000]:
            continue  # never replace a real page
        folder.mkdir(parents=True, exist_ok=True)
        index.write_text(redirect_html(relative(directory, target), title, lang), encoding="utf-8")
    return len(redirects)
