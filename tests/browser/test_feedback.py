"""The feedback widget in headless Chromium against the real collector serving the built site (one origin)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from helpcenter.feedback.process import CollectorProcess

ARTICLE = "zh/security/enable-2fa/"


@pytest.fixture(scope="module")
def collector(built_site, tmp_path_factory):
    db = tmp_path_factory.mktemp("feedback") / "votes.sqlite3"
    with CollectorProcess(db, "--site", built_site, "--serve-site") as server:
        yield server


def export(db) -> list[dict]:
    result = subprocess.run([sys.executable, "-m", "helpcenter.cli", "feedback", "export", "--db", str(db),
                             "--format", "json"], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def open_article(page, collector, path=ARTICLE, query=""):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{collector.url}/{path}{query}")
    widget = page.locator("[data-hc-feedback]")
    widget.wait_for(state="visible")
    return widget, requests


def test_vote_no_with_reason_and_comment_on_a_chinese_article(page, collector, built_site):
    widget, requests = open_article(page, collector, query="?h=%E4%BA%8C%E6%AD%A5%E9%AA%8C%E8%AF%81")
    assert widget.locator("legend#hc-feedback-question").inner_text() == "这篇文章对您有帮助吗？"
    assert widget.locator("[data-hc-details]").is_hidden()
    widget.get_by_role("button", name="没有帮助").click()
    assert widget.get_by_role("button", name="没有帮助").get_attribute("aria-pressed") == "true"
    assert widget.locator("[data-hc-details]").is_visible()
    widget.get_by_label("信息已过时").check()
    widget.get_by_label("补充说明（选填）").fill("第三步的截图和现在的 App 不一样")
    assert widget.locator("[data-hc-counter]").inner_text() == f"{len('第三步的截图和现在的 App 不一样')}/2000"
    assert "此表单不受理客服请求" in widget.locator(".hc-feedback__note").inner_text()
    widget.get_by_role("button", name="提交反馈").click()

    thanks = widget.locator("[data-hc-thanks]")
    thanks.wait_for(state="visible")
    assert thanks.inner_text() == "感谢您的反馈，我们会据此改进这篇文章。"
    assert page.evaluate("document.activeElement.hasAttribute('data-hc-thanks')")  # focus follows for screen readers
    contact = widget.locator("[data-hc-contact] a")
    assert contact.is_visible()
    href = contact.evaluate("a => a.href")  # resolved: the contact page of the reader's locale, or the article
    contact_page = (built_site / "zh" / "contact" / "index.html").exists()
    assert href == f"{collector.url}/zh/{'contact/' if contact_page else 'support/contact-support/'}", href
    assert widget.locator("[data-hc-feedback-form]").is_hidden()

    revision = page.locator("#hc-page").get_attribute("data-revision")
    rows = [r for r in export(collector.db) if r["comment"] == "第三步的截图和现在的 App 不一样"]
    assert len(rows) == 1
    row = rows[0]
    assert (row["article"], row["locale"], row["helpful"], row["reason"], row["revision"], row["search"]) == \
           (int(page.locator("#hc-page").get_attribute("data-article")), "zh", False, "outdated", revision, "二步验证")

    # Same origin, nothing else: no third-party request and no cookie.
    assert all(url.startswith(collector.url) for url in requests), [u for u in requests if not u.startswith(collector.url)]
    assert page.context.cookies() == []

    # The reader already voted on this revision: thanked again, not asked again.
    page.reload()
    page.locator("[data-hc-feedback]").wait_for(state="visible")
    assert page.locator("[data-hc-thanks]").inner_text() == "您已评价过本文的当前版本，谢谢。"
    assert page.locator("[data-hc-feedback-form]").is_hidden()


def test_keyboard_only_vote(page, collector):
    widget, _ = open_article(page, collector, path="zh/security/strong-passwords/")
    widget.get_by_role("button", name="没有帮助").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.hasAttribute('data-hc-details-title')")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "reason"
    page.keyboard.press("ArrowDown")  # radio group: arrows choose the reason
    chosen = page.evaluate("document.querySelector('input[name=reason]:checked').value")
    assert chosen == "unclear"
    for _ in range(10):  # to the send button; the honeypot is never reached
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.name") != "website"
        if page.evaluate("document.activeElement.hasAttribute('data-hc-send')"):
            break
        if page.evaluate("document.activeElement.name") == "comment":
            page.keyboard.type("太难懂")
    page.keyboard.press("Enter")
    widget.locator("[data-hc-thanks]").wait_for(state="visible")
    rows = [r for r in export(collector.db) if r["comment"] == "太难懂"]
    assert len(rows) == 1 and rows[0]["reason"] == "unclear"


def test_network_failure_is_shown_and_retry_sends_the_vote(page, collector):
    failures = {"left": 1}

    def flaky(route):
        if failures["left"]:
            failures["left"] -= 1
            route.abort("connectionrefused")
        else:
            route.continue_()

    page.route("**/api/feedback", flaky)
    widget, _ = open_article(page, collector, path="ja/security/enable-2fa/")
    widget.get_by_role("button", name="いいえ").click()
    widget.get_by_label("詳しく教えてください（任意）").fill("retry-check-ja")
    widget.get_by_role("button", name="フィードバックを送信").click()
    error = widget.get_by_role("alert")
    error.wait_for(state="visible")
    assert "接続に失敗したため" in error.inner_text()
    assert widget.locator("[data-hc-feedback-form]").is_visible()  # the answer is still there
    assert widget.get_by_label("詳しく教えてください（任意）").input_value() == "retry-check-ja"
    assert [r for r in export(collector.db) if r["comment"] == "retry-check-ja"] == []
    widget.get_by_role("button", name="再試行").click()
    widget.locator("[data-hc-thanks]").wait_for(state="visible")
    assert error.is_hidden()
    assert len([r for r in export(collector.db) if r["comment"] == "retry-check-ja"]) == 1


def test_rate_limited_vote_tells_the_reader(page, collector):
    page.route("**/api/feedback", lambda route: route.fulfill(status=429, content_type="application/json",
                                                               body='{"error": "too many", "retry_after": 30}'))
    widget, _ = open_article(page, collector, path="fr/security/enable-2fa/")
    widget.get_by_role("button", name="Oui").click()
    error = widget.get_by_role("alert")
    error.wait_for(state="visible")
    assert "trop de réponses" in error.inner_text()
    assert widget.locator("[data-hc-thanks]").is_hidden()


def test_widget_works_after_instant_navigation(page, collector):
    open_article(page, collector, path="es/security/enable-2fa/")
    first_article = page.locator("#hc-page").get_attribute("data-article")
    page.locator(".hc-related a").first.click()
    page.wait_for_function(f"document.querySelector('#hc-page').dataset.article !== '{first_article}'")
    assert page.evaluate("typeof document$") == "object"  # Material's instant navigation did the move
    widget = page.locator("[data-hc-feedback]")
    widget.wait_for(state="visible")
    article = int(page.locator("#hc-page").get_attribute("data-article"))
    widget.get_by_role("button", name="Sí").click()
    widget.locator("[data-hc-thanks]").wait_for(state="visible")
    assert widget.locator("[data-hc-thanks]").inner_text() == "Gracias por tus comentarios."
    assert widget.locator("[data-hc-contact]").is_hidden()  # the support link follows a "No" only
    assert any(r["article"] == article and r["locale"] == "es" and r["helpful"] for r in export(collector.db))


def test_widget_is_hidden_without_javascript(browser, collector):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{collector.url}/{ARTICLE}")
        assert page.locator("[data-hc-feedback]").count() == 1
        assert page.locator("[data-hc-feedback]").is_hidden()
    finally:
        context.close()
