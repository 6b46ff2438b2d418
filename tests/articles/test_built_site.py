"""The built site: locales, fallbacks, language switcher, catalogue, short links, sitemap, no third parties."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from helpcenter.project import load_model, load_project

ROOT = Path(__file__).resolve().parents[2]
PROJECT = load_project(ROOT / "mkdocs.yml")
HC = load_model(PROJECT)


class Tags(HTMLParser):
    """Collects start tags with their attributes."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(path: Path) -> list[tuple[str, dict]]:
    parser = Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tags


def page_file(site: Path, url: str) -> Path:
    return site / url / "index.html"


@pytest.fixture(scope="module")
def catalogue(built_site):
    return json.loads((built_site / "articles.json").read_text(encoding="utf-8"))


def test_every_locale_has_a_home_and_a_404(built_site):
    assert PROJECT.locales == ["en", "zh", "zh-TW", "ja", "ko", "ru", "es", "vi", "tr", "pt", "fr"]
    for locale in PROJECT.locales:
        prefix = HC.locale_prefix(locale)
        assert (built_site / prefix / "index.html").exists(), locale
        assert (built_site / prefix / "404.html").exists(), locale


def test_html_lang_is_right_on_every_page(built_site):
    for html in built_site.rglob("*.html"):
        rel = html.relative_to(built_site).as_posix()
        first = rel.split("/", 1)[0]
        expected = first if first in PROJECT.locales else "en"
        lang = next(attrs.get("lang") for tag, attrs in tags(html) if tag == "html")
        assert lang == expected, rel


def _every_article_has_a_page_in_every_locale(site: Path, hc) -> int:
    """Checks every locale has a page for every article, a fallback one with the fallback notice; returns how
    many fallback pages it saw."""
    fallbacks = 0
    for locale in PROJECT.locales:
        for article_id in hc.ids():
            article = hc.article(article_id, locale)
            path = page_file(site, hc.url(article, locale))
            assert path.exists(), f"{locale}: {path}"
            notice = "hc-notice--fallback" in path.read_text(encoding="utf-8")
            assert notice == (hc.state(article_id, locale) == "fallback"), path
            fallbacks += notice
    return fallbacks


def test_every_article_has_a_page_in_every_locale(built_site):
    _every_article_has_a_page_in_every_locale(built_site, HC)


def test_fallback_pages_exist_for_untranslated_articles_in_every_locale(fallback_site):
    assert _every_article_has_a_page_in_every_locale(fallback_site.site, fallback_site.hc) >= \
        len(fallback_site.fallbacks("fr")) + len(fallback_site.fallbacks("ja")) > 0


def _catalogue_matches_the_pages(site: Path, hc, catalogue: dict) -> set[str]:
    """Checks articles.json against the pages and the model; returns the states it lists."""
    entries = catalogue["articles"]
    assert len(entries) == len(hc.ids()) * len(PROJECT.locales)
    listed = set()
    for entry in entries:
        assert set(entry) >= {"id", "locale", "title", "url", "category", "updated", "state"}
        assert entry["state"] in ("translated", "outdated", "fallback")
        assert (entry["state"] == "fallback") == (hc.state(entry["id"], entry["locale"]) == "fallback"), entry
        page = page_file(site, entry["url"])
        assert page.exists(), entry
        data = next(attrs for tag, attrs in tags(page) if attrs.get("id") == "hc-page")
        assert data["data-article"] == str(entry["id"]) and data["data-locale"] == entry["locale"]
        h1 = re.search(r"<h1[^>]*>(.*?)</h1>", page.read_text(encoding="utf-8"), re.S).group(1)
        assert re.sub(r"<[^>]+>", "", h1).strip().startswith(entry["title"].replace("&", "&amp;")[:20].strip()) or \
            entry["title"][:10] in h1, (entry["url"], h1)
        listed.add(entry["url"])
    # Every article page in the site is in the catalogue.
    for html in site.rglob("index.html"):
        data = next((attrs for tag, attrs in tags(html) if attrs.get("id") == "hc-page"), None)
        if data and data.get("data-kind") == "article":
            assert html.parent.relative_to(site).as_posix() + "/" in listed, html
    return {entry["state"] for entry in entries}


def test_catalogue_matches_the_pages(built_site, catalogue):
    _catalogue_matches_the_pages(built_site, HC, catalogue)


def test_catalogue_gives_fallbacks_their_state(fallback_site):
    catalogue = json.loads((fallback_site.site / "articles.json").read_text(encoding="utf-8"))
    assert {"translated", "fallback"} <= _catalogue_matches_the_pages(fallback_site.site, fallback_site.hc, catalogue)
    fr = {e["id"]: e["state"] for e in catalogue["articles"] if e["locale"] == "fr"}
    assert {fr[a.id] for a in fallback_site.fallbacks("fr")} == {"fallback"}


def test_language_switcher_points_to_the_same_article(built_site):
    article = HC.by_path("security/enable-2fa.md")
    page = page_file(built_site, HC.url(HC.article(article.id, "zh"), "zh"))
    links = {attrs["hreflang"]: attrs["href"] for tag, attrs in tags(page)
             if tag == "a" and "data-hc-alternate" in attrs}
    switcher = {attrs["hreflang"]: attrs["href"] for tag, attrs in tags(page)
                if tag == "a" and "md-select__link" in attrs.get("class", "")}
    # The head has no <link rel="alternate" hreflang>: sitemap-hreflang.xml lists the alternates.
    assert not [attrs for tag, attrs in tags(page) if tag == "link" and "hreflang" in attrs]
    base = "https://help.quillfeather.example/" + HC.url(HC.article(article.id, "zh"), "zh")
    for locale in PROJECT.locales:
        expected = HC.url(HC.article(article.id, locale), locale)
        for found in (links, switcher):
            assert urlparse(urljoin(base, found[locale])).path == "/" + expected, (locale, found[locale])


def test_language_switcher_of_each_404_page_points_to_the_homes(built_site):
    for locale in PROJECT.locales:
        page = built_site / HC.locale_prefix(locale) / "404.html"
        switcher = {attrs["hreflang"]: attrs["href"] for tag, attrs in tags(page)
                    if tag == "a" and "md-select__link" in attrs.get("class", "")}
        assert switcher == {code: "/" + HC.locale_prefix(code) for code in PROJECT.locales}, locale


def test_short_links_reach_the_article_in_each_locale(built_site):
    for locale in ("en", "zh", "ja", "fr"):
        for article_id in HC.ids():
            directory = f"{HC.locale_prefix(locale)}a/{article_id}/"
            redirect = page_file(built_site, directory).read_text(encoding="utf-8")
            target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', redirect).group(1)
            resolved = urlparse(urljoin("https://h.example/" + directory, target)).path.lstrip("/")
            assert resolved == HC.url(HC.article(article_id, locale), locale)
            assert page_file(built_site, resolved).exists()


def _hreflang_alternates(site: Path, hc, path: str) -> set[str]:
    """Checks the hreflang sitemap's alternates of one article; returns the locales that have one."""
    sitemap = (site / "sitemap-hreflang.xml").read_text(encoding="utf-8")
    article = hc.by_path(path)
    block = next(b for b in sitemap.split("<url>") if f"<loc>https://help.quillfeather.example/{hc.url(article, 'en')}</loc>" in b)
    alternates = dict(re.findall(r'hreflang="([^"]+)" href="([^"]+)"', block))
    # A locale's alternate is a page in its language: the locales showing the English page (fallbacks) have none.
    translated = {locale for locale in PROJECT.locales if hc.state(article.id, locale) == "translated"}
    assert set(alternates) == translated and {"en", "zh", "ja"} <= translated
    for locale, href in alternates.items():
        assert href == "https://help.quillfeather.example/" + hc.url(hc.article(article.id, locale), locale)
    return set(alternates)


def test_sitemap_has_hreflang_alternates(built_site):
    _hreflang_alternates(built_site, HC, "security/enable-2fa.md")


def test_sitemap_gives_a_fallback_no_hreflang_alternate(fallback_site):
    alternates = _hreflang_alternates(fallback_site.site, fallback_site.hc, "security/enable-2fa.md")
    assert "fr" not in alternates and "es" in alternates  # fr shows this article in English


def _small_sitemaps(built_site: Path, hc) -> set[str]:
    """Checks each locale's small sitemap against the hreflang one; returns the fallback addresses."""
    full = (built_site / "sitemap-hreflang.xml").read_text(encoding="utf-8")
    everywhere = re.findall(r"<loc>([^<]+)</loc>", full)
    listed = []
    for locale in PROJECT.locales:
        folder = "" if locale == PROJECT.default_locale else f"{locale}/"
        lean = (built_site / folder / "sitemap.xml").read_text(encoding="utf-8")
        assert "hreflang" not in lean and "<lastmod>" not in lean
        locations = re.findall(r"<loc>([^<]+)</loc>", lean)
        root = f"https://help.quillfeather.example/{folder}"
        assert locations and all(loc.startswith(root) for loc in locations), locale
        listed += locations
    # Search engines get every page but the fallback copies (duplicates that name the English page canonical);
    # browsers get those too, for instant navigation.
    fallbacks = {"https://help.quillfeather.example/" + hc.url(hc.article(i, locale), locale)
                 for locale in PROJECT.locales for i in hc.ids() if hc.state(i, locale) == "fallback"}
    assert not fallbacks & set(everywhere)
    assert sorted(listed) == sorted(everywhere + sorted(fallbacks))
    return fallbacks


def test_search_engines_get_no_fallback_copy_and_browsers_every_page(fallback_site):
    fallbacks = _small_sitemaps(fallback_site.site, fallback_site.hc)
    assert "https://help.quillfeather.example/fr/security/enable-2fa/" in fallbacks
    assert "https://help.quillfeather.example/ja/derivatives/funding-rate/" in fallbacks


def test_browsers_get_a_small_sitemap_per_locale_and_search_engines_the_hreflang_one(built_site):
    # Material's instant navigation parses <base>sitemap.xml at every page load and reads only <loc>;
    # each locale's pages point `base` at their locale's root (assets/javascripts/search.js).
    _small_sitemaps(built_site, HC)
    zh = (built_site / "zh" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://help.quillfeather.example/zh/security/enable-2fa/</loc>" in zh
    assert "zh-TW/" not in zh
    robots = (built_site / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://help.quillfeather.example/sitemap-hreflang.xml" in robots.splitlines()
    # As <link rel="alternate" hreflang> in <head>, Material would fetch and parse a sitemap for each.
    for path in ("index.html", "zh/index.html", "zh/security/enable-2fa/index.html"):
        head = [(tag, attrs) for tag, attrs in tags(built_site / path) if tag == "link"]
        assert not [attrs for tag, attrs in head if attrs.get("rel") == "alternate" and "hreflang" in attrs], path
        assert any(attrs.get("rel") == "canonical" for tag, attrs in head), path


THIRD_PARTY_ATTRS = {("script", "src"), ("img", "src"), ("link", "href"), ("iframe", "src"), ("source", "src"),
                     ("video", "src"), ("audio", "src"), ("embed", "src"), ("object", "data")}


def test_no_page_references_a_third_party_host(built_site):
    offenders = []
    for html in built_site.rglob("*.html"):
        for tag, attrs in tags(html):
            for attr in ("src", "href", "data"):
                value = attrs.get(attr) or ""
                if (tag, attr) in THIRD_PARTY_ATTRS and tag == "link" and attrs.get("rel") in ("alternate", "canonical"):
                    continue
                if (tag, attr) in THIRD_PARTY_ATTRS and re.match(r"(https?:)?//", value):
                    offenders.append(f"{html.relative_to(built_site)}: <{tag} {attr}={value}>")
        text = html.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text, html
    for css in built_site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?(https?:)?//", css.read_text(encoding="utf-8")):
            offenders.append(f"{css.relative_to(built_site)}: url(//…)")
    assert not offenders, "\n".join(offenders[:20])


def test_home_page_shows_categories_with_counts_and_promoted_articles(built_site):
    home = (built_site / "zh" / "index.html").read_text(encoding="utf-8")
    assert "有什么可以帮您？" in home
    for category in HC.ordered_categories("zh"):
        assert category.title in home
        count = len(HC.articles_for("zh", category.id))
        assert f"{count} 篇文章" in home
    for article in HC.promoted("zh", 8):
        assert article.title in home


def test_category_page_lists_its_articles(built_site):
    page = (built_site / "ja" / "security" / "index.html").read_text(encoding="utf-8")
    for article in HC.articles_for("ja", "security"):
        assert f'href="../{article.path[len("security/"):-3]}/"' in page or article.title in page


def test_article_has_breadcrumbs_updated_date_and_related(built_site):
    article = HC.by_path("security/enable-2fa.md")
    page = page_file(built_site, HC.url(HC.article(article.id, "zh"), "zh")).read_text(encoding="utf-8")
    assert 'class="hc-breadcrumbs"' in page and "帮助中心" in page
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\d">更新于 \d{4}年\d{1,2}月\d{1,2}日</time>', page)
    assert 'class="hc-related"' in page and "相关文章" in page


def test_announcement_is_configurable(tmp_path):
    from conftest import copy_project, mkdocs_build
    config = copy_project(tmp_path)
    text = config.read_text(encoding="utf-8").replace(
        'announcement: ""', 'announcement: "Withdrawals on the TRON network are delayed."')
    config.write_text(text, encoding="utf-8")
    # Only build English to keep this quick: static-i18n's build_only_locale option.
    text = text.replace("      docs_structure: folder", "      docs_structure: folder\n      build_only_locale: en")
    config.write_text(text, encoding="utf-8")
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "Withdrawals on the TRON network are delayed." in home
