"""Content safety: active content in rendered Markdown is reported with its line; code shown as code is not."""

import pytest

from helpcenter.checks.safety import safety_findings, unsafe_scheme

from checks_helpers import page_of, renderer, settings  # noqa: F401 (fixtures)

FRONT = "---\nid: 5001\ntitle: T\n---\n"  # the body starts on line 5


def findings(page_of, body: str, hosts=()):
    page = page_of(FRONT + body)
    return safety_findings(page.src, page.parsed, page.lines, list(hosts))


def lines(found):
    return [(f.line, f.message.split(" ")[0]) for f in found]


def test_script_element_is_reported_with_its_line(page_of):
    found = findings(page_of, "Intro.\n\nText <script>alert(1)</script> here.\n")
    assert [(f.line, f.gate, f.path) for f in found] == [(7, "safety", "docs/en/security/x.md")]
    assert "<script>" in found[0].message and "fenced code block" in found[0].fix


@pytest.mark.parametrize("body", [
    "Use `<script>` tags carefully.\n",
    "```html\n<script>alert(1)</script>\n<a onclick=\"x()\" href=\"javascript:x()\">x</a>\n```\n",
    "!!! note\n    ```html\n    <iframe src=\"https://evil.example/\"></iframe>\n    ```\n",
    "Write `[x](javascript:alert(1))` to see the problem.\n",
])
def test_code_is_shown_not_run(page_of, body):
    assert findings(page_of, body) == []


def test_event_handlers_in_raw_html_and_attribute_lists(page_of):
    found = findings(page_of, "A\n\n<a href=\"#\" onclick=\"steal()\">x</a>\n\n## Title {onmouseover=\"x()\"}\n")
    assert [(f.line, "onclick=" in f.message or "onmouseover=" in f.message) for f in found] == [(7, True), (9, True)]


@pytest.mark.parametrize("link", [
    "[pay](javascript:alert(1))",
    "[pay](JavaScript:alert(1))",
    "<a href=\"java&#x09;script:alert(1)\">pay</a>",
    "<a href=\" vbscript:msgbox\">pay</a>",
    "![chart](data:image/png;base64,iVBORw0KGgo=)",
    "<img alt=\"x\" srcset=\"a.png 1x, data:image/png;base64,AAAA 2x\">",
])
def test_script_and_data_urls(page_of, link):
    found = findings(page_of, f"Text.\n\n{link}\n")
    assert [f.line for f in found] == [7], found
    assert "URL" in found[0].message


def test_unsafe_scheme_sees_through_spacing_and_case():
    assert unsafe_scheme("\tJaVaScRiPt:alert(1)") == "javascript:"
    assert unsafe_scheme("java\nscript:x") == "javascript:"
    assert unsafe_scheme("https://example.com/javascript:x") is None
    assert unsafe_scheme("../data:x.md") is None


def test_iframes_only_from_allowed_https_hosts(page_of):
    body = ("<iframe src=\"https://www.youtube-nocookie.com/embed/x\" title=\"Video\"></iframe>\n\n"
            "<iframe src=\"http://www.youtube-nocookie.com/embed/x\"></iframe>\n\n"
            "<iframe src=\"https://evil.example/\"></iframe>\n")
    assert [f.line for f in findings(page_of, body)] == [5, 7, 9]
    assert [f.line for f in findings(page_of, body, ["www.youtube-nocookie.com"])] == [7, 9]
    assert "iframe_hosts" in findings(page_of, body)[0].fix


@pytest.mark.parametrize("element", ["<object data=\"x.swf\"></object>", "<embed src=\"x.swf\">",
                                     "<base href=\"https://evil.example/\">", "<iframe srcdoc=\"&lt;p&gt;\"></iframe>"])
def test_other_active_content(page_of, element):
    assert [f.line for f in findings(page_of, f"Text.\n\n{element}\n", ["evil.example"])][:1] == [7]


def test_images_need_alt_text(page_of):
    body = ("![Withdrawal screen](../img/a.png)\n\n"
            "![](../img/b.png)\n\n"
            "<img src=\"../img/c.png\">\n\n"
            "<img src=\"../img/d.png\" alt=\"  \">\n")
    found = findings(page_of, body)
    assert [(f.line, f.message) for f in found] == [
        (7, "image '../img/b.png' has no alt text."), (9, "image '../img/c.png' has no alt text."),
        (11, "image '../img/d.png' has no alt text.")]
    assert "![What the image shows](../img/b.png)" in found[0].fix


def test_script_swallowed_by_an_unclosed_div_is_still_found(page_of):
    # Markdown leaves everything after an unclosed <div> as raw HTML: the indented "code" is live markup.
    body = "<div>\n\nText\n\n    <script>alert(1)</script>\n"
    assert [f.line for f in findings(page_of, body)] == [9]
