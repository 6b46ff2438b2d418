"""`--site DIR`: a built site's links, anchors, ids, open elements and H1s."""

from __future__ import annotations

import contextlib
import io

from helpcenter.checks.run import check_site, check_sources
from helpcenter.checks.site import BuiltSite
from helpcenter.cli import main

from checks_helpers import settings, write  # noqa: F401 (fixtures)

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<link rel="stylesheet" href="{base}assets/site.css"><link rel="preconnect" href="/nowhere/"></head>
<body><header><a href="{base}">Home</a></header>
<main>{body}</main></body></html>
"""


def site_with(root, body, title="Enable 2FA"):
    write(root, "index.html", PAGE.format(title="Home", base="./", body="<h1>Home</h1><h2 id='topics'>Topics</h2>"))
    write(root, "assets/site.css", "body{}")
    write(root, "a/5001/index.html", '<!doctype html><html><head><meta http-equiv="refresh" content="0; '
                                     'url=../../security/enable-2fa/"></head><body></body></html>')
    write(root, "security/enable-2fa/index.html", PAGE.format(title=title, base="../../", body=body))
    return root


GOOD = ('<h1>Enable 2FA</h1><h2 id="choose-a-method">Choose</h2><h3 id="apps">Apps</h3>'
        '<p><a href="../../#topics">Topics</a> <a href="#apps">Apps</a> <a href="https://example.com/">x</a>'
        ' <a href="/security/enable-2fa/#choose-a-method">self</a> <a href="mailto:x@example.com">mail</a>'
        ' <a href="../../#article=5001">state for a script</a></p>')


def findings(root):
    return [(f.gate, f.path.split("/", 1)[1], f.line, f.message) for f in BuiltSite(root, "https://help.example/", "site").findings()]


def test_a_sound_site_passes(tmp_path):
    assert findings(site_with(tmp_path, GOOD)) == []


def test_dead_link_and_dead_anchor(tmp_path):
    body = GOOD + '<p><a href="../withdraw/">w</a>\n<a href="../../#nope">n</a></p>'
    found = findings(site_with(tmp_path, body))
    assert [(gate, path, line) for gate, path, line, _ in found] == [
        ("links", "security/enable-2fa/index.html", 5), ("links", "security/enable-2fa/index.html", 6)]
    assert "nothing is published at security/withdraw/" in found[0][3]
    assert "index.html has no id 'nope'" in found[1][3]


def test_duplicate_ids_unclosed_elements_and_headings(tmp_path):
    body = '<h1>Enable 2FA</h1>\n<h2 id="x">A</h2>\n<h4 id="x">B</h4>\n<div class="note">\n<p>text</p>'
    found = findings(site_with(tmp_path, body))
    assert sorted((gate, line, message.split(" (")[0]) for gate, _, line, message in found) == [
        ("html", 7, "id 'x' is used 2 times"),
        ("html", 8, '<div class="note"> is never closed'),
        ("structure", 7, "H4 'B' follows H2: it skips a level."),
    ]


def test_every_page_has_one_h1_except_redirects(tmp_path):
    found = findings(site_with(tmp_path, '<h1>Enable 2FA</h1>\n<h1>Again</h1>'))
    assert [(gate, line, message) for gate, _, line, message in found] == [
        ("structure", 6, "the page has 2 H1 headings; it needs exactly one.")]


def test_site_findings_name_the_markdown_source(tmp_path, settings):
    site_with(tmp_path, '<h1>Enable 2FA</h1><a href="../gone/">gone</a>')
    report = check_sources(settings)
    found, pages = check_site(settings, tmp_path, report.space)
    assert pages == 3
    assert [f.fix for f in found] == ["correct or remove the link (the page is made from docs/en/security/enable-2fa.md)"]


def test_command_with_site_option(tmp_path):
    site_with(tmp_path / "site", GOOD)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        assert main(["check", "--site", str(tmp_path / "site")]) == 0
    assert "3 built pages" in err.getvalue()
    with contextlib.redirect_stderr(err):
        assert main(["check", "--site", str(tmp_path / "nothing")]) == 2


def test_shipped_built_site_passes(built_site, settings):
    report = check_sources(settings)
    found, pages = check_site(settings, built_site, report.space)
    assert pages > 500
    assert found == [], "\n".join(str(f) for f in found[:30])
