"""Accessibility: axe-core in headless Chromium finds no serious or critical violation on any kind of page (home,
category, article, fallback and machine-translated article, contact, search results, 404) of any locale."""

from __future__ import annotations

import pytest

from helpcenter.checks.accessibility import PAGE_KINDS, AuditedPage, audit, pages_to_audit, serving, violation_findings
from helpcenter.project import load_model, load_project

from conftest import ROOT


@pytest.fixture(scope="module")
def hc():
    return load_model(load_project(ROOT / "mkdocs.yml"))


LOCALES = load_project(ROOT / "mkdocs.yml").locales


@pytest.fixture(scope="module")
def site_base(built_site):
    with serving(built_site) as base:
        yield base


def _audit_covers_what_the_locales_have(hc, site) -> set[tuple[str, str]]:
    """Checks the audit takes each locale's kinds of page exactly where the locale has them; returns them."""
    audited = pages_to_audit(hc, site)
    kinds = {(p.locale, p.kind) for p in audited}
    for locale in hc.locales:
        assert {(locale, kind) for kind in ("home", "category", "search", "404")} <= kinds
        contact = (site / hc.locale_prefix(locale) / "contact" / "index.html").is_file()
        assert ((locale, "contact") in kinds) == contact
        states = {(hc.state(a.id, locale), a.machine_translated) for a in hc.articles_for(locale)}
        assert ((locale, "fallback") in kinds) == any(state == "fallback" for state, _ in states)
        assert ((locale, "machine-translated") in kinds) == (("translated", True) in states)
        assert ((locale, "article") in kinds) == (("translated", False) in states)
    for page in audited:
        if page.kind != "404":
            assert (site / page.site_path / "index.html").is_file(), page
    return kinds


def test_the_audit_covers_every_kind_of_page_in_every_locale(hc, built_site):
    # The shipped help center may have every article translated everywhere: then it has no fallback page.
    kinds = {kind for _, kind in _audit_covers_what_the_locales_have(hc, built_site)}
    assert kinds >= set(PAGE_KINDS) - {"fallback"}


def test_the_audit_covers_fallback_pages_where_a_locale_has_them(fallback_site):
    kinds = _audit_covers_what_the_locales_have(fallback_site.hc, fallback_site.site)
    assert {kind for _, kind in kinds} == set(PAGE_KINDS)
    assert {("fr", "fallback"), ("ja", "fallback"), ("fr", "machine-translated")} <= kinds


@pytest.mark.parametrize("locale", LOCALES)
def test_no_serious_or_critical_violations(hc, built_site, site_base, page, locale):
    problems = []
    for audited in pages_to_audit(hc, built_site, [locale]):
        problems += violation_findings(f"{audited.site_path or '/'} ({audited.kind})",
                                       audit(page, site_base + audited.site_path, audited))
    assert problems == [], "\n".join(str(p) for p in problems)


@pytest.mark.parametrize("locale, category", [("fr", "earn"), ("ja", "derivatives")])
def test_no_serious_or_critical_violations_on_fallback_pages(fallback_site, page, locale, category):
    # fr's earn: a translated category page over English articles; ja's derivatives: all English, its page too.
    hc = fallback_site.hc
    audited = [p for p in pages_to_audit(hc, fallback_site.site, [locale]) if p.kind == "fallback"]
    audited.append(AuditedPage(locale, "category", f"{hc.locale_prefix(locale)}{category}/"))
    assert len(audited) == 2
    problems = []
    with serving(fallback_site.site) as base:
        for entry in audited:
            problems += violation_findings(f"{entry.site_path} ({entry.kind})", audit(page, base + entry.site_path, entry))
    assert problems == [], "\n".join(str(p) for p in problems)


def test_the_audit_finds_planted_violations(tmp_path, serve, page):
    # An image without alt text and an unnamed button are critical for axe-core: the gate must see them.
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Planted</title></head><body><main>'
        '<h1>Planted</h1><img src="x.png"><button></button><p style="color:#eee;background:#fff">Faint</p>'
        "</main></body></html>", encoding="utf-8")
    violations = audit(page, serve(tmp_path))
    assert {"image-alt", "button-name", "color-contrast"} <= {v["id"] for v in violations}
    assert {v["impact"] for v in violations} <= {"serious", "critical"}
    finding = violation_findings("index.html", violations)[0]
    assert finding.gate == "a11y" and "Elements:" in finding.message and "dequeuniversity" in finding.fix


CONTRAST_RULES = ["color-contrast", "link-in-text-block"]


def _contrast_violations(page, where: str) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    response = Axe().run(page, options={"runOnly": {"type": "rule", "values": CONTRAST_RULES}}).response
    return [f"{where}: {v['id']} {node['target']} {(node.get('any') or [{}])[0].get('message', '')}"
            for v in response["violations"] for node in v["nodes"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_both_colour_schemes_meet_wcag_aa_contrast(hc, built_site, site_base, browser, scheme):
    """Material picks the palette of the reader's system setting (prefers-color-scheme): every page kind, and the
    header's language list and search dialog opened, in the light and in the dark palette."""
    base = site_base  # served with the project server's rules: a missing page gets its locale's 404 page
    # bypass_csp: the test's own waiting functions are evaluated scripts, which the site's policy refuses.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    problems = []
    for audited in pages_to_audit(hc, built_site):
        page.goto(base + audited.site_path, wait_until="load")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.body.dataset.mdColorScheme") == ("slate" if scheme == "dark" else "default")
        problems += _contrast_violations(page, f"{audited.site_path} ({audited.kind})")
    page.locator(".md-select button").focus()
    page.keyboard.press("Enter")  # opens the list and focuses the current language
    page.wait_for_function("getComputedStyle(document.querySelector('.md-select__inner')).opacity === '1'")
    problems += _contrast_violations(page, "language list")
    page.keyboard.press("Escape")
    page.locator(".md-search__input").click()
    page.keyboard.type("2fa")
    page.wait_for_timeout(500)  # let the result list draw; contrast, not timing, is asserted
    problems += _contrast_violations(page, "search dialog")
    page.set_viewport_size({"width": 390, "height": 844})  # the phone's drawer, open on a Japanese article
    article = next(p for p in pages_to_audit(hc, built_site, ["ja"]) if p.kind in ("article", "machine-translated"))
    page.goto(base + article.site_path)
    page.wait_for_load_state("networkidle")
    page.locator("header label[for='__drawer']").click()
    page.wait_for_function("document.getElementById('__drawer').checked")
    page.wait_for_timeout(300)  # the drawer slides in; contrast, not timing, is asserted
    problems += _contrast_violations(page, "phone drawer")
    context.close()
    assert problems == [], "\n".join(problems)


def test_the_sidebar_expand_toggles_are_named_in_the_page_language(built_site, serve, page):
    page.goto(serve(built_site) + "ja/security/enable-2fa/")
    page.wait_for_load_state("networkidle")
    names = page.evaluate("""[...document.querySelectorAll('.md-nav__container > label[tabindex]')]
        .map(l => [l.getAttribute('aria-label'), l.parentNode.querySelector('a .md-ellipsis').textContent.trim()])""")
    assert names, "the article's section has an expand toggle"
    for name, section in names:
        assert name == f"{section}の記事"
    # A named toggle is a button that tells whether its list is open (axe: aria-prohibited-attr otherwise).
    toggle = page.locator(".md-nav__container > label[tabindex]").first
    assert toggle.get_attribute("role") == "button"
    expanded = toggle.get_attribute("aria-expanded")
    assert expanded in ("true", "false")
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == ("false" if expanded == "true" else "true")
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page, options={"runOnly": ["aria-prohibited-attr", "aria-allowed-attr"]}).response
    assert found["violations"] == [], found["violations"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_feedback_buttons_have_enough_contrast_in_both_palettes(built_site, site_base, browser, scheme):
    # Dark mode once drew the outlined Yes/No buttons in the primary colour on slate: 3.06:1.
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    try:
        tab = context.new_page()
        tab.goto(site_base + "security/enable-2fa/")
        assert tab.evaluate("document.body.dataset.mdColorScheme") == ("slate" if scheme == "dark" else "default")
        assert tab.locator(".hc-feedback .md-button").count() >= 2
        results = Axe().run(tab, context=".hc-feedback", options={"runOnly": ["color-contrast"]}).response
    finally:
        context.close()
    assert results["violations"] == [], results["violations"]
    assert results["passes"], "axe checked no text in the feedback widget"
