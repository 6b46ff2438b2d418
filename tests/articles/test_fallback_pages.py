"""Articles a locale shows in English (fallbacks): marked as English wherever they are listed, their body in
`lang="en"` inside the locale's page, and the English page named canonical."""

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


def _fallbacks(locale: str):
    return [HC.article(i, locale) for i in HC.ids() if HC.state(i, locale) == "fallback"]


def _data() -> BuildData:
    return BuildData(hc=HC, updated={}, related={i: HC.ids()[:3] for i in HC.ids()}, language_names={})


def test_list_entries_carry_the_language_of_a_fallback_only():
    locale = "fr"
    view = page_view(_data(), locale, "index.md", strings_for(locale), promoted_limit=50)
    for item in view["promoted"]:
        expected = "en" if HC.state(item["id"], locale) == "fallback" else None
        assert item["lang"] == expected, item
    english = page_view(_data(), "en", "index.md", strings_for("en"), promoted_limit=50)
    assert all(item["lang"] is None for item in english["promoted"])
    for card in view["categories"]:
        fallbacks = sum(HC.state(a.id, locale) == "fallback" for a in HC.articles_for(locale, card["id"]))
        assert card["fallback_count"] == fallbacks
        assert bool(card["fallback_text"]) == bool(fallbacks)


def test_a_fallback_article_names_its_language_and_the_english_page():
    article = _fallbacks("fr")[0]
    view = page_view(_data(), "fr", article.path, strings_for("fr"), site_url=SITE_URL)
    assert view["content_lang"] == "en"
    assert view["canonical_url"] == SITE_URL + HC.url(article, "en")
    translated = next(HC.article(i, "zh") for i in HC.ids() if HC.state(i, "zh") == "translated")
    view = page_view(_data(), "zh", translated.path, strings_for("zh"), site_url=SITE_URL)
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


def _check_list(links: list[dict], locale: str, page: Path):
    assert links, page
    titles = {HC.article(i, locale).title: HC.state(i, locale) for i in HC.ids()}
    label = strings_for(locale)["fallback.label"]
    for link in links:
        state = titles.get(link["text"])
        assert state is not None, (page, link["text"])
        if state == "fallback":
            assert link["langs"] == {"en"} and link["badge"] == label, (page, link)
        else:
            assert link["langs"] == {locale} and link["badge"] is None, (page, link)


@pytest.mark.parametrize("locale", OTHER_LOCALES)
def test_home_category_and_related_lists_mark_english_articles(built_site, locale):
    prefix = HC.locale_prefix(locale)
    home = built_site / prefix / "index.html"
    _check_list(_marks(home, '<ul class="hc-article-list">'), locale, home)
    for category in HC.ordered_categories(locale):
        page = built_site / prefix / category.id / "index.html"
        _check_list(_marks(page, '<ul class="hc-article-list">'), locale, page)
    for article in HC.articles_for(locale)[:: max(1, len(HC.ids()) // 8)]:
        page = built_site / HC.url(article, locale) / "index.html"
        _check_list(_marks(page, '<section class="hc-related"'), locale, page)


@pytest.mark.parametrize("locale", OTHER_LOCALES)
def test_the_home_page_cards_say_how_many_articles_are_in_english(built_site, locale):
    home = (built_site / locale / "index.html").read_text(encoding="utf-8")
    strings = strings_for(locale)
    for category in HC.ordered_categories(locale):
        articles = HC.articles_for(locale, category.id)
        fallbacks = sum(HC.state(a.id, locale) == "fallback" for a in articles)
        cards = home[home.index('<ul class="hc-cards">'):]
        card = cards[cards.index(f'href="{category.id}/"'):]
        card = card[:card.index("</li>")]
        if fallbacks == len(articles):
            assert strings["fallback.label"] in card, category.id
        elif fallbacks:
            assert strings["category.fallback_count"].format(count=fallbacks) in card, category.id
        else:
            assert "hc-card__fallback" not in card, category.id
    assert "hc-lang-badge" not in (built_site / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("locale", OTHER_LOCALES)
def test_a_fallback_page_is_english_inside_the_locales_page_and_names_the_english_page_canonical(built_site, locale):
    fallbacks = _fallbacks(locale)
    translated = [HC.article(i, locale) for i in HC.ids() if HC.state(i, locale) == "translated"]
    for article in fallbacks[:3] + translated[:1]:
        text = (built_site / HC.url(article, locale) / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{locale}"' in text
        canonical = re.findall(r'<link rel="canonical" href="([^"]+)">', text)
        body = re.search(r'<article class="md-content__inner md-typeset">(.*?)<footer class="hc-article-footer"',
                         text, re.S).group(1)
        if article.locale == "en":
            assert canonical == [SITE_URL + HC.url(article, "en")], article.path
            wrapper = re.search(r'<div class="hc-fallback-content" lang="en">(.*)', body, re.S)
            assert wrapper and "<h1" in wrapper.group(1), article.path
            assert "hc-notice--fallback" not in wrapper.group(1), "the notice is in the locale's language"
        else:
            assert canonical == [SITE_URL + HC.url(article, locale)], article.path
            assert "hc-fallback-content" not in body and ' lang="en"' not in body, article.path


def test_a_card_counts_the_english_articles_of_a_partly_translated_category():
    from helpcenter.articles.model import HelpCenter

    hc = HelpCenter(HC.locales, HC.default_locale, articles=dict(HC.articles), categories=HC.categories, pages=HC.pages)
    untranslated = next(a for a in HC.articles_for("ja", "security") if a.locale == "ja")
    del hc.articles[("ja", untranslated.id)]
    data = BuildData(hc=hc, updated={}, related={}, language_names={})
    card = next(c for c in page_view(data, "ja", "index.md", strings_for("ja"))["categories"] if c["id"] == "security")
    assert card["fallback_count"] == 1
    assert card["fallback_text"] == strings_for("ja")["category.fallback_count"].format(count=1) == "うち 1 件は英語"
