"""Accessibility: axe-core in headless Chromium finds no serious or critical violation on the home, a category,
an article and the contact page (when the build has one) of en, zh and ja."""

from __future__ import annotations

import pytest

from helpcenter.checks.accessibility import AUDITED_LOCALES, audit, pages_to_audit, violation_findings
from helpcenter.project import load_model, load_project

from conftest import ROOT


@pytest.fixture(scope="module")
def hc():
    return load_model(load_project(ROOT / "mkdocs.yml"))


def test_the_audit_covers_each_kind_of_page_in_en_zh_and_ja(hc, built_site):
    audited = pages_to_audit(hc, built_site)
    kinds = {(p.locale, p.kind) for p in audited}
    for locale in AUDITED_LOCALES:
        assert {(locale, "home"), (locale, "category"), (locale, "article")} <= kinds
        contact = (built_site / hc.locale_prefix(locale) / "contact" / "index.html").is_file()
        assert ((locale, "contact") in kinds) == contact
    for page in audited:
        assert (built_site / page.site_path / "index.html").is_file(), page


@pytest.mark.parametrize("locale", AUDITED_LOCALES)
def test_no_serious_or_critical_violations(hc, built_site, serve, page, locale):
    base = serve(built_site)
    problems = []
    for audited in pages_to_audit(hc, built_site, [locale]):
        problems += violation_findings(f"{audited.site_path or '/'} ({audited.kind})", audit(page, base + audited.site_path))
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
def test_both_colour_schemes_meet_wcag_aa_contrast(hc, built_site, serve, browser, scheme):
    """Material picks the palette of the reader's system setting (prefers-color-scheme): every page kind, and the
    header's language list and search dialog opened, in the light and in the dark palette."""
    base = serve(built_site)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
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
    article = next(p for p in pages_to_audit(hc, built_site, ["ja"]) if p.kind == "article")
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
