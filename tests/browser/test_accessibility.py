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
