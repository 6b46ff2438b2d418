"""Search on the built site in Chromium: each locale searches only itself (its index, its sitemap), the home
page's search box uses the same engine, the language selector leads to the other locale's index, and an index
built in the browser (`prebuilt_index: false`) finds what the prebuilt one does."""

from __future__ import annotations

import json

import pytest

from conftest import copy_project, mkdocs_build
from search_page import article_ids, site_path, type_query


def catalogue(site):
    return json.loads((site / "articles.json").read_text(encoding="utf-8"))["articles"]


def entries(site, locale):
    return {e["url"]: e for e in catalogue(site) if e["locale"] == locale}


def test_a_locale_downloads_only_its_own_index(built_site, serve, page):
    base = serve(built_site)
    requested = []
    page.on("request", lambda request: requested.append(request.url[len(base):]))
    page.goto(base + "zh/")
    type_query(page, "提币")
    search_files = [url for url in requested if "search" in url and url.split("?")[0].endswith(".json")]
    assert search_files == ["zh/search/helpcenter_index.json"], requested
    # Material's instant navigation reads the sitemap under its base: the locale's root, not the site's.
    assert page.evaluate("new URL(JSON.parse(document.getElementById('__config').textContent).base, location.href).href") \
        == base + "zh/"
    page.wait_for_function("performance.getEntriesByType('resource').some(r => r.name.endsWith('sitemap.xml'))")
    assert [url for url in requested if url.endswith("sitemap.xml")] == ["zh/sitemap.xml"], requested


def test_the_worker_started_while_the_page_loads_is_the_one_material_uses(built_site, serve, page):
    base = serve(built_site)
    requested = []
    page.on("request", lambda request: requested.append(request.url[len(base):]))
    page.goto(base + "ja/")
    started = page.evaluate("window.HelpcenterSearchStart")
    config = page.evaluate("JSON.parse(document.getElementById('__config').textContent)")
    assert started and config["search"] == started["worker"]
    assert "ja%2Fsearch%2Fhelpcenter_index.json" in started["worker"]
    assert type_query(page, "二段階認証")
    assert page.evaluate("window.Worker.name") == "Worker"  # handed over, then the browser's own again
    assert len([url for url in requested if url.startswith("assets/javascripts/search-worker.")]) == 1, requested


@pytest.mark.parametrize("query", ["2FA", "KYC", "withdrawal", "提币", "二段階認証", "memo"])
def test_zh_shows_chinese_results_whenever_a_translation_exists(built_site, serve, page, query):
    zh = entries(built_site, "zh")
    base = serve(built_site)
    page.goto(base + "zh/")
    links = type_query(page, query)
    for href in links:
        path = site_path(href)
        assert path.startswith("zh/"), f"{query!r}: {href} is not a zh page"
        entry = zh[path]
        if entry["state"] != "fallback":
            # The result shows the Chinese title: the page is the translation, not English or Japanese.
            title = page.eval_on_selector(f'.md-search-result__item > a[href^="{href.split("?")[0]}"] h1',
                                          "el => el.textContent")
            assert title == entry["title"], f"{query!r}: {title!r} shown for {path}"


def test_fallback_results_appear_only_for_untranslated_articles(fallback_site, serve, page):
    # The fallback project's ja has no translation of its derivatives category: those results are English.
    site = fallback_site.site
    ja = entries(site, "ja")
    base = serve(site)
    page.goto(base + "ja/")
    seen_fallback = seen_translation = False
    for query in ["withdrawal", "二段階認証", "funding rate", "liquidation", "サポート"]:
        for href in type_query(page, query):
            entry = ja[site_path(href)]
            seen_fallback |= entry["state"] == "fallback"
            seen_translation |= entry["state"] != "fallback"
            if entry["state"] == "fallback":
                assert fallback_site.hc.state(entry["id"], "ja") == "fallback", href
    assert seen_fallback and seen_translation
    # Every article is in the ja index once: its translation, or the English page where none exists.
    index = json.loads((site / "ja" / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages = {"ja/" + d["location"].split("#")[0] for d in index["docs"]}  # relative to the locale's root
    assert pages == set(ja)


def test_a_locales_index_holds_each_article_once(built_site):
    for locale in ("ja", "ru"):
        index = json.loads((built_site / locale / "search" / "search_index.json").read_text(encoding="utf-8"))
        pages = {f"{locale}/" + d["location"].split("#")[0] for d in index["docs"]}
        assert pages == set(entries(built_site, locale)), locale


HERO = "#hc-hero-query"
HERO_OPTIONS = "#hc-hero-results > li"


def hero_results(page, query: str) -> list[str]:
    """Type into the home page's box and return the links it lists once they settle."""
    page.click(HERO)
    page.fill(HERO, "")
    page.keyboard.insert_text(query)
    page.wait_for_function("document.querySelector('.hc-hero-results__status').textContent.trim() !== ''")
    previous = None
    for _ in range(40):
        links = page.eval_on_selector_all(HERO_OPTIONS + " a", "els => els.map(e => e.href)")
        if links == previous:
            return links
        previous = links
        page.wait_for_timeout(150)
    return previous


def test_the_home_search_box_shows_results_while_typing_from_the_same_engine(built_site, serve, page):
    ids = article_ids(built_site)
    base = serve(built_site)
    page.goto(base + "zh/")
    links = hero_results(page, "提币一直在处理中")
    assert ids[site_path(links[0])] == 2004
    # The header's search box, the same worker, ranks the same articles first.
    header = type_query(page, "提币一直在处理中")
    assert [site_path(link) for link in header[:len(links)] if "#" not in link][:3] == \
        [site_path(link) for link in links][:3]
    page.keyboard.press("Escape")
    # Each result shows its category and a snippet; the words are marked, function words are not.
    first = page.locator(HERO_OPTIONS).first
    assert first.locator(".hc-hero-result__category").inner_text() == "充币与提币"
    assert first.locator(".hc-hero-result__snippet").inner_text()
    marked = page.eval_on_selector_all("#hc-hero-results mark", "els => els.map(e => e.textContent)")
    assert "提币" in marked and "在" not in marked


def test_the_home_search_box_enter_shows_every_result_without_reloading_and_keys_reach_them(built_site, serve, page):
    base = serve(built_site)
    page.goto(base)
    links = hero_results(page, "withdrawal")
    # A live region says how many were found; the box names it as its description.
    status = page.locator(".hc-hero-results__status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    assert page.get_attribute(HERO, "aria-describedby") == status.get_attribute("id")
    assert page.get_attribute(HERO, "aria-controls") == "hc-hero-results"
    total = int(status.inner_text().split()[0])
    assert total > len(links) == 6
    page.evaluate("window.__samePage = true")
    page.press(HERO, "Enter")
    page.wait_for_function(f"document.querySelectorAll('{HERO_OPTIONS}').length === {total}")
    assert page.evaluate("window.__samePage") is True and page.url == base  # no reload, no ?q=
    # Down moves from the box to the results and between them, up from the first returns to the box.
    page.press(HERO, "ArrowDown")
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.href")
    assert focused == page.eval_on_selector_all(HERO_OPTIONS + " a", "els => els[1].href")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "hc-hero-query"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(links[0])


def test_an_empty_result_offers_contact_and_the_english_help_center(fallback_site, serve, page):
    from helpcenter.i18n.strings import all_strings

    locale = "fr"  # some of its articles are the English ones in the fallback project
    base = serve(fallback_site.site)
    page.goto(base + f"{locale}/")
    assert hero_results(page, "xyzzyplugh") == []
    contact = page.locator("#hc-hero-results + * .hc-search-dead-end a, .hc-hero-results .hc-search-dead-end a")
    hrefs = contact.evaluate_all("els => els.map(e => e.href)")
    assert page.inner_text(".hc-hero-results__status") == all_strings()[locale]["search.count_none"]
    assert hrefs == [base + f"{locale}/contact/", base + "?q=xyzzyplugh"]
    # The header's list too.
    type_query(page, "xyzzyplugh")
    assert page.eval_on_selector_all(".md-search-result .hc-search-dead-end a", "els => els.map(e => e.href)") == hrefs
    # The English link runs the search in the English help center.
    page.keyboard.press("Escape")
    page.click(".hc-hero-results .hc-search-dead-end a[hreflang=en]")
    page.wait_for_url(base + "?q=xyzzyplugh")
    page.wait_for_function("document.querySelector('input.md-search__input').value === 'xyzzyplugh'")
    # English has no English fallbacks to offer: only the contact page.
    page.goto(base)
    hero_results(page, "xyzzyplugh")
    assert page.eval_on_selector_all(".hc-hero-results .hc-search-dead-end a", "els => els.map(e => e.href)") == \
        [base + "contact/"]


def _badges_mark_fallbacks(site, page, base: str, query: str) -> int:
    """Checks the fr home box's results carry the EN badge exactly on fallbacks; returns how many were fallbacks."""
    fr = entries(site, "fr")
    page.goto(base + "fr/")
    hero_results(page, query)
    options = page.locator(HERO_OPTIONS)
    assert options.count()
    fallbacks = 0
    for number in range(options.count()):
        option = options.nth(number)
        path = site_path(option.locator("a").get_attribute("href"))
        fallback = fr[path]["state"] == "fallback"
        assert (option.locator(".hc-search-badge").count() == 1) == fallback, path
        if fallback:
            assert option.locator(".hc-hero-result__title").get_attribute("lang") == "en"
            assert option.locator(".hc-search-badge [lang=en]").inner_text() == "EN"
            fallbacks += 1
    return fallbacks


def test_translated_results_carry_no_en_badge(built_site, serve, page):
    _badges_mark_fallbacks(built_site, page, serve(built_site), "retrait")


def test_english_fallbacks_in_a_locales_results_carry_an_en_badge(fallback_site, serve, page):
    # The fallback project's fr has its earn articles in English only.
    site = fallback_site.site
    assert _badges_mark_fallbacks(site, page, serve(site), "staking") >= 1
    # The header's list marks them the same way.
    type_query(page, "staking")
    assert page.locator(".md-search-result__item h1 .hc-search-badge").count() >= 1
    assert page.locator(".md-search-result__item h1 span[lang=en]").count() >= 1


def test_the_language_selector_leads_to_the_other_locales_index(built_site, serve, page):
    base = serve(built_site)
    page.goto(base + "security/enable-2fa/")
    assert site_path(type_query(page, "2fa")[0]) == "security/enable-2fa/"
    page.keyboard.press("Escape")
    page.evaluate("""() => {
        const link = document.querySelector('.md-select__link[hreflang="zh"]');
        link.click();
    }""")
    page.wait_for_url("**/zh/security/enable-2fa/")
    page.wait_for_function("document.getElementById('hc-page').dataset.locale === 'zh'")
    links = type_query(page, "二次验证")
    assert links and all(site_path(href).startswith("zh/") for href in links)


def test_without_the_prebuilt_index_the_worker_builds_one_that_finds_the_same(built_site, tmp_path, serve, page):
    config_file = copy_project(tmp_path)
    text = config_file.read_text(encoding="utf-8")
    config_file.write_text(text.replace("  - helpcenter-search\n",
                                        "  - helpcenter-search:\n      prebuilt_index: false\n", 1), encoding="utf-8")
    result = mkdocs_build(config_file, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "site" / "zh" / "search" / "helpcenter_docs.json").is_file()
    for locale, query in [("zh/", "提币"), ("", "two-factor"), ("ja/", "二段階認証")]:
        page.goto(serve(built_site) + locale)
        prebuilt = [site_path(link) for link in type_query(page, query)]
        page.goto(serve(tmp_path / "site") + locale)
        built_here = [site_path(link) for link in type_query(page, query)]
        assert prebuilt and built_here == prebuilt, (locale, query)


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_home_box_results_and_dead_end_pass_axe(fallback_site, serve, page, scheme):
    from axe_playwright_python.sync_playwright import Axe

    from helpcenter.checks.accessibility import FAILING_IMPACTS

    base = serve(fallback_site.site)  # its fr has English results (with their EN badge) among French ones
    page.goto(base + "fr/")
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    problems = []
    for query in ("withdrawal", "staking", "xyzzyplugh"):
        hero_results(page, query)
        page.press(HERO, "ArrowDown")
        violations = Axe().run(page, context={"include": [[".hc-hero"]]}).response["violations"]
        problems += [(query, v["id"], [n["html"][:120] for n in v["nodes"][:3]])
                     for v in violations if v.get("impact") in FAILING_IMPACTS]
    assert problems == []


def test_function_words_are_neither_marked_nor_carried_to_the_page(built_site, serve, page):
    from urllib.parse import parse_qs, urlsplit

    base = serve(built_site)
    page.goto(base + "ja/")
    links = type_query(page, "パスワードを管理したい")
    assert links
    marked = page.eval_on_selector_all(".md-search-result mark", "els => els.map(e => e.textContent)")
    assert "パスワード" in marked and not {"を", "し", "たい"} & set(marked)
    for link in links:
        terms = parse_qs(urlsplit(link).query).get("h", [""])[0].split()
        assert not {"を", "し", "たい"} & set(terms), link
    page.keyboard.press("Escape")
    hero_results(page, "パスワードを管理したい")
    marked = page.eval_on_selector_all("#hc-hero-results mark", "els => els.map(e => e.textContent)")
    assert "パスワード" in marked and not {"を", "し", "たい"} & set(marked)
