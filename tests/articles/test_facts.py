"""Facts in one data file: articles write {{ fact.name }}; unknown or untranslated facts stop the build with
the file, the line and the fix."""

import textwrap

import pytest

from conftest import copy_project, mkdocs_build
from helpcenter.articles.facts import Facts, fill, load_facts, with_facts
from helpcenter.articles.model import ContentErrors, load_help_center

FACTS = Facts(values={"min_length": "8", "hours": {"en": "24/7", "zh": "7×24 小时"}}, src="docs/facts.yml",
              lines={"min_length": 1, "hours": 2})


def test_fill_puts_in_the_text_for_the_locale():
    text, problems = fill("At least {{ fact.min_length }} characters; chat {{fact.hours}}.", FACTS, "en", "a.md")
    assert (text, problems) == ("At least 8 characters; chat 24/7.", [])
    assert fill("{{ fact.hours }}", FACTS, "zh", "a.md")[0] == "7×24 小时"


def test_unknown_fact_names_file_line_and_a_close_match():
    text, problems = fill("one\ntwo {{ fact.min_lenght }}\n", FACTS, "en", "docs/en/a.md", first_line=10)
    assert text == "one\ntwo {{ fact.min_lenght }}\n"
    (problem,) = problems
    message = str(problem)
    assert message.startswith("docs/en/a.md:11: unknown fact 'min_lenght'")
    assert "did you mean '{{ fact.min_length }}'" in message and "docs/facts.yml" in message


def test_a_fact_without_a_text_in_the_locale_is_an_error():
    _, (problem,) = fill("{{ fact.hours }}", FACTS, "ja", "docs/ja/a.md")
    assert "fact 'hours' has no text in 'ja'" in str(problem) and "add 'ja: <text>' under 'hours:'" in str(problem)


def test_load_facts_reads_values_and_reports_bad_entries(tmp_path):
    good = tmp_path / "facts.yml"
    good.write_text("a: 8\nb:\n  en: one\n  zh: 一\n", encoding="utf-8")
    facts = load_facts(good, "docs/facts.yml", "en")
    assert facts.text("a", "zh") == "8" and facts.text("b", "zh") == "一" and facts.lines == {"a": 1, "b": 2}
    assert load_facts(tmp_path / "none.yml", "docs/none.yml", "en").values == {}
    bad = tmp_path / "bad.yml"
    bad.write_text("a:\nb:\n  zh: 一\n", encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        load_facts(bad, "docs/facts.yml", "en")
    message = str(raised.value)
    assert "docs/facts.yml:1: fact 'a' has no text" in message
    assert "docs/facts.yml:2: fact 'b' has no 'en' text" in message


def test_the_model_holds_the_filled_text(tmp_path):
    docs = tmp_path / "docs"
    (docs / "en" / "basics").mkdir(parents=True)
    (docs / "en" / "basics" / "index.md").write_text("---\ntitle: Basics\ndescription: d\n---\n", encoding="utf-8")
    (docs / "en" / "basics" / "a.md").write_text(textwrap.dedent("""\
        ---
        id: 1
        title: A
        description: d
        category: basics
        ---

        Use {{ fact.min_length }} characters.
        Open {{ fact.nope }}.
        """), encoding="utf-8")
    hc = load_help_center(docs, ["en"], "en")
    with pytest.raises(ContentErrors) as raised:
        with_facts(hc, FACTS, docs)
    assert str(raised.value).startswith(f"{hc.source(1).src}:9: unknown fact 'nope'")
    (docs / "en" / "basics" / "a.md").write_text(
        (docs / "en" / "basics" / "a.md").read_text().replace("Open {{ fact.nope }}.\n", ""), encoding="utf-8")
    filled = with_facts(load_help_center(docs, ["en"], "en"), FACTS, docs)
    assert "Use 8 characters." in filled.source(1).body and "{{" not in filled.source(1).body


def test_build_stops_on_an_unknown_fact(tmp_path):
    config = copy_project(tmp_path)
    article = tmp_path / "docs" / "en" / "security" / "strong-passwords.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("{{ fact.password_min_length }}", "{{ fact.password_minimum }}", 1), encoding="utf-8")
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "docs/en/security/strong-passwords.md:" in output and "unknown fact 'password_minimum'" in output
    assert "did you mean '{{ fact.password_min_length }}'" in output


def test_check_reports_an_unknown_fact(tmp_path):
    import subprocess, sys, os
    config = copy_project(tmp_path)
    article = tmp_path / "docs" / "zh" / "support" / "faq.md"
    article.write_text(article.read_text(encoding="utf-8").replace("{{ fact.chat_hours }}", "{{ fact.chat_hour }}", 1),
                       encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "helpcenter.cli", "check", "--config", str(config)],
                            capture_output=True, text=True, cwd=tmp_path, env={**os.environ})
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "docs/zh/support/faq.md:" in output and "unknown fact 'chat_hour'" in output


def test_numbers_are_written_as_each_locale_writes_them(tmp_path):
    (tmp_path / "facts.yml").write_text("limit: 50000\nhours: 24\nlabel: '50000'\n", encoding="utf-8")
    facts = load_facts(tmp_path / "facts.yml", "docs/facts.yml", "en")
    assert facts.text("limit", "en") == "50,000" and facts.text("limit", "zh") == "50,000"
    assert facts.text("limit", "fr") == "50\u202f000" and facts.text("limit", "ru") == "50\xa0000"
    assert facts.text("limit", "es") == "50.000" and facts.text("limit", "de") == "50.000"
    assert facts.text("hours", "fr") == "24"
    assert facts.text("label", "fr") == "50000"  # a quoted value is text, written as it is
    assert fill("Up to {{ fact.limit }} USDT", facts, "pt", "docs/pt/a.md")[0] == "Up to 50.000 USDT"
