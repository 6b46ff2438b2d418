"""HTML gate on Markdown: raw tags left open or closed twice, and ids used twice, with their lines."""

from helpcenter.checks.htmlparse import parse_html
from helpcenter.checks.markup import markup_findings

from checks_helpers import page_of, renderer, settings  # noqa: F401 (fixtures)

FRONT = "---\nid: 5001\ntitle: T\n---\n"  # the body starts on line 5


def report(page_of, body):
    return [(f.gate, f.line, f.message) for f in markup_findings(page_of(FRONT + body))]


def test_clean_markdown_and_closed_raw_html_pass(page_of):
    body = ("Intro with <kbd>Ctrl</kbd>.\n\n<div class=\"steps\" markdown>\n\n1. One\n2. Two\n\n</div>\n\n"
            "<details><summary>More</summary>\n\nText<br>more\n\n</details>\n\n- a\n- b\n\n| A | B |\n|---|---|\n| 1 | 2 |\n")
    assert report(page_of, body) == []


def test_unclosed_div_is_reported_where_it_opens(page_of):
    found = markup_findings(page_of(FRONT + "Intro.\n\n<div class=\"box\">\nText that never ends.\n"))
    assert [(f.gate, f.line) for f in found] == [("html", 7)]
    assert found[0].message.startswith('<div class="box"> is never closed') and "</div>" in found[0].fix


def test_unclosed_inline_tag(page_of):
    assert [line for _, line, _ in report(page_of, "Intro.\n\nSome <span class=\"x\">text.\n")] == [7]


def test_stray_end_tag(page_of):
    found = report(page_of, "Intro.\n\n<div>\n\nText\n\n</div>\n</div>\n")
    assert [(line, message) for _, line, message in found] == [(12, "</div> closes nothing (no <div> is open)")]


def test_duplicate_ids_point_at_the_second(page_of):
    found = report(page_of, "## One {#fees}\n\nText.\n\n## Two {#fees}\n")
    assert found == [("html", 9, "id 'fees' is used 2 times on this page.")]


def test_parser_knows_void_elements_optional_end_tags_and_svg():
    parsed = parse_html("<ul><li>a<li>b</ul><p>one<p>two<img src=x><br>"
                        "<svg><path d=\"M0\"/><circle r=\"1\"></circle></svg><table><tr><td>1<td>2</table>")
    assert parsed.problems == []
    assert parse_html("<main><div></main>").problems[0].message == "<div> is never closed (found before </main>)"


def test_headings_ids_and_names():
    parsed = parse_html('<h2 id="a">Fees <em>and</em> limits<a class="headerlink" href="#a">¶</a></h2>'
                        '<a name="old-anchor"></a><h3 id="b">B</h3>')
    assert [(h.level, h.id, h.text) for h in parsed.headings] == [(2, "a", "Fees and limits"), (3, "b", "B")]
    assert parsed.ids() == {"a", "b", "old-anchor"}
