"""The navigation: one entry per folder in every locale, fallback articles under it, no private pages."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from helpcenter.articles.navigation import merge_folder_sections, order_navigation, without_private_pages
from helpcenter.project import load_model, load_project

ROOT = Path(__file__).resolve().parents[2]
PROJECT = load_project(ROOT / "mkdocs.yml")
HC = load_model(PROJECT)


def _page(src: str, locale: str) -> Page:
    config = MkDocsConfig()
    config.load_dict({"site_name": "Help", "docs_dir": "/docs", "site_dir": "/site"})
    page = Page(None, File(src, "/docs", "/site", True), config)
    page.file.locale = locale
    return page


def _section(title: str, children: list) -> Section:
    section = Section(title, children)
    for child in children:
        child.parent = section
    return section


def test_a_locale_folder_and_its_fallbacks_make_one_section_per_folder():
    # What static-i18n gives the French build: the French folder's pages and the English fallbacks side by side.
    own = _section("Sécurité", [_page("fr/security/index.md", "fr"), _page("fr/security/faq.md", "fr")])
    fallback = _section("Security", [_page("en/security/enable-2fa.md", "en"),
                                     _section("Keys", [_page("en/security/keys/hardware.md", "en")])])
    nested_own = _section("Clés", [_page("fr/security/keys/passkeys.md", "fr")])
    own.children.append(nested_own)
    nested_own.parent = own
    other = _section("Trading", [_page("en/trading/fees.md", "en")])
    home = _page("fr/index.md", "fr")

    items = merge_folder_sections([home, fallback, other, own], "fr")

    assert items == [home, fallback, other]
    assert fallback.title == "Sécurité", "the locale's own copy names the section"
    sources = [child.file.src_uri if isinstance(child, Page) else child.title for child in fallback.children]
    assert sources == ["en/security/enable-2fa.md", "Clés", "fr/security/index.md", "fr/security/faq.md"]
    assert all(child.parent is fallback for child in fallback.children)
    keys = fallback.children[1]
    assert [p.file.src_uri for p in keys.children] == ["en/security/keys/hardware.md", "fr/security/keys/passkeys.md"]
    assert all(child.parent is keys for child in keys.children)


def test_private_pages_and_the_sections_they_leave_empty_are_dropped():
    team = _section("Team", [_page("en/team/build-performance.md", "en")])
    security = _section("Security", [_page("en/security/index.md", "en"), _page("en/security/team-accounts.md", "en")])
    status = _page("team/translation-status.md", None)  # generated, in no locale folder
    items = without_private_pages([team, security, status], ["team/*"])
    assert items == [security] and len(security.children) == 2


def test_ordering_a_locale_with_fallbacks_gives_each_category_once_in_order():
    pages, sections = [], []
    for category in HC.ordered_categories("en"):
        own = _section(category.title, [_page(f"fr/{category.id}/index.md", "fr")])
        article = next(a for a in HC.articles_for("en", category.id))
        sections += [own, _section(category.title, [_page(f"en/{article.path}", "en")])]
    team = _section("Team", [_page("en/team/build-performance.md", "en")])
    nav = Navigation([_page("fr/index.md", "fr"), team, *sections], pages)
    order_navigation(nav, HC, "fr", ["team/*"])
    titles = [item.title for item in nav.items if isinstance(item, Section)]
    assert titles == [c.title for c in HC.ordered_categories("fr")]
    for section in nav.items[1:]:
        assert [p.file.src_uri.split("/")[-1] for p in section.children][0] == "index.md", "landing page first"
        assert len(section.children) == 2
    assert [p.file.src_uri for p in nav.pages][:3] == ["fr/index.md", nav.items[1].children[0].file.src_uri,
                                                       nav.items[1].children[1].file.src_uri]


# -- the built site -----------------------------------------------------------------------------------------

class NavigationLevels(HTMLParser):
    """The labels of the primary navigation, per list (one level of one section), without the table of contents
    Material nests in it. A list item's label is the text of its first `.md-ellipsis`."""

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []  # a role per open element: primary, skip, list, item, label or ""
        self.lists: list[list[str]] = []  # labels of the lists still open
        self.levels: list[list[str]] = []  # labels of every closed list
        self.items: list[list[str]] = []  # text of the items still open (empty until their label is read)
        self.reading = False

    VOID = {"input", "img", "br", "hr", "meta", "link", "source", "wbr"}

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        inside = "primary" in self.stack and "skip" not in self.stack
        role = ""
        if tag == "nav" and "md-nav--primary" in classes:
            role = "primary"
        elif tag == "nav" and "md-nav--secondary" in classes:
            role = "skip"
        elif inside and tag == "ul" and "md-nav__list" in classes:
            role = "list"
            self.lists.append([])
        elif inside and tag == "li" and "md-nav__item" in classes:
            role = "item"
            self.items.append([])
        elif inside and tag == "span" and "md-ellipsis" in classes and self.items and not self.items[-1]:
            role = "label"
            self.reading = True
        self.stack.append(role)

    def handle_endtag(self, tag):
        if tag in self.VOID or not self.stack:
            return
        role = self.stack.pop()
        if role == "label":
            self.reading = False
            if not self.items[-1]:
                self.items[-1].append("")
        elif role == "item":
            label = " ".join("".join(self.items.pop()).split())
            if self.lists:
                self.lists[-1].append(label)
        elif role == "list":
            self.levels.append(self.lists.pop())

    def handle_data(self, data):
        if self.reading and self.items:
            self.items[-1].append(data)


def navigation_levels(path: Path) -> list[list[str]]:
    parser = NavigationLevels()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.levels


def test_the_parser_reads_levels_and_skips_the_table_of_contents():
    parser = NavigationLevels()
    parser.feed('<nav class="md-nav md-nav--primary"><ul class="md-nav__list">'
                '<li class="md-nav__item"><a><span class="md-ellipsis"> Home </span></a></li>'
                '<li class="md-nav__item"><label><span class="md-ellipsis">A</span></label>'
                '<a><span class="md-ellipsis">A</span></a><nav class="md-nav md-nav--secondary">'
                '<ul class="md-nav__list"><li class="md-nav__item"><span class="md-ellipsis">A</span></li></ul></nav>'
                '<nav class="md-nav"><ul class="md-nav__list"><li class="md-nav__item"><span class="md-ellipsis">'
                'x</span></li><li class="md-nav__item"><span class="md-ellipsis">x</span></li></ul></nav></li>'
                '</ul></nav><ul class="md-nav__list"><li class="md-nav__item">out</li></ul>')
    assert parser.levels == [["x", "x"], ["Home", "A"]]


def _pages_to_check(site: Path, hc, locale: str) -> list[Path]:
    """Every page type of a locale: home, each category page, an article of each category (a fallback where
    the locale has one), the contact page."""
    prefix = hc.locale_prefix(locale)
    pages = [site / prefix / "index.html", site / prefix / "contact" / "index.html"]
    for category in hc.ordered_categories(locale):
        pages.append(site / prefix / category.id / "index.html")
        articles = hc.articles_for(locale, category.id)
        fallback = next((a for a in articles if hc.state(a.id, locale) == "fallback"), None)
        for article in {articles[0], fallback or articles[-1]}:
            pages.append(site / hc.url(article, locale) / "index.html")
    return pages


def _no_label_repeated(site: Path, hc, locale: str):
    for path in _pages_to_check(site, hc, locale):
        levels = navigation_levels(path)
        assert levels, f"{path}: no primary navigation found"
        for labels in levels:
            repeated = sorted(label for label, count in Counter(labels).items() if count > 1)
            assert not repeated, f"{path.relative_to(site)}: {repeated} appear more than once in {labels}"


@pytest.mark.parametrize("locale", PROJECT.locales)
def test_no_navigation_label_is_repeated_at_one_level(built_site, locale):
    _no_label_repeated(built_site, HC, locale)


@pytest.mark.parametrize("locale", ["fr", "ja"])
def test_no_navigation_label_is_repeated_in_a_locale_with_fallbacks(fallback_site, locale):
    # fr: a translated category page over English articles, and one English article among French ones;
    # ja: a whole category in English, its page included.
    assert fallback_site.fallbacks(locale)
    _no_label_repeated(fallback_site.site, fallback_site.hc, locale)


def _one_entry_per_category(site: Path, hc, locale: str) -> set[str]:
    """Checks each category is one navigation entry holding its articles; returns the states it saw listed."""
    seen = set()
    categories = hc.ordered_categories(locale)
    home_levels = navigation_levels(site / hc.locale_prefix(locale) / "index.html")
    top = home_levels[-1]
    assert [label for label in top if label in {c.title for c in categories}] == [c.title for c in categories]
    assert "Team" not in top
    for category in categories:
        articles = hc.articles_for(locale, category.id)
        page = site / hc.url(articles[-1], locale) / "index.html"  # the last: a short sidebar lists it too
        section = next(labels for labels in navigation_levels(page) if articles[-1].title in labels)
        titles = {a.title for a in articles}
        listed = [label for label in section if label in titles]
        assert len(listed) >= min(len(articles), 12), f"{locale}/{category.id}: {section}"
        # The locale's translations and its fallbacks share the one entry.
        for state in ("translated", "fallback"):
            of_state = [a.title for a in articles if hc.state(a.id, locale) == state]
            if of_state and len(articles) <= 12:
                assert set(of_state) <= set(listed), f"{locale}/{category.id} {state}: {section}"
                seen.add(state)
    return seen


@pytest.mark.parametrize("locale", PROJECT.locales)
def test_each_category_is_one_entry_holding_all_its_articles(built_site, locale):
    _one_entry_per_category(built_site, HC, locale)


@pytest.mark.parametrize("locale", ["fr", "ja"])
def test_each_category_of_a_locale_with_fallbacks_is_one_entry_holding_all_its_articles(fallback_site, locale):
    assert _one_entry_per_category(fallback_site.site, fallback_site.hc, locale) == {"translated", "fallback"}


def _primary_navigation(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    start = text.index('<nav class="md-nav md-nav--primary"')
    return text[start:text.index('<div class="md-sidebar md-sidebar--secondary"', start)]


def _navigation_marks_fallbacks(site: Path, hc, locale: str) -> int:
    """Checks the category pages' navigation marks exactly the fallback articles English; returns how many it saw."""
    import html

    marks = 0
    for category in hc.ordered_categories(locale):
        navigation = _primary_navigation(site / hc.locale_prefix(locale) / category.id / "index.html")
        articles = hc.articles_for(locale, category.id)
        listed = 0  # the sidebar shows a category's first 12 articles in its own order
        for article in articles:
            # Material prints a title's apostrophes as they are, our English mark escapes them.
            titles = {html.escape(article.title), html.escape(article.title, quote=False)}
            if not any(re.search(rf">\s*{re.escape(title)}\s*<", navigation) for title in titles):
                continue
            listed += 1
            marked = any(f'<span lang="en">{title}</span>' in navigation for title in titles)
            assert marked == (hc.state(article.id, locale) == "fallback"), (locale, article.path)
            marks += marked
        assert listed == min(12, len(articles)), (locale, category.id, listed)
    return marks


@pytest.mark.parametrize("locale", PROJECT.locales)
def test_translated_articles_in_the_navigation_carry_the_locales_language(built_site, locale):
    _navigation_marks_fallbacks(built_site, HC, locale)


@pytest.mark.parametrize("locale", ["fr", "ja"])
def test_fallback_articles_in_the_navigation_and_their_headings_carry_their_language(fallback_site, locale):
    site, hc = fallback_site.site, fallback_site.hc
    assert _navigation_marks_fallbacks(site, hc, locale) > 0, locale
    for fallback in fallback_site.fallbacks(locale)[:2]:
        text = (site / hc.url(fallback, locale) / "index.html").read_text(encoding="utf-8")
        toc = text[text.index('<nav class="md-nav md-nav--secondary"'):]
        toc = toc[:toc.index("</nav>")]
        headings = re.findall(r'<a href="#[^"]+" class="md-nav__link">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>\s*</a>',
                              toc, re.S)
        assert headings and all(h.startswith('<span class="md-typeset">') and '<span lang="en">' in h
                                for h in headings), (fallback.path, headings)
