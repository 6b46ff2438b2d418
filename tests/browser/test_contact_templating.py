"""contact.js fills channel URLs exactly as the Python side does (the shared cases, in headless Chromium)."""

import importlib.util
from pathlib import Path

from helpcenter.contact.templating import Limits, fill

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("templating_cases", ROOT / "tests" / "contact" / "templating_cases.py")
_cases = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_cases)


def test_browser_and_build_fill_templates_identically(page):
    page.set_content("<!doctype html><title>t</title>")
    page.add_script_tag(path=str(ROOT / "plugins" / "helpcenter" / "theme" / "assets" / "javascripts" / "contact.js"))
    cases = _cases.templating_cases()
    results = page.evaluate("""cases => cases.map(c => hcContact.fillTemplate(c.template, c.context,
                                                      c.limits || {query: 500, url: 2000}))""", cases)
    for case, result in zip(cases, results):
        expected = fill(case["template"], case["context"], Limits(**case["limits"]) if "limits" in case else Limits())
        assert result["url"] == expected.url, case["name"]
        assert [tuple(pair) for pair in result["sent"]] == list(expected.sent), case["name"]
        if "url" in case:
            assert result["url"] == case["url"], case["name"]


def test_lone_surrogates_do_not_break_encoding(page):
    page.set_content("<!doctype html><title>t</title>")
    page.add_script_tag(path=str(ROOT / "plugins" / "helpcenter" / "theme" / "assets" / "javascripts" / "contact.js"))
    url = page.evaluate("hcContact.fillTemplate('https://x.example/?q={query}', {query: 'a\\ud800b'}).url")
    assert url == "https://x.example/?q=a%EF%BF%BDb"
