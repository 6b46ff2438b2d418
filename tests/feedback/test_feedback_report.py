"""The report: Wilson ranking, folding of repeat votes, trend, Markdown and standalone HTML; the export."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from helpcenter.cli import main
from helpcenter.feedback.export import write_export
from helpcenter.feedback.report import (build_report, fold_repeats, render_html, render_markdown, site_articles,
                                        site_titles, wilson_lower_bound)
from helpcenter.feedback.store import SQLiteVoteStore
from helpcenter.feedback.votes import Vote
from helpcenter.i18n.strings import strings_for

from feedback_helpers import write_site


def record(n, article, locale, helpful, day="2026-11-02", client=None, reason=None, comment=None, search=None):
    return {"id": n, "received_at": f"{day}T10:00:{n % 60:02d}.000000Z", "article": article, "locale": locale,
            "helpful": helpful, "reason": reason, "comment": comment, "revision": "abcdef123456", "search": search,
            "client": client}


def test_wilson_lower_bound_known_values():
    assert wilson_lower_bound(0, 0) == 0.0
    assert wilson_lower_bound(1, 1) == pytest.approx(0.2065, abs=1e-4)
    assert wilson_lower_bound(90, 100) == pytest.approx(0.8256, abs=1e-4)
    assert wilson_lower_bound(5, 10) < 0.5 < 0.5 + (0.5 - wilson_lower_bound(5, 10))


def test_tiny_samples_do_not_outrank_large_ones():
    # Article 1: 1 of 1 said No (100%); article 2: 60 of 100 said No. Article 2 surely fails more readers.
    records = [record(1, 1, "en", False)] + [record(i + 2, 2, "en", i >= 60) for i in range(100)]
    report = build_report(records)
    assert [(a.article, a.votes) for a in report.articles] == [(2, 100), (1, 1)]
    assert report.articles[0].share == pytest.approx(0.4)


def test_repeat_votes_of_one_reader_fold_to_the_last_one():
    records = [record(1, 7, "zh", False, client="c1"), record(2, 7, "zh", True, client="c1"),
               record(3, 7, "zh", True, client="c2"), record(4, 7, "en", False, client="c1"),
               record(5, 7, "zh", False, client="c1", day="2026-11-03"),  # another day: another vote
               record(6, 7, "zh", False), record(7, 7, "zh", False)]  # no client hash: each counted
    kept = fold_repeats(records)
    assert [r["id"] for r in kept] == [2, 3, 4, 5, 6, 7]
    report = build_report(records)
    assert (report.received, report.counted, report.folded) == (7, 6, 1)


def test_report_contents(tmp_path):
    records = [record(1, 1001, "zh", False, reason="outdated", comment="截图过时", client="a", search="提币"),
               record(2, 1001, "zh", False, reason="outdated", client="b"),
               record(3, 1001, "zh", False, reason="unclear", comment="<script>alert(1)</script> | pipe", client="c"),
               record(4, 1001, "zh", True, client="d", day="2026-11-20"),
               record(5, 1002, "en", True, client="e", day="2026-11-20")]
    titles = site_titles(write_site(tmp_path / "site"))
    report = build_report(records, titles=titles)
    first = report.articles[0]
    assert (first.article, first.locale, first.votes, first.helpful) == (1001, "zh", 4, 1)
    assert first.title == "Article 1001 (zh)" and first.url == "zh/security/a1001/"
    assert first.reasons.most_common(1) == [("outdated", 2)]
    assert [c[2] for c in first.comments] == ["<script>alert(1)</script> | pipe", "截图过时"]  # newest first
    assert report.locales == [("zh", 4, 1), ("en", 1, 1)]
    # Weeks from the first vote to the last, empty weeks included.
    assert [(w.isoformat(), v, h) for w, v, h in report.trend] == [
        ("2026-11-02", 3, 0), ("2026-11-09", 0, 0), ("2026-11-16", 2, 2)]

    markdown = render_markdown(report, strings_for("en"))
    assert "# Article feedback" in markdown
    assert "| [Article 1001 (zh)](/zh/security/a1001/) | zh | 4 | 25% |" in markdown
    assert "The information is outdated (2)" in markdown
    assert "&lt;script&gt;" in markdown and "<script>" not in markdown  # readers' text is never markup
    assert "\\| pipe" in markdown
    assert "| 2026-11-09 | 0 | – |" in markdown
    assert "## Recent comments" in markdown

    public = render_markdown(build_report(records, titles=titles, comments=False), strings_for("en"))
    assert "截图过时" not in public and "script" not in public and "Recent comments" not in public
    assert "提币" not in public

    chinese = render_markdown(report, strings_for("zh"))
    assert "# 文章反馈" in chinese and "信息已过时 (2)" in chinese
    assert "信息已过时 (2)、内容难以理解 (1)" in chinese  # Chinese list punctuation


def test_html_report_is_standalone_with_inline_charts(tmp_path):
    records = [record(i, 1000 + i % 3, "en", i % 4 == 0, reason=None if i % 4 == 0 else "unclear",
                      day=f"2026-11-{1 + i % 20:02d}", comment="<b>bold</b>" if i == 5 else None) for i in range(1, 60)]
    page = render_html(build_report(records), strings_for("en"))
    assert page.startswith("<!doctype html>")
    assert page.count("<svg") == 1  # the trend; articles and reasons are text with bars, legible at any width
    assert page.count('class="hc-bars"') == 2
    assert "&lt;b&gt;bold&lt;/b&gt;" in page and "<b>bold</b>" not in page
    # Standalone: nothing loaded from anywhere (no src=, no stylesheet links, no external url()).
    assert not re.search(r"""(src|href)=["']https?://""", page.replace('xmlns="http://www.w3.org/2000/svg"', ""))
    assert "<script" not in page and "<link" not in page
    # matplotlib's SVG ids of different charts must not collide.
    ids = re.findall(r'id="([^"]+)"', page)
    assert len(ids) == len(set(ids))


def test_empty_report():
    report = build_report([])
    assert "No votes yet." in render_markdown(report, strings_for("en"))
    assert "No votes yet." in render_html(report, strings_for("en"))


def _store_votes(db):
    store = SQLiteVoteStore(db)
    store.add(Vote(article=1001, locale="zh", helpful=False, reason="unclear", comment="=HYPERLINK(\"x\")"), "c1")
    store.add(Vote(article=1002, locale="en", helpful=True, search="2fa"), None)
    store.close()


def test_export_csv_and_json_through_the_cli(tmp_path, capsys):
    db = tmp_path / "votes.sqlite3"
    _store_votes(db)
    assert main(["feedback", "export", "--db", str(db), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["article"], r["locale"], r["helpful"], r["reason"]) for r in rows] == [
        (1, 1001, "zh", False, "unclear"), (2, 1002, "en", True, None)]
    assert rows[0]["comment"] == "=HYPERLINK(\"x\")"
    out = tmp_path / "votes.csv"
    assert main(["feedback", "export", "--db", str(db), "--format", "csv", "-o", str(out)]) == 0
    table = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["helpful"] for r in table] == ["false", "true"]
    assert table[0]["comment"] == "'=HYPERLINK(\"x\")"  # kept as text in spreadsheets
    assert table[1]["search"] == "2fa" and table[1]["reason"] == ""


def test_export_of_a_missing_database_is_a_clear_error(tmp_path, capsys):
    assert main(["feedback", "export", "--db", str(tmp_path / "nope.sqlite3")]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert not (tmp_path / "nope.sqlite3").exists()


def test_report_through_the_cli(tmp_path, capsys):
    db = tmp_path / "votes.sqlite3"
    _store_votes(db)
    site = write_site(tmp_path / "site")
    assert main(["feedback", "report", "--db", str(db), "--site", str(site)]) == 0
    markdown = capsys.readouterr().out
    # The report's language is English: the English title, linked to the zh page the vote was cast on.
    assert "[Article 1001 (en)](/zh/security/a1001/)" in markdown and "HYPERLINK" in markdown
    assert main(["feedback", "report", "--db", str(db), "--public", "--locale", "ja"]) == 0
    public = capsys.readouterr().out
    assert "記事へのフィードバック" in public and "HYPERLINK" not in public
    assert main(["feedback", "report", "--db", str(db), "--site", str(site), "--base-url", "https://help.example.com"]) == 0
    assert "(https://help.example.com/zh/security/a1001/)" in capsys.readouterr().out
    html_file = tmp_path / "report.html"
    assert main(["feedback", "report", "--db", str(db), "--format", "html", "-o", str(html_file)]) == 0
    assert "<svg" in html_file.read_text(encoding="utf-8")


def test_write_export_rejects_unknown_format():
    with pytest.raises(ValueError, match="csv or json"):
        write_export([], io.StringIO(), "xml")


def write_catalogue(directory):
    """A built site's articles.json with two categories, titles in en, ja and fr (fr untranslated: English)."""
    directory.mkdir(parents=True, exist_ok=True)
    titles = {(1001, "en"): "Create an account", (1001, "ja"): "アカウントを作成する",
              (1001, "fr"): "Create an account", (5001, "en"): "Turn on two-factor authentication",
              (5001, "ja"): "二段階認証を有効にする", (5001, "fr"): "Activer l'authentification à deux facteurs"}
    categories = {1001: "getting-started", 5001: "security"}
    folders = {1001: "getting-started/create-account/", 5001: "security/enable-2fa/"}
    catalogue = {
        "default_locale": "en", "locales": ["en", "ja", "fr"],
        "categories": [{"id": "getting-started", "locale": "en", "title": "Getting started", "url": "getting-started/"},
                       {"id": "getting-started", "locale": "ja", "title": "はじめに", "url": "ja/getting-started/"},
                       {"id": "security", "locale": "en", "title": "Security", "url": "security/"},
                       {"id": "security", "locale": "ja", "title": "セキュリティ", "url": "ja/security/"}],
        "articles": [{"id": i, "locale": loc, "title": title, "category": categories[i],
                      "url": ("" if loc == "en" else loc + "/") + folders[i]} for (i, loc), title in titles.items()]}
    (directory / "articles.json").write_text(json.dumps(catalogue, ensure_ascii=False), encoding="utf-8")
    return directory


def catalogue_records():
    return [record(1, 1001, "ja", False, reason="unclear", client="a"),
            record(2, 5001, "ja", True, client="b"), record(3, 5001, "fr", False, reason="translation", client="c"),
            record(4, 5001, "en", True, client="d"), record(5, 9999, "en", False, client="e")]  # 9999: gone


def test_titles_are_in_the_reports_language_and_links_lead_to_the_page_voted_on(tmp_path):
    report = build_report(catalogue_records(), catalogue=site_articles(write_catalogue(tmp_path / "site")))
    english = render_markdown(report, strings_for("en"), locale="en")
    assert "| [Create an account](/ja/getting-started/create-account/) | ja | 1 |" in english
    assert "アカウントを作成する" not in english
    japanese = render_markdown(report, strings_for("ja"), locale="ja")
    assert "| [アカウントを作成する](/ja/getting-started/create-account/) | ja | 1 |" in japanese
    # French readers of the fr report see the French title of a vote cast on the English page.
    french = render_markdown(report, strings_for("fr"), locale="fr")
    assert "[Activer l'authentification à deux facteurs](/security/enable-2fa/) | en |" in french
    assert "| #9999 | en |" in english  # an article the site no longer has keeps its number
    page = render_html(report, strings_for("en"), "en")
    assert "Create an account" in page and "(n=" not in page and "#1001" not in page
    # Without a locale (as before), titles are those of the locale voted in.
    assert "[アカウントを作成する]" in render_markdown(report, strings_for("en"))


def test_reasons_are_shown_by_their_labels(tmp_path):
    report = build_report(catalogue_records(), catalogue=site_articles(write_catalogue(tmp_path / "site")))
    page = render_html(report, strings_for("ja"), "ja")
    # Japanese punctuation: a full-width colon after the label.
    assert strings_for("ja")["feedback.reason.unclear"] + "：1" in page
    assert strings_for("ja")["feedback.reason.translation"] + "：1" in page
    assert "- " + strings_for("fr")["feedback.reason.unclear"] + " : 1" in render_markdown(report, strings_for("fr"), locale="fr")
    assert ">unclear" not in page and ">translation" not in page and "unclear:" not in page


def test_totals_per_category(tmp_path):
    report = build_report(catalogue_records(), catalogue=site_articles(write_catalogue(tmp_path / "site")))
    assert report.categories == [("security", 3, 2), ("getting-started", 1, 0), (None, 1, 0)]
    markdown = render_markdown(report, strings_for("ja"), locale="ja")
    assert "## カテゴリ別" in markdown
    assert "| セキュリティ | 3 | 67% |" in markdown and "| はじめに | 1 | 0% |" in markdown
    assert "| サイトにない記事 | 1 | 0% |" in markdown
    english = render_html(report, strings_for("en"), "en")
    assert "<h2>By category</h2>" in english and "<td>Security</td><td class=\"n\">3</td>" in english
    # Without the site's catalogue there are no categories to total.
    assert "By category" not in render_markdown(build_report(catalogue_records()), strings_for("en"))


def test_report_through_the_cli_in_japanese(tmp_path, capsys):
    db = tmp_path / "votes.sqlite3"
    store = SQLiteVoteStore(db)
    store.add(Vote(article=5001, locale="fr", helpful=False, reason="unclear"), "c1")
    store.close()
    site = write_catalogue(tmp_path / "site")
    assert main(["feedback", "report", "--db", str(db), "--site", str(site), "--locale", "ja"]) == 0
    markdown = capsys.readouterr().out
    assert "[二段階認証を有効にする](/fr/security/enable-2fa/) | fr |" in markdown
    assert "| セキュリティ | 1 | 0% |" in markdown


def test_the_html_report_fits_a_phone(tmp_path, browser):
    records = [record(i, [1001, 5001, 9999][i % 3], ["ja", "fr", "en"][i % 3], i % 4 == 0,
                      reason=None if i % 4 == 0 else ["unclear", "outdated", "not_solved", "translation"][i % 4],
                      day=f"2026-11-{1 + i % 25:02d}", comment="A long comment " * 12 if i == 5 else None)
               for i in range(1, 80)]
    report = build_report(records, catalogue=site_articles(write_catalogue(tmp_path / "site")))
    page_file = tmp_path / "report.html"
    page_file.write_text(render_html(report, strings_for("en"), "en", "https://help.example.com/"), encoding="utf-8")
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        tab = context.new_page()
        tab.goto(page_file.as_uri())
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390
        # Table cells are stacked with their column's name; nothing is drawn smaller than 11 px.
        assert tab.locator("td[data-label='Votes: ']").first.evaluate("e => getComputedStyle(e).display") == "block"
        sizes = tab.evaluate("[...document.querySelectorAll('body *')].filter(e => e.closest('svg') === null && "
                             "e.textContent.trim()).map(e => parseFloat(getComputedStyle(e).fontSize))")
        assert min(sizes) >= 11
        tab.screenshot(path=str(tmp_path / "report-390.png"), full_page=True)
    finally:
        context.close()
