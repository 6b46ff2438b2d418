"""Counting readers: a reader who changes their mind counts once, readers sharing an address are not merged
(the widget's per-tab id), no comment is dropped; the reports cannot be made to link, load or run anything."""

from __future__ import annotations

import json
import re

from helpcenter.feedback.report import build_report, render_html, render_markdown
from helpcenter.feedback.store import read_records
from helpcenter.i18n.strings import strings_for

from feedback_helpers import make_client, vote_db  # noqa: F401  (fixtures)

NO = {"article": 1001, "locale": "zh", "helpful": False, "reason": "outdated", "comment": "截图过时了"}
YES = {"article": 1001, "locale": "zh", "helpful": True}


def test_a_change_of_mind_counts_once_and_keeps_the_comment(make_client, vote_db):
    client = make_client()
    assert client.post("/api/feedback", json={**NO, "tab": "tab-reader-one"}).status_code == 201
    assert client.post("/api/feedback", json={**YES, "tab": "tab-reader-one"}).status_code == 201
    report = build_report(read_records(vote_db))
    [entry] = report.articles
    assert (report.received, report.counted, entry.votes, entry.helpful) == (2, 1, 1, 1)
    assert [text for _, _, text in entry.comments] == ["截图过时了"]


def test_readers_sharing_an_address_are_counted_apart(make_client, vote_db):
    client = make_client()  # every post comes from one address, as from an office or a carrier
    for n in range(10):
        assert client.post("/api/feedback", json={**YES, "tab": f"tab-reader-{n:02d}"}).status_code == 201
    report = build_report(read_records(vote_db))
    assert (report.received, report.counted) == (10, 10)


def test_readers_comments_cannot_link_load_or_run_anything():
    records = [{"id": 1, "received_at": "2026-11-02T10:00:00.000000Z", "article": 1, "locale": "en", "helpful": False,
                "reason": "unclear", "comment": "[click](javascript:alert(1)) ![x](https://tracker.example/p.png)",
                "revision": None, "search": None, "client": "a"}]
    report = build_report(records)
    markdown = render_markdown(report, strings_for("en"))
    assert not re.search(r"(?<!\\)\]\(", markdown) and "![x](" not in markdown  # no link or image syntax left
    assert "\\[click\\](javascript:alert(1))" in markdown
    page = render_html(report, strings_for("en"))
    assert "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">" in page


def test_the_widget_sends_one_random_id_per_tab(page, built_site):
    """Two votes in one tab carry the same id; another tab has its own. Only sessionStorage, no cookie."""
    import http.server
    import threading
    from functools import partial

    from helpcenter.feedback.process import free_port

    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(built_site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    bodies = []

    def accept(route):
        bodies.append(json.loads(route.request.post_data))
        route.fulfill(status=201, content_type="application/json", body='{"id": 1}')

    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/zh/security/enable-2fa/"
        page.route("**/api/feedback", accept)
        for _ in range(2):
            page.goto(url)
            page.evaluate("localStorage.clear()")  # forget the vote, keep the tab
            page.reload()
            page.locator("[data-hc-feedback]").wait_for(state="visible")
            page.locator("[data-hc-vote=yes]").click()
            page.locator("[data-hc-thanks]").wait_for(state="visible")
        other = page.context.new_page()
        other.route("**/api/feedback", accept)
        other.goto(url)
        other.evaluate("localStorage.clear()")
        other.reload()
        other.locator("[data-hc-vote=yes]").click()
        other.locator("[data-hc-thanks]").wait_for(state="visible")
        other.close()
    finally:
        server.shutdown()
    tabs = [body["tab"] for body in bodies]
    assert len(tabs) == 3 and tabs[0] == tabs[1] != tabs[2]
    assert all(len(tab) == 32 and int(tab, 16) >= 0 for tab in tabs)
    assert page.context.cookies() == []


def test_export_and_report_read_either_store(make_client, vote_db, capsys):
    from helpcenter.cli import main

    client = make_client()
    assert client.post("/api/feedback", json={**NO, "tab": "tab-reader-one"}).status_code == 201
    assert main(["feedback", "export", "--db", vote_db, "--format", "json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["article"], row["comment"], row["received_at"][-1]) == (1001, "截图过时了", "Z")
    assert main(["feedback", "report", "--db", vote_db]) == 0
    assert "截图过时了" in capsys.readouterr().out


def test_export_of_a_database_without_votes_is_a_clear_error(vote_db, capsys):
    from helpcenter.cli import main

    if vote_db.startswith("postgresql://"):
        assert main(["feedback", "export", "--db", vote_db]) == 1
        assert "holds no feedback votes" in capsys.readouterr().err
    else:
        assert main(["feedback", "export", "--db", vote_db]) == 1
        assert "does not exist" in capsys.readouterr().err
