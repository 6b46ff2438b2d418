"""Navigation generated from the article model: categories in their order with their localized titles,
each category's landing page first and its articles most important first."""

from __future__ import annotations

from mkdocs.structure.nav import Section
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
