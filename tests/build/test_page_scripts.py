"""Each page loads only the scripts it uses: contact.js where there is a contact block, opening hours or the contact
form, feedback.js where there is the feedback widget (helpcenter/theming.py, ON_DEMAND_SCRIPTS); the loader
(page-scripts.js) fetches them at the first page and after Material's instant navigation, under the site's own
Content-Security-Policy. Our scripts and stylesheets are minified (and still run)."""

from __future__ import annotations

import mimetypes
import re
import time
from urllib.parse import unquote, urlsplit

import pytest

from helpcenter.feedback.site_app import SiteRules
from helpcenter.static_server import serve_directory
from helpcenter.theming import ON_DEMAND_SCRIPTS

SITE_HOST = "help.quillfeather.example"
ON_DEMAND = re.compile(r"/assets/javascripts/(contact|feedback)\.[0-9a-f]{8}\.js$")


@pytest.fixture(scope="module")
def site_url(built_site):
    base, server = serve_directory(built_site, site_rules=True)
    yield base
    server.shutdown()


@pytest.fixture
def tab(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.scripts = []
    tab.errors = []
    tab.on("request", lambda request: tab.scripts.append(request.url) if request.resource_type == "script" else None)
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.on("console", lambda message: tab.errors.append(message.text) if message.type == "error" else None)
    yield tab
    context.close()


def loaded(tab) -> set[str]:
    return {match.group(1) for url in tab.scripts if (match := ON_DEMAND.search(url))}


def test_the_home_page_loads_neither(tab, site_url):
    tab.goto(site_url, wait_until="networkidle")
    assert loaded(tab) == set()
    assert any("/page-scripts." in url for url in tab.scripts)
    assert not tab.errors


def test_an_article_loads_both_and_the_widget_appears(tab, site_url):
    tab.goto(site_url + "security/anti-phishing-code/", wait_until="networkidle")
    assert loaded(tab) == {"contact", "feedback"}
    tab.wait_for_selector("[data-hc-feedback]:not([hidden])")
    assert not tab.errors


def test_the_contact_page_loads_contact_only_and_its_form_works(tab, site_url):
    tab.goto(site_url + "contact/", wait_until="networkidle")
    assert loaded(tab) == {"contact"}
    tab.wait_for_selector("#hc-contact[data-hc-ready] [data-hc-contact-form]:not([hidden])")
    assert not tab.errors


def test_instant_navigation_to_an_article_loads_them_once(tab, built_site):
    """Served at the site's own address: Material's instant navigation matches links against the sitemap by host
    name, without the port of a loopback server. The responses carry the site's headers (its CSP)."""
    rules = SiteRules.for_site(built_site)

    def answer(route):
        path = urlsplit(route.request.url).path
        file = built_site / unquote(path).lstrip("/")
        file = file / "index.html" if file.is_dir() else file
        if not file.is_file():
            return route.fulfill(status=404, body="")
        route.fulfill(status=200, body=file.read_bytes(), headers=rules.headers(path),
                      content_type=mimetypes.guess_type(file.name)[0] or "application/octet-stream")

    tab.route(f"https://{SITE_HOST}/**", answer)
    tab.goto(f"https://{SITE_HOST}/security/", wait_until="networkidle")
    assert loaded(tab) == set()
    tab.evaluate("window.hcSamePage = true")
    for _ in range(2):
        tab.click('.md-content a[href$="/security/anti-phishing-code/"]')
        tab.wait_for_url("**/security/anti-phishing-code/")
        tab.wait_for_selector("[data-hc-feedback]:not([hidden])")
        assert loaded(tab) == {"contact", "feedback"}
        tab.click('.md-content a[href$="/security/"]')  # the breadcrumb, back to the category
        tab.wait_for_url("**/security/")
    assert tab.evaluate("window.hcSamePage") is True  # instant navigation throughout, no page load
    assert len([url for url in tab.scripts if ON_DEMAND.search(url)]) == 2  # each fetched once
    assert not tab.errors


def test_the_selectors_match_the_built_pages(built_site):
    article = (built_site / "security/anti-phishing-code/index.html").read_text(encoding="utf-8")
    assert "data-hc-feedback" in article and "data-hc-contact-status" in article
    assert set(ON_DEMAND_SCRIPTS) == {"assets/javascripts/contact.js", "assets/javascripts/feedback.js"}


SHIFTS = """() => new Promise(resolve => {
  const shifts = [];
  new PerformanceObserver(list => { for (const entry of list.getEntries()) if (!entry.hadRecentInput)
      shifts.push([entry.value, (entry.sources || []).map(s => s.node ? s.node.nodeName + "." + s.node.className : "")]); })
    .observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(shifts), 1500);
})"""


@pytest.mark.parametrize("path", ["", "security/anti-phishing-code/", "contact/"])
def test_our_widgets_move_nothing_when_their_scripts_arrive_late(browser, site_url, path):
    """A phone's width, a page tall enough that every widget is in view, and our scripts arriving late (a slow
    connection): the widgets' places are kept (the feedback widget, the contact block, the home page's results)."""
    context = browser.new_context(viewport={"width": 390, "height": 5000}, is_mobile=True, has_touch=True)
    tab = context.new_page()

    def late(route):
        time.sleep(0.5)
        route.continue_()

    tab.route(re.compile(r"/assets/javascripts/(?!bundle\.).*\.js$"), late)
    tab.goto(site_url + path, wait_until="load")
    shifts = tab.evaluate(SHIFTS)
    context.close()
    assert sum(value for value, _ in shifts) < 0.001, shifts
