"""Articles a locale shows in English (fallbacks): marked as English wherever they are listed, their body in
`lang="en"` inside the locale's page, and the English page named canonical.

The shipped help center may have no fallbacks at all (every locale translated), so these tests read the fallback
project (tests/conftest.py: fr lacks its earn articles and one security article, ja its whole derivatives category)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpcenter.articles.views import BuildData, page_view
from helpcenter.i18n.strings import strings_for
from helpcenter.project import load_model, load_project

ROOT = Path(__file__).resolve().parents[2]
PROJECT = load_project(ROOT / "mkdocs.yml")
HC = load_model(PROJECT)
SITE_URL = "https://help.quillfeather.example/"
OTHER_LOCALES = [locale for locale in PROJECT.locales if locale != PROJECT.default_locale]
# The locales the fallback project has fallbacks in whatever the shipped translations are (FALLBACK_REMOVALS).
FALLBACK_LOCALES = ["fr", "ja"]


def _data(hc) -> BuildData:
    return BuildData(hc=hc, updated={}, related={i: hc.ids()[:3] for i in hc.ids()}, language_names={})


def test_list_entries_carry_the_language_of_a_fallback_only(fallback_project):
    hc, locale = fallback_project.hc, "fr"
    view = page_view(_data(hc), locale, "index.md", strings_for(locale), promoted_limit=50)
    states = {hc.state(item["id"], locale) for item in view["promoted"]}
    assert "fallback" in states and "translated" in states, "the list must hold both kinds to test them"
    for item in view["promoted"]:
        expected = "en" if hc.state(item["id"], locale) == "fallback" else None
        assert item["lang"] == expected, item
    english = page_view(_data(hc), "en", "index.md", strings_for("en"), promoted_limit=50)
    assert all(item["lang"] is None for item in english["promoted"])
    counted = 0
    for card in view["categories"]:
        fallbacks = sum(hc.state(a.id, locale) == "fallback" for a in hc.articles_for(locale, card["id"]))
        assert card["fallback_count"] == fallbacks
        assert bool(card["fallback_text"]) == bool(fallbacks)
        counted += fallbacks
    assert counted == len(fallback_project.fallbacks(locale)) > 0


def test_a_fallback_article_names_its_language_and_the_english_page(fallback_project):
    hc = fallback_project.hc
    article = fallback_project.fallbacks("fr")[0]
    view = page_view(_data(hc), "fr", article.path, strings_for("fr"), site_url=SITE_URL)
    assert view["content_lang"] == "en"
    assert view["canonical_url"] == SITE_URL + hc.url(article, "en")
    translated = next(hc.article(i, "zh") for i in hc.ids() if hc.state(i, "zh") == "translated")
    view = page_view(_data(hc), "zh", translated.path, strings_for("zh"), site_url=SITE_URL)
    assert view["content_lang"] is None and view["canonical_url"] is None


class Marks(HTMLParser):
    """For every link into the site's articles: its text, the `lang` of the element holding that text (the
    nearest one inside the link, else the page's), and whether it holds a language badge with a label."""

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, str | None]] = []  # (tag, lang) of the open elements
        self.links: list[dict] = []
        self.link: dict | None = None
        self.badge = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("input", "img", "br", "meta", "link", "hr", "source", "wbr"):
            return
        lang = attrs.get("lang")
        self.stack.append((tag, lang))
        classes = (attrs.get("class") or "").split()
        if tag == "a" and self.link is None:
            self.link = {"href": attrs.get("href", ""), "text": [], "langs": set(), "badge": None, "depth": len(self.stack)}
        elif self.link is not None and "hc-lang-badge" in classes:
            self.link["badge"] = attrs.get("aria-label")
            self.badge = True

    def handle_endtag(self, tag):
        if not self.stack:
            return
        self.stack.pop()
        if self.badge and tag == "span":
            self.badge = False
        if self.link is not None and tag == "a" and len(self.stack) < self.link["depth"]:
            self.link["text"] = " ".join("".join(self.link["text"]).split())
            self.links.append(self.link)
            self.link = None

    def handle_data(self, data):
        if self.link is not None and data.strip() and not self.badge:
            self.link["text"].append(data)
            self.link["langs"].add(next((lang for _, lang in reversed(self.stack) if lang), None))


def _marks(path: Path, selector_start: str) -> list[dict]:
    text = path.read_text(encoding="utf-8")
    start = text.index(selector_start)
    end = text.index("</ul>", start)
    parser = Marks()
    parser.stack = [("html", text[text.index("<html lang=") + 12:].split('"')[0])]
    parser.feed(text[start:end])
    return parser.links


def _check_list(hc, links: list[dict], locale: str, page: Path) -> set[str]:
    """Checks every link's language and badge; returns the states of the articles linked."""
    assert links, page
    titles = {hc.article(i, locale).title: hc.state(i, locale) for i in hc.ids()}
    label = strings_for(locale)["fallback.label"]
    states = set()
    for link in links:
        state = titles.get(link["text"])
        assert state is not None, (page, link["text"])
        if state == "fallback":
            assert link["langs"] == {"en"} and link["badge"] == label, (page, link)
        else:
            assert link["langs"] == {locale} and link["badge"] is None, (page, link)
        states.add(state)
    return states


def _lists_of(site: Path, hc, locale: str) -> set[str]:
    prefix = hc.locale_prefix(locale)
    home = site / prefix / "index.html"
    states = _check_list(hc, _marks(home, '<ul class="hc-article-list">'), locale, home)
    for category in hc.ordered_categories(locale):
        page = site / prefix / category.id / "index.html"
        states |= _check_list(hc, _marks(page, '<ul class="hc-article-list">'), locale, page)
    for article in hc.articles_for(locale)[:: max(1, len(hc.ids()) // 8)]:
        page = site / hc.url(article, locale) / "index.html"
        states |= _check_list(hc, _marks(page, '<section class="hc-related"'), locale, page)
    return states


@pytest.mark.parametrize("locale", OTHER_LOCALES)
def test_home_category_and_related_lists_mark_english_articles(built_site, locale):
    # The shipped site, whichever of its locales are complete: a translated link is never marked English.
    _lists_of(built_site, HC, locale)


@pytest.mark.parametrize("locale", FALLBACK_LOCALES)
def test_home_category_and_related_lists_mark_english_articles_of_a_locale_with_fallbacks(fallback_site, locale):
    states = _lists_of(fallback_site.site, fallback_site.hc, locale)
    assert "fallback" in states and "translated" in states, (locale, states)


def _cards(site: Path, hc, locale: str) -> set[str]:
    """Checks the home page's category cards; returns which kinds of card ("all", "some", "none") it saw."""
    home = (site / locale / "index.html").read_text(encoding="utf-8")
    strings = strings_for(locale)
    kinds = set()
    for category in hc.ordered_categories(locale):
        articles = hc.articles_for(locale, category.id)
        fallbacks = sum(hc.state(a.id, locale) == "fallback" for a in articles)
        cards = home[home.index('<ul class="hc-cards">'):]
        card = cards[cards.index(f'href="{category.id}/"'):]
        card = card[:card.index("</li>")]
        if fallbacks == len(articles):
            assert strings["fallback.label"] in card, category.id
            kinds.add("all")
        elif fallbacks:
            assert strings["category.fallback_count"].format(count=fallbacks) in card, category.id
            kinds.add("some")
        else:
            assert "hc-card__fallback" not in card, category.id
            kinds.add("none")
    assert "hc-lang-badge" not in (site / "index.html").read_text(encoding="utf-8")
    return kinds


@pytest.mark.parametrize("locale", OTHER_LOCALES)
def test_the_home_page_cards_say_how_many_articles_are_in_english(built_site, locale):
    _cards(built_site, HC, locale)


def test_the_home_page_cards_of_a_locale_with_fallbacks_say_how_many_articles_are_in_english(fallback_site):
    # fr: earn is all English, security has one English article; ja: derivatives is all English.
    assert _cards(fallback_site.site, fallback_site.hc, "fr") == {"all", "some", "none"}
    assert {"all", "none"} <= _cards(fallback_site.site, fallback_site.hc, "ja")


def _fallback_page_checks(site: Path, hc, locale: str, articles: list):
    for article in articles:
        text = (site / hc.url(article, locale) / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{locale}"' in text
        canonical = re.findall(r'<link rel="canonical" href="([^"]+)">', text)
        body = re.search(r'<article class="md-content__inner md-typeset">(.*?)<footer class="hc-article-footer"',
                         text, re.S).group(1)
        if article.locale == "en":
            assert canonical == [SITE_URL + hc.url(article, "en")], article.path
            wrapper = re.search(r'<div class="hc-fallback-content" lang="en">(.*)', body, re.S)
            assert wrapper and "<h1" in wrapper.group(1), article.path
            assert "hc-notice--fallback" not in wrapper.group(1), "the notice is in the locale's language"
        else:
            assert canonical == [SITE_URL + hc.url(article, locale)], article.path
            assert "hc-fallback-content" not in body and ' lang="en"' not in body, article.path


@pytest.mark.parametrize("locale", OTHER_LOCALES)
def test_a_translated_page_is_in_the_locales_language_and_names_itself_canonical(built_site, locale):
    translated = [HC.article(i, locale) for i in HC.ids() if HC.state(i, locale) == "translated"]
    fallbacks = [HC.article(i, locale) for i in HC.ids() if HC.state(i, locale) == "fallback"]
    _fallback_page_checks(built_site, HC, locale, fallbacks[:1] + translated[:3])


@pytest.mark.parametrize("locale", FALLBACK_LOCALES)
def test_a_fallback_page_is_english_inside_the_locales_page_and_names_the_english_page_canonical(fallback_site, locale):
    hc = fallback_site.hc
    fallbacks = fallback_site.fallbacks(locale)
    translated = [hc.article(i, locale) for i in hc.ids() if hc.state(i, locale) == "translated"]
    assert fallbacks and translated, locale
    _fallback_page_checks(fallback_site.site, hc, locale, fallbacks[:3] + translated[:1])


def test_a_card_counts_the_english_articles_of_a_partly_translated_category():
    from helpcenter.articles.model import HelpCenter

    hc = HelpCenter(HC.locales, HC.default_locale, articles=dict(HC.articles), categories=HC.categories, pages=HC.pages)
    untranslated = next(a for a in HC.articles_for("ja", "security") if a.locale == "ja")
    del hc.articles[("ja", untranslated.id)]
    data = BuildData(hc=hc, updated={}, related={}, language_names={})
    card = next(c for c in page_view(data, "ja", "index.md", strings_for("ja"))["categories"] if c["id"] == "security")
    assert card["fallback_count"] == 1
    assert card["fallback_text"] == strings_for("ja")["category.fallback_count"].format(count=1) == "うち 1 件は英語"
