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
