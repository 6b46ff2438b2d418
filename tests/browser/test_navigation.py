"""A reader opens the home page in two locales and clicks through category → article."""

import pytest


@pytest.mark.parametrize("locale,heading,category", [("", "How can we help?", "Security"), ("zh/", "有什么可以帮您？", "账户安全")])
def test_home_to_category_to_article(built_site, serve, page, locale, heading, category):
    base = serve(built_site)
    page.goto(base + locale)
    assert page.locator("h1").first.inner_text() == heading
    page.locator(".hc-card a", has_text=category).click()
    page.wait_for_url(f"**/{locale}security/")
    assert page.locator("article h1").first.inner_text() == category
    first = page.locator(".hc-article-list li a").first
    title = first.inner_text()
    first.click()
    page.wait_for_function("document.querySelector('#hc-page') && document.querySelector('#hc-page').dataset.kind === 'article'")
    assert page.locator("article h1").first.inner_text() == title
    assert page.locator(".hc-breadcrumbs a").nth(1).inner_text() == category


def test_language_switcher_stays_on_the_article_after_instant_navigation(built_site, serve, page):
    base = serve(built_site)
    page.goto(base + "security/")
    page.locator(".hc-article-list a[href$='enable-2fa/']").click()
    page.wait_for_url("**/security/enable-2fa/")
    href = page.locator('.md-select__link[hreflang="zh"]').get_attribute("href")
    assert href.rstrip("/").endswith("zh/security/enable-2fa")


def _focused(page) -> str:
    return page.evaluate("""(() => { const e = document.activeElement;
        return (e.className || e.tagName) + ' ' + (e.getAttribute('hreflang') || ''); })()""")


def test_the_language_list_is_one_tab_stop_and_a_disclosure(built_site, serve, page):
    page.goto(serve(built_site) + "zh/security/enable-2fa/")
    page.wait_for_load_state("networkidle")
    stops = []
    for _ in range(12):  # skip link, logo, contact, palette, languages, search (Material's) …
        page.keyboard.press("Tab")
        stops.append(_focused(page))
        if "md-search__input" in stops[-1]:
            break
    assert "md-search__input" in stops[-1], stops
    assert not [s for s in stops if "md-select__link" in s], stops  # the 11 links are not on the way
    assert len(stops) <= 7, stops
    button = page.locator(".md-select button")
    assert button.get_attribute("aria-expanded") == "false"
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    assert page.locator('.md-select__link[hreflang="ja"]').is_visible()
    assert _focused(page).endswith(" zh")  # the current language, marked aria-current
    page.keyboard.press("ArrowDown")
    assert _focused(page).endswith(" zh-TW")
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false" and "md-icon" in _focused(page)
    assert not page.locator('.md-select__link[hreflang="ja"]').is_visible()
    page.keyboard.press("Tab")
    assert "md-search__input" in _focused(page)


@pytest.mark.parametrize("width", [1280, 390])
def test_the_header_contact_entry_leads_to_the_locale_contact_page_after_instant_navigation(built_site, serve, browser,
                                                                                              width):
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    base = serve(built_site)
    page.goto(base + "ja/")
    contact = page.locator(".hc-header-contact__link")
    href = "document.querySelector('.hc-header-contact__link').href"
    assert contact.is_visible() and page.evaluate(href) == base + "ja/contact/"
    assert page.evaluate("document.querySelector('.hc-header-contact__link').textContent.trim()") == "お問い合わせ"
    page.locator(".hc-card a[href$='security/']").click()
    page.wait_for_url("**/ja/security/")
    page.locator(".hc-article-list a").first.click()
    page.wait_for_function("document.querySelector('#hc-page').dataset.kind === 'article'")
    assert page.evaluate(href) == base + "ja/contact/"  # the header stayed; its link follows the page
    assert contact.get_attribute("aria-current") is None
    contact.click()
    page.wait_for_url("**/ja/contact/")
    page.wait_for_function("document.querySelector('.hc-header-contact__link').getAttribute('aria-current') === 'page'")
    page.go_back()
    page.wait_for_function("document.querySelector('#hc-page').dataset.kind === 'article'")
    assert contact.get_attribute("aria-current") is None
    context.close()


def test_each_language_in_the_list_is_marked_as_that_language(built_site, serve, page):
    page.goto(serve(built_site) + "ja/")
    page.wait_for_load_state("networkidle")
    marks = page.eval_on_selector_all(".md-select__link", "els => els.map(e => [e.getAttribute('hreflang'), e.lang])")
    assert len(marks) == 11 and all(hreflang and lang == hreflang for hreflang, lang in marks), marks
