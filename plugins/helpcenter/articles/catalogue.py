"""site/articles.json: every article in every locale, for scripts, the feedback collector and tools."""

from __future__ import annotations

import datetime as _dt
import json

from .model import HelpCenter


def catalogue(hc: HelpCenter, updated: dict[tuple[str, int], _dt.date], states: dict[tuple[str, int], str] | None = None) -> dict:
    """The catalogue as a JSON-ready dict. `states` overrides the translated/fallback state (e.g. 'outdated')."""
    entries = []
    for locale in hc.locales:
        for article_id in hc.ids():
            article = hc.article(article_id, locale)
            state = (states or {}).get((locale, article_id)) or hc.state(article_id, locale)
            date = updated.get((article.locale, article_id))
            entries.append({
                "id": article_id,
                "locale": locale,
                "title": article.title,
                "description": article.description,
                "url": hc.url(article, locale),
                "category": article.category,
                "tags": list(article.tags),
                "priority": article.priority,
                "updated": date.isoformat() if date else None,
                "state": state,
                "revision": article.revision,
                "machine_translated": article.machine_translated,
            })
    categories = [
        {"id": c.id, "locale": locale, "title": c.title, "url": f"{hc.locale_prefix(locale)}{c.id}/"}
        for locale in hc.locales for c in hc.ordered_categories(locale)
    ]
    return {"default_locale": hc.default_locale, "locales": hc.locales, "categories": categories, "articles": entries}


def write_catalogue(path, data: dict) -> None:
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)
