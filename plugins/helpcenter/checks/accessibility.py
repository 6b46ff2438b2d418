"""Accessibility gate: axe-core in headless Chromium on a home, a category, an article and the contact page of
en, zh and ja; serious and critical violations fail.

axe-core comes from the axe-playwright-python package (PyPI), which ships axe.min.js; nothing is fetched
from a CDN. Playwright and the package are test dependencies: `pip install -e '.[test]'`.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from .findings import Finding

GATE = "a11y"
FAILING_IMPACTS = ("serious", "critical")
AUDITED_LOCALES = ("en", "zh", "ja")
CHROMIUM = os.environ.get("HELPCENTER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@dataclass(frozen=True)
class AuditedPage:
    locale: str
    kind: str  # home | category | article | contact
    site_path: str  # e.g. "zh/security/enable-2fa/"


def pages_to_audit(hc, site_dir: str | os.PathLike, locales=AUDITED_LOCALES) -> list[AuditedPage]:
    """The home, the category of the most important article, that article, and the contact page where the
    build has one, for each audited locale the help center has."""
    article = hc.articles_for(hc.default_locale)[0]  # most important first: it carries the most widgets
    pages = []
    for locale in locales:
        if locale not in hc.locales:
            continue
        prefix = hc.locale_prefix(locale)
        pages += [AuditedPage(locale, "home", prefix),
                  AuditedPage(locale, "category", f"{prefix}{article.category}/"),
                  AuditedPage(locale, "article", hc.url(hc.article(article.id, locale), locale))]
        if (Path(site_dir) / prefix / "contact" / "index.html").is_file():
            pages.append(AuditedPage(locale, "contact", f"{prefix}contact/"))
    return pages


def audit(page, url: str) -> list[dict]:
    """axe-core's serious and critical violations on the page at `url` (a Playwright page drives the browser)."""
    from axe_playwright_python.sync_playwright import Axe

    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
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
    """A loopback web server for a built site; yields its base URL."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
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
                shown = f"{shown_root}/{audited.site_path}index.html"
                findings += violation_findings(shown, audit(tab, base + audited.site_path))
        finally:
            browser.close()
    return findings
