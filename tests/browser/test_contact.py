"""A reader who still needs help: topic, description, suggested articles, then a channel with the context."""

import json
import mimetypes
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from helpcenter.i18n.strings import strings_for

ZH = strings_for("zh")
EN = strings_for("en")
COMPROMISED_ZH = "账户可能被盗——现在该怎么做"
SITE_HOST = "help.quillfeather.example"


def watch_external(page, site=None):
    """Every request that would leave the help center, answered here so nothing reaches the network.
    With `site`, the built site is served at its real address (Material's instant navigation matches links
    against the sitemap by host name, without the port a loopback server would add)."""
    left = []

    def handle(route):
        parts = urlsplit(route.request.url)
        if parts.hostname == "127.0.0.1":
            route.continue_()
        elif site is not None and parts.hostname == SITE_HOST:
            path = site / unquote(parts.path).lstrip("/")
            path = path / "index.html" if path.is_dir() else path
            if path.is_file():
                route.fulfill(status=200, body=path.read_bytes(),
                              content_type=mimetypes.guess_type(path.name)[0] or "application/octet-stream")
            else:
                route.fulfill(status=404, body="")
        else:
            left.append(route.request.url)
            route.fulfill(status=200, content_type="text/html", body="<title>desk</title>")

    page.route("**/*", handle)
    return left


def test_chinese_reader_freezes_first_then_opens_a_ticket_with_the_context(built_site, serve, page):
    left = watch_external(page)
    page.goto(serve(built_site) + "zh/contact/")
    assert page.locator("h1").first.inner_text() == ZH["contact.title"]
    assert page.locator("[data-hc-contact-channels]").is_hidden()  # channels come after the help center has tried

    page.get_by_label("账户安全").check()
    urgent = page.locator("#hc-contact [data-hc-urgent]")
    assert urgent.is_visible()
    assert urgent.locator("h3").inner_text() == ZH["contact.urgent.title"]
    assert urgent.get_by_role("link", name=ZH["contact.urgent.action"]).get_attribute("href") == \
        "https://www.quillfeather.example/freeze"

    page.locator("#hc-contact-query").fill("账户被盗")
    suggestions = page.locator("[data-hc-suggestions] li a")
    suggestions.first.wait_for()
    assert suggestions.first.inner_text() == COMPROMISED_ZH
    assert 1 <= suggestions.count() <= 5
    assert suggestions.first.get_attribute("href").endswith("/zh/security/account-compromised/")
    assert page.locator("[data-hc-suggestions-status]").inner_text() == \
        ZH["contact.suggestions.count"].format(count=suggestions.count())

    page.get_by_role("button", name=ZH["contact.show_channels"]).click()  # suggestions shown: "none of these help"
    channels = page.locator("[data-hc-contact-channels]")
    assert channels.is_visible()
    assert page.evaluate("document.activeElement.id") == "hc-contact-channels-title"
    # The freeze step comes before every channel.
    assert page.evaluate("""() => {
        const urgent = document.querySelector('#hc-contact [data-hc-urgent]');
        return [...document.querySelectorAll('#hc-contact [data-hc-channel]')].every(
            channel => urgent.compareDocumentPosition(channel) & Node.DOCUMENT_POSITION_FOLLOWING);
    }""")
    assert page.locator("[data-hc-channel=community]").is_hidden()  # not for security problems
    assert page.locator("[data-hc-sends=community]").is_hidden()
    ticket = page.locator("[data-hc-channel=ticket]")
    page.locator("#hc-contact .hc-channels__sends summary").click()
    # What the link carries, in words: the language and topic by name, never "zh" or "security".
    assert page.locator("[data-hc-sends=ticket] li").all_inner_texts() == [
        "语言：简体中文", "标题：账户被盗", "您的描述", "主题：账户安全"]
    assert left == []  # nothing has left the page so far

    with page.expect_request(lambda request: "support.quillfeather.example" in request.url) as opened:
        ticket.get_by_role("link", name=ZH["contact.kind.ticket.action"]).click()
    url = opened.value.url
    parts = urlsplit(url)
    assert parts.scheme == "https" and parts.path == "/hc/zh/requests/new"
    assert "tf_description=%E8%B4%A6%E6%88%B7%E8%A2%AB%E7%9B%97" in parts.query
    assert parse_qs(parts.query) == {"tf_subject": ["账户被盗"], "tf_description": ["账户被盗"], "tf_topic": ["security"]}
    assert left == [url]


def test_the_link_carries_exactly_what_the_reader_sees_while_typing(built_site, serve, page):
    left = watch_external(page)
    page.goto(serve(built_site) + "contact/")
    page.get_by_label("Spot trading").check()
    typed = 'Order #42 & "stop-limit"\nnot filled'
    page.locator("#hc-contact-query").fill(typed)
    page.locator("[data-hc-show-channels]").click()
    chat = page.locator("[data-hc-channel=chat]")
    shown = page.locator("[data-hc-sends=chat] li").all_text_contents()
    with page.expect_request(lambda request: "www.quillfeather.example" in request.url) as opened:
        chat.get_by_role("link").click()
    query = parse_qs(urlsplit(opened.value.url).query)
    assert query == {"lang": ["en"], "topic": ["trading"], "message": [typed]}
    assert shown == ["Language: English", "Topic: Spot trading", "Your description"]
    assert left == [opened.value.url]


def test_without_javascript_the_channels_are_plain_links(built_site, serve, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(serve(built_site) + "ja/contact/")
    assert page.locator("[data-hc-contact-form]").is_hidden()
    assert page.locator("[data-hc-urgent]").is_visible()
    links = page.locator("[data-hc-channel] a[data-hc-channel-link]")
    assert links.all_inner_texts() == [strings_for("ja")[f"contact.kind.{k}.action"]
                                       for k in ("chat", "ticket", "email", "community")]
    assert page.locator("[data-hc-official=social] a").get_attribute("href") == "https://www.quillfeather.example/verify"
    assert links.nth(1).get_attribute("href") == "https://support.quillfeather.example/hc/ja/requests/new"
    context.close()


def test_keyboard_only(built_site, serve, page):
    watch_external(page)
    page.goto(serve(built_site) + "contact/")
    page.locator("input[name=topic]").first.focus()
    for _ in range(page.locator("input[name=topic]").count()):  # arrow keys move through the topics to security
        if page.evaluate("document.activeElement.value") == "security":
            break
        page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.value") == "security"
    page.keyboard.press("Tab")  # the freeze step is the next stop
    assert page.evaluate("document.activeElement.textContent.trim()") == EN["contact.urgent.action"]
    page.locator("#hc-contact-query").focus()
    page.keyboard.type("hacked")
    page.locator("[data-hc-suggestions] li a").first.wait_for()
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "submit":
            break
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "hc-contact-channels-title"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('[data-hc-channel]').dataset.hcChannel") == "chat"


def test_from_an_article_foot_with_instant_navigation(built_site, page):
    left = watch_external(page, built_site)
    page.goto(f"https://{SITE_HOST}/zh/security/enable-2fa/")
    foot = page.locator(".hc-contact-foot")
    assert foot.locator("h2").inner_text() == ZH["contact.still_need_help"]
    assert foot.locator("[data-hc-urgent]").is_visible()  # a security article
    assert foot.locator("[data-hc-channel=community]").count() == 0
    chat = foot.locator("[data-hc-channel=chat] a").get_attribute("href")
    assert chat == "https://www.quillfeather.example/support/chat?lang=zh&topic=security&article=5001"
    page.evaluate("window.hcSamePage = true")
    foot.get_by_role("link", name=ZH["contact.foot_describe"]).click()
    page.wait_for_function("document.getElementById('hc-contact') && document.getElementById('hc-contact').hasAttribute('data-hc-ready')")
    assert page.evaluate("window.hcSamePage") is True  # instant navigation, no reload
    assert page.locator("input[name=topic][value=security]").is_checked()
    page.locator("[data-hc-show-channels]").click()
    chat = page.locator("#hc-contact [data-hc-channel=chat]")
    assert parse_qs(urlsplit(chat.locator("a").get_attribute("href")).query) == \
        {"lang": ["zh"], "topic": ["security"], "article": ["5001"]}
    assert page.locator("#hc-contact [data-hc-sends=chat] li").all_text_contents() == [
        "语言：简体中文", "主题：账户安全", "文章：" + page.evaluate(
            "JSON.parse(document.getElementById('hc-contact').dataset.hcContact).articles.find(a => a.id === 5001).title")]
    # Back on the article and forward again: the page is set up afresh each time.
    page.go_back()
    page.wait_for_function("document.querySelector('#hc-page').dataset.kind === 'article'")
    page.go_forward()
    page.wait_for_function("document.getElementById('hc-contact') && document.getElementById('hc-contact').hasAttribute('data-hc-ready')")
    assert page.locator("[data-hc-contact-form]").is_visible()
    assert page.evaluate("window.hcSamePage") is True
    assert left == []


def test_live_status_replaces_nothing_but_adds_the_current_wait(built_site, serve, page):
    base = serve(built_site)
    seen = []

    def contact_page(route):
        response = route.fetch()
        body = response.text().replace('"status_url": null', '"status_url": "support-status.json"')
        assert "support-status.json" in body
        route.fulfill(response=response, body=body)

    def status(route):
        seen.append(route.request)
        route.fulfill(status=200, content_type="application/json", body=json.dumps(
            {"channels": {"chat": {"wait_minutes": 3}, "ticket": {"wait_minutes": 300}, "email": {"available": False}}}))

    page.route(base + "contact/", contact_page)
    page.route("**/support-status.json", status)
    page.goto(base + "contact/")
    page.get_by_label("Security").check()
    page.get_by_role("button", name=EN["contact.show_options"]).click()
    wait = page.locator("[data-hc-channel=chat] [data-hc-wait]")
    wait.wait_for()
    assert wait.inner_text() == EN["contact.status.wait_minutes"].format(count=3)
    assert page.locator("[data-hc-channel=ticket] [data-hc-wait]").inner_text() == \
        EN["contact.status.wait_hours"].format(count=5)
    assert page.locator("[data-hc-channel=email] [data-hc-wait]").inner_text() == EN["contact.status.unavailable"]
    assert page.locator("[data-hc-channel=community] [data-hc-wait]").is_hidden()
    assert page.locator("[data-hc-channel=chat]").get_by_text("First reply in about 5 min").is_visible()
    request = seen[0]
    assert urlsplit(request.url).query == "" and "referer" not in request.headers
