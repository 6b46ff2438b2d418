"""Structure: one H1 per page, no skipped heading levels, front matter checked by the article model."""

import shutil

from helpcenter.articles.model import ContentErrors
from helpcenter.checks.structure import heading_findings, model_findings
from helpcenter.project import load_model, load_project

from checks_helpers import ROOT, page_of, renderer, settings  # noqa: F401 (fixtures)

FRONT = "---\nid: 5001\ntitle: T\n---\n"  # the body starts on line 5


def report(page_of, body, title_is_h1=True):
    return [(f.line, f.message) for f in heading_findings(page_of(FRONT + body), title_is_h1)]


def test_well_formed_headings_pass(page_of):
    body = "Intro.\n\n## A\n\n### A.1\n\n## B\n\n### B.1\n\n#### B.1.1\n"
    assert report(page_of, body) == []


def test_skipped_level_names_the_line_and_the_fix(page_of):
    body = "Intro.\n\n## A\n\nText.\n\n#### Too deep\n"
    found = heading_findings(page_of(FRONT + body), True)
    assert [(f.gate, f.line) for f in found] == [("structure", 11)]
    assert "H4 'Too deep' follows H2" in found[0].message and "'### …'" in found[0].fix


def test_first_body_heading_after_the_title_must_be_h2(page_of):
    assert report(page_of, "Intro.\n\n### Starts too deep\n") == [(7, "H3 'Starts too deep' follows H1: it skips a level.")]


def test_h1_in_an_article_body_is_a_second_h1(page_of):
    found = heading_findings(page_of(FRONT + "# Title again\n\n## A\n"), True)
    assert [(f.line, f.message) for f in found] == [(5, "second H1 'Title again'.")]
    assert "front matter 'title'" in found[0].fix


def test_other_pages_may_have_one_h1(page_of):
    assert report(page_of, "# Team page\n\n## A\n", title_is_h1=False) == []
    assert report(page_of, "# One\n\n## A\n\n# Two\n", title_is_h1=False) == [(9, "second H1 'Two'.")]


def test_lines_of_setext_html_and_admonition_headings(page_of):
    body = ("Intro.\n\nSection\n-------\n\n!!! note\n    #### Deep in a note\n\n<h4>Raw</h4>\n")
    assert report(page_of, body) == [(11, "H4 'Deep in a note' follows H2: it skips a level.")]


def test_heading_text_leaves_out_the_permalink_sign(page_of):
    page = page_of(FRONT + "## Fees **and** limits\n")
    assert page.parsed.headings[0].text == "Fees and limits"


def test_front_matter_errors_come_from_the_article_model(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", root / "docs")
    target = root / "docs" / "ja" / "security" / "enable-2fa.md"
    target.write_text(target.read_text(encoding="utf-8").replace("\ndescription:", "\nsummary:", 1), encoding="utf-8")
    try:
        load_model(load_project(root / "mkdocs.yml"))
    except ContentErrors as errors:
        found = model_findings(errors)
    assert [(f.gate, f.path, f.line) for f in found] == [("structure", "docs/ja/security/enable-2fa.md", 1)]
    assert "description" in found[0].message and "add 'description: …'" in found[0].fix
