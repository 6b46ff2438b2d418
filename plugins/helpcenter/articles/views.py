"""What the templates show on each kind of page, computed from the model without MkDocs."""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from ..i18n.strings import format_date, translate
from ..i18n.translation import TranslationReport, translation_report
from .history import dates_from_log, docs_log, file_date
from .model import Article, HelpCenter
from .related import related_articles


@dataclass
class BuildData:
    """Everything about the help center that is the same for every page of a build."""

    hc: HelpCenter
    updated: dict[tuple[str, int], _dt.date]
    related: dict[int, list[int]]
    language_names: dict[str, str]
    states: dict[tuple[str, int], str] = field(default_factory=dict)
    # helpcenter.i18n.translation.TranslationReport: outdated translations, reader notices, the status page
    translations: TranslationReport | None = None


def collect_build_data(hc: HelpCenter, docs_dir: str, language_names: dict[str, str], related_limit: int = 5) -> BuildData:
    log = docs_log(docs_dir)  # one git call for dates and translation states
    git_dates = dates_from_log(log)
    updated = {}
    for (locale, article_id), article in hc.articles.items():
        rel = f"{locale}/{article.path}"
        updated[(locale, article_id)] = (article.updated or git_dates.get(rel)
                                         or file_date(os.path.join(docs_dir, locale, article.path)))
    translations = translation_report(hc, log, docs_dir)
    return BuildData(hc=hc, updated=updated, related=related_articles(hc, related_limit), language_names=language_names,
                     states=translations.states(), translations=translations)


def page_kind(path: str, hc: HelpCenter) -> str:
    parts = PurePosixPath(path).parts
    if path == "index.md":
        return "home"
    if len(parts) == 2 and parts[1] == "index.md" and any(c.id == parts[0] for c in hc.categories.values()):
        return "category"
    return "article"


def _link(article: Article, hc: HelpCenter, locale: str) -> dict:
    """An article as lists show it. `lang` is set when the reader gets the default locale's text (a fallback):
    lists mark its title with that language."""
    return {"id": article.id, "title": article.title, "description": article.description,
            "url": hc.url(article, locale), "priority": article.priority,
            "lang": article.locale if article.locale != locale else None}


def _category_link(hc: HelpCenter, locale: str, category_id: str, strings: dict) -> dict:
    cat = hc.category(category_id, locale)
    articles = hc.articles_for(locale, category_id)
    count = len(articles)
    key = "category.count_one" if count == 1 else "category.count_other"
    fallbacks = sum(a.locale != locale for a in articles)
    return {"id": cat.id, "title": cat.title, "description": cat.description, "icon": cat.icon,
            "url": f"{hc.locale_prefix(locale)}{cat.id}/", "count": count, "count_text": translate(strings, key, count=count),
            "fallback_count": fallbacks,
            "fallback_text": "" if not fallbacks else translate(strings, "fallback.label") if fallbacks == count
            else translate(strings, "category.fallback_count", count=fallbacks)}


def notices(data: BuildData, article: Article, locale: str, strings: dict) -> list[dict]:
    """Notices shown above an article: kind (CSS modifier), text and an optional link."""
    result = []
    hc = data.hc
    if locale == hc.default_locale:
        return result
    english = {"url": hc.url(hc.source(article.id), hc.default_locale),
               "title": translate(strings, "i18n.notice.read_english")}
    if hc.state(article.id, locale) == "fallback":
        result.append({"kind": "fallback", "text": translate(strings, "notice.fallback",
                                                             language=data.language_names.get(locale, locale))})
        return result
    status = data.translations.statuses.get((locale, article.id)) if data.translations else None
    if status is not None and status.reader_notice:
        date = status.source_updated
        result.append({"kind": "outdated", "link": english,
                       "text": translate(strings, "i18n.notice.outdated",
                                         date=format_date(date, strings) if date else "")})
    if article.machine_translated:
        result.append({"kind": "machine", "text": translate(strings, "i18n.notice.machine"), "link": english})
    return result


def page_view(data: BuildData, locale: str, path: str, strings: dict, promoted_limit: int = 8,
              site_url: str = "", private: bool = False) -> dict:
    """The `hc` template variable for one page: home, category or article. `private`: a page for the team,
    which search engines are asked not to index."""
    hc = data.hc
    kind = page_kind(path, hc)
    home = {"title": translate(strings, "site.home"), "url": hc.locale_prefix(locale)}
    view: dict = {"kind": kind, "locale": locale, "strings": strings, "home": home, "breadcrumbs": [home],
                  "private": private}
    if kind == "home":
        view["categories"] = [_category_link(hc, locale, c.id, strings) for c in hc.ordered_categories(locale)]
        view["promoted"] = [_link(a, hc, locale) for a in hc.promoted(locale, promoted_limit)]
    elif kind == "category":
        category_id = PurePosixPath(path).parts[0]
        view["category"] = _category_link(hc, locale, category_id, strings)
        # A category without its own page in this locale shows the default locale's title and text.
        source = hc.category(category_id, locale).locale
        view["content_lang"] = source if source != locale else None
        view["articles"] = [_link(a, hc, locale) for a in hc.articles_for(locale, category_id)]
    else:
        article = hc.by_path(path)
        if article is None:
            view["kind"] = "page"
            return view
        shown = hc.article(article.id, locale)
        category = _category_link(hc, locale, shown.category, strings)
        date = data.updated.get((shown.locale, shown.id))
        view.update({
            "article": _link(shown, hc, locale),
            "article_id": shown.id,
            "revision": shown.revision,
            "state": data.states.get((locale, shown.id)) or hc.state(shown.id, locale),
            "category": category,
            "breadcrumbs": [home, {"title": category["title"], "url": category["url"]}],
            "updated": format_date(date, strings) if date else None,
            "updated_iso": date.isoformat() if date else None,
            "related": [_link(hc.article(i, locale), hc, locale) for i in data.related.get(shown.id, [])],
            "notices": notices(data, shown, locale, strings),
            # A fallback: the body is the default locale's text, and that page is the one to index.
            "content_lang": shown.locale if shown.locale != locale else None,
            "canonical_url": _absolute(site_url, hc.url(shown, shown.locale)) if shown.locale != locale and site_url
            else None,
        })
    return view


def _absolute(site_url: str, url: str) -> str:
    return (site_url if site_url.endswith("/") else site_url + "/") + url
