"""Channel URL templates: encoding, truncation, left-out parameters and template errors."""

from urllib.parse import parse_qsl, unquote, urlsplit

import pytest

from helpcenter.contact.templating import ELLIPSIS, Limits, TemplateError, fill, placeholders, truncate
from templating_cases import templating_cases

CASES = templating_cases()


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_shared_cases(case):
    limits = Limits(**case["limits"]) if "limits" in case else Limits()
    filled = fill(case["template"], case["context"], limits)
    if "url" in case:
        assert filled.url == case["url"]
    if "sent" in case:
        assert [list(pair) for pair in filled.sent] == case["sent"]
    if "sent_query_length" in case:
        assert len(dict(filled.sent)["query"]) == case["sent_query_length"]
    if "max_url_length" in case:
        assert len(filled.url) <= case["max_url_length"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_what_is_shown_is_exactly_what_the_link_carries(case):
    """Each parameter carries exactly the value listed for the reader, and a parameter is absent exactly
    when its value is not listed."""
    limits = Limits(**case["limits"]) if "limits" in case else Limits()
    filled = fill(case["template"], case["context"], limits)
    sent = dict(filled.sent)
    mailto = filled.url.startswith("mailto:")
    carried = {key: value.replace("\r\n", "\n") if mailto else value
               for key, value in parse_qsl(urlsplit(filled.url).query, keep_blank_values=True)}
    expected = {}
    for key, value in parse_qsl(urlsplit(case["template"]).query, keep_blank_values=True):
        name = value[1:-1] if value.startswith("{") and value.endswith("}") else None
        if name is None:
            expected[key] = value
        elif name in sent:
            expected[key] = sent[name]
    assert carried == expected


def test_truncation_never_breaks_a_percent_escape_and_stays_a_prefix():
    typed = "提币 & 充值 #" * 400
    for url_limit in (200, 333, 517, 1000):
        filled = fill("https://support.example.com/new?q={query}", {"query": typed}, Limits(query=500, url=url_limit))
        assert len(filled.url) <= url_limit
        query = dict(parse_qsl(urlsplit(filled.url).query))["q"]  # raises on a broken escape
        assert query.endswith(ELLIPSIS)
        assert typed.startswith(query[:-1].rstrip())
        assert query == dict(filled.sent)["query"]


def test_truncate_prefers_a_space_near_the_end():
    assert truncate("short", 10) == "short"
    assert truncate("hello world again", 12) == "hello world" + ELLIPSIS
    assert truncate("abcdefghijklmnop", 5) == "abcd" + ELLIPSIS
    assert truncate("anything", 0) == ""


def test_subject_falls_back_to_the_topic():
    filled = fill("mailto:help@example.com?subject={subject}", {"topic": "Security"})
    assert filled.url == "mailto:help@example.com?subject=Security"


@pytest.mark.parametrize("template, problem", [
    ("", "is empty"),
    ("support@quillfeather.example", "is not an https://, http:// or mailto: URL"),
    ("javascript:alert({query})", "is not an https://, http:// or mailto: URL"),
    ("https://support.example.com/new?q={message}", "'{message}' is not a placeholder"),
    ("https://support.example.com/new?q={query", "unmatched brace"),
    ("https://{query}.example.com/new", "has a placeholder in its address"),
    ("https://support.example.com{query}/new", "has a placeholder in its address"),
    ("mailto:{query}@example.com", "has a placeholder in its address"),
    ("https://support.example.com/new?q= {query}", "contains spaces"),
])
def test_template_errors_say_what_is_wrong_and_how_to_fix_it(template, problem):
    with pytest.raises(TemplateError) as error:
        placeholders(template)
    assert problem in error.value.message
    assert error.value.fix


def test_placeholders_in_path_and_query_are_allowed():
    assert placeholders("https://support.example.com/hc/{locale}/new?a={article_id}#{topic}") == ["locale", "article_id", "topic"]
