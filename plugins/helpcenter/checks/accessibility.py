"""Accessibility gate: axe-core in headless Chromium on every kind of page (home, category, article, fallback and
machine-translated article, contact, search results, 404) of every locale; serious and critical violations fail.

axe-core comes from the axe-playwright-python package (PyPI), which ships axe.min.js; nothing is fetched
from a CDN. Playwright and the package are test dependencies: `pip install -e '.[test]'`.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from ..static_server import serve_directory
from .findings import Finding

GATE = "a11y"
FAILING_IMPACTS = ("serious", "critical")
# Every kind of page a reader meets. "article" is a human translation (or an English page in English);
# "fallback" an English article shown in a locale without the translation; "search" the home page with results
# of a query typed into the header search; "404" a missing page of the locale.
PAGE_KINDS = ("home", "category", "article", "fallback", "machine-translated", "contact", "search", "404")
NOT_FOUND_PATH = "this-page-does-not-exist/"
CHROMIUM = os.environ.get("HELPCENTER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@dataclass(frozen=True)
class AuditedPage:
    locale: str
    kind: str  # one of PAGE_KINDS
    site_path: str  # e.g. "zh/security/enable-2fa/"
    query: str = ""  # what a reader types into the header search (kind "search")


def pages_to_audit(hc, site_dir: str | os.PathLike, locales=None) -> list[AuditedPage]:
    """Every kind of page of every locale (or of `locales`) that the help center has: the home, the category of
    the locale's most important article, the most important human-translated article, fallback article and
    machine-translated article, the contact page where the build has one, search results and the 404 page.
    A locale without, say, a fallback article (everything translated) has no page of that kind."""
    pages = []
    for locale in (hc.locales if locales is None else locales):
        if locale not in hc.locales:
            continue
        prefix = hc.locale_prefix(locale)
        articles = hc.articles_for(locale)
        first = articles[0]  # most important first: it carries the most widgets
        pages += [AuditedPage(locale, "home", prefix), AuditedPage(locale, "category", f"{prefix}{first.category}/")]
        translated = [a for a in articles if hc.state(a.id, locale) == "translated"]
        kinds = {"article": [a for a in translated if not a.machine_translated],
                 "fallback": [a for a in articles if hc.state(a.id, locale) == "fallback"],
                 "machine-translated": [a for a in translated if a.machine_translated]}
        for kind, candidates in kinds.items():
            if candidates:
                pages.append(AuditedPage(locale, kind, hc.url(candidates[0], locale)))
        if (Path(site_dir) / prefix / "contact" / "index.html").is_file():
            pages.append(AuditedPage(locale, "contact", f"{prefix}contact/"))
        # The title of the locale's most important article: a query that has results in every locale.
        pages.append(AuditedPage(locale, "search", prefix, query=first.title))
        pages.append(AuditedPage(locale, "404", f"{prefix}{NOT_FOUND_PATH}"))
    return pages


def open_page(page, url: str, audited: AuditedPage) -> None:
    """Load the page as a reader meets it: for "search", with the results of its query shown."""
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    if audited.kind == "search":
        show_search_results(page, audited.query)


def show_search_results(page, query: str, timeout_ms: int = 15000) -> None:
    """Type `query` into the header search and wait for its results."""
    box = page.locator("input.md-search__input")
    if not box.is_visible():
        page.keyboard.press("s")  # Material's shortcut opens the search (a phone's header shows only its icon)
        box.wait_for(state="visible", timeout=timeout_ms)
    box.focus()
    page.keyboard.insert_text(query)  # as an input method commits text; Material reads the box on keyup
    page.keyboard.press("End")
    # A locator, not wait_for_function: the site's CSP forbids the eval that a polled expression needs.
    page.locator(".md-search-result__item").first.wait_for(state="attached", timeout=timeout_ms)
    # The overlay opens with a transition (on a phone a circle scaled to cover the screen) and the list is drawn
    # in steps: read the page once both have settled.
    page.evaluate("() => Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)))")
    page.wait_for_timeout(300)


def audit(page, url: str, audited: AuditedPage | None = None) -> list[dict]:
    """axe-core's serious and critical violations on the page at `url` (a Playwright page drives the browser)."""
    from axe_playwright_python.sync_playwright import Axe

    if audited is None:
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
    else:
        open_page(page, url, audited)
    violations = Axe().run(page).response["violations"]  # axe-core's default rules: WCAG 2 A/AA and more
    return [v for v in violations if v.get("impact") in FAILING_IMPACTS]


def violation_findings(shown_path: str, violations: list[dict]) -> list[Finding]:
    findings = []
    for violation in violations:
        nodes = violation.get("nodes", [])
        targets = "; ".join(" ".join(str(t) for t in node.get("target", [])) for node in nodes[:5])
        more = f" and {len(nodes) - 5} more" if len(nodes) > 5 else ""
        snippet = " ".join((nodes[0].get("html") or "").split())[:160] if nodes else ""
        summary = " ".join((nodes[0].get("failureSummary") or "").split()) if nodes else ""
        findings.append(Finding(GATE, shown_path,
                                f"{violation['id']} ({violation['impact']}): {violation['help']}. "
                                f"Elements: {targets}{more}. First: {snippet}",
                                None, f"{summary} See {violation.get('helpUrl', '')}".strip()))
    return findings


@contextlib.contextmanager
def serving(directory: str | os.PathLike):
    """The built site on loopback as the project's server answers (the locale's 404 page, its CSP); yields its URL."""
    base, server = serve_directory(directory, site_rules=True)
    try:
        yield base
    finally:
        server.shutdown()


def audit_site(hc, site_dir: str | os.PathLike, shown_root: str) -> list[Finding]:
    """Run the gate on a built site with Debian's Chromium (for `helpcenter check --site DIR --a11y`)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise RuntimeError("the accessibility check needs Playwright and axe-core: pip install -e '.[test]'") from None
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium) "
                           "or set HELPCENTER_CHROMIUM")
    findings = []
    with serving(site_dir) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            tab = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
            for audited in pages_to_audit(hc, site_dir):
                shown = f"{shown_root}/{audited.site_path}" + ("" if audited.kind == "404" else "index.html")
                if audited.kind in ("404", "search"):
                    shown += f" ({audited.kind})"
                findings += violation_findings(shown, audit(tab, base + audited.site_path, audited))
        finally:
            browser.close()
    return findings
