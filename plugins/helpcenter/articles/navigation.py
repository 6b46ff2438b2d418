"""Navigation generated from the article model: categories in their order with their localized titles,
each category's landing page first and its articles most important first."""

from __future__ import annotations

import copy
from typing import Callable

from mkdocs.structure.nav import Link, Section
from mkdocs.structure.pages import Page

from ..adapters.static_i18n import locale_relative_path
from .model import HelpCenter


def _walk_pages(items):
    for item in items:
        if isinstance(item, Page):
            yield item
        elif isinstance(item, Section):
            yield from _walk_pages(item.children)


def order_navigation(nav, hc: HelpCenter, locale: str) -> None:
    categories = {c.id: c for c in hc.ordered_categories(locale)}

    def page_rank(page: Page):
        path = locale_relative_path(page.file)
        if path.endswith("/index.md") or path == "index.md":
            return (0, 0, "")
        article = hc.by_path(path)
        if article is None:
            return (2, 0, path)
        shown = hc.article(article.id, locale)
        return (1, -shown.rank, shown.title.casefold())

    def item_rank(item):
        if isinstance(item, Page):
            return (0, 0, "") if locale_relative_path(item.file) == "index.md" else (3, 0, item.title or "")
        if isinstance(item, Section):
            pages = list(_walk_pages(item.children))
            category_id = locale_relative_path(pages[0].file).split("/")[0] if pages else None
            if category_id in categories:
                category = categories[category_id]
                item.title = category.title
                item.children.sort(key=page_rank)
                return (1, category.order, category.id)
        return (2, 0, getattr(item, "title", "") or "")

    nav.items.sort(key=item_rank)
    nav.pages[:] = list(_walk_pages(nav.items))
    for previous, current in zip([None] + nav.pages[:-1], nav.pages):
        current.previous_page = previous
        if previous is not None:
            previous.next_page = current
    if nav.pages:
        nav.pages[-1].next_page = None


def page_navigation(nav, page, limit: int, all_articles_title: Callable[[int], str]):
    """The navigation as `page` shows it. Its category lists its first `limit` articles (most important
    first), the page itself if it comes later, and a link to the category page, which lists them all.
    A category of hundreds of articles stays a short sidebar, and a page costs the same to build however
    large its category grows. `limit` 0 lists every article."""
    if limit <= 0:
        return nav
    items = list(nav.items)
    for position, item in enumerate(items):
        if not (isinstance(item, Section) and item.active):
            continue
        landing = item.children[:1] if item.children and _is_landing_page(item.children[0]) else []
        articles = item.children[len(landing):]
        if len(articles) <= limit:
            return nav
        shown = articles[:limit] + [child for child in articles[limit:] if child is page]
        link_target = landing[0].url if landing else None
        section = copy.copy(item)
        section.children = landing + shown
        if link_target is not None:
            section.children.append(Link(all_articles_title(len(articles)), link_target))
        items[position] = section
        view = copy.copy(nav)
        view.items = items
        return view
    return nav


def _is_landing_page(item) -> bool:
    path = locale_relative_path(item.file) if isinstance(item, Page) else ""
    return path == "index.md" or path.endswith("/index.md")
