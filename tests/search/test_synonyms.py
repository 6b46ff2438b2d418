from pathlib import Path

import pytest

from helpcenter.articles.frontmatter import ContentError
from helpcenter.project import load_project
from helpcenter.search.synonyms import groups_for, matching_tokens, phrase_in, read_synonyms
from helpcenter.search.text import normalize, pieces

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ["en", "zh", "ja"]


def write(tmp_path, text):
    path = tmp_path / "search-synonyms.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_synonyms_are_valid_for_every_locale_of_the_site():
    project = load_project(ROOT / "mkdocs.yml")
    synonyms = read_synonyms(ROOT / "docs" / "search-synonyms.yml", project.locales)
    assert {"all", "zh", "ja"} <= set(synonyms)
    zh = [g.words for g in groups_for(synonyms, "zh")]
    assert any({"提币", "提现"} <= set(words) for words in zh)
    assert any({"双重验证", "二次验证", "谷歌验证"} <= set(words) for words in zh)


def test_groups_apply_to_their_locale_and_all(tmp_path):
    path = write(tmp_path, "all:\n  - [KYC, identity verification]\nzh:\n  - [提币, 提现]\n")
    synonyms = read_synonyms(path, LOCALES)
    assert [g.words for g in groups_for(synonyms, "zh")] == [("KYC", "identity verification"), ("提币", "提现")]
    assert [g.words for g in groups_for(synonyms, "en")] == [("KYC", "identity verification")]


@pytest.mark.parametrize("text, line, words", [
    ("all:\n  - [2FA, two-factor]\nzz:\n  - [a, b]\n", 3, "'zz' is not a locale"),
    ("zh:\n  - [提币, 提现]\n  - [备注]\n", 3, "only one word"),
    ("zh:\n  - 提币\n", 2, "must be a list of words"),
    ("zh: [提币, 提现\n", 2, "not valid YAML"),
])
def test_mistakes_name_the_file_line_and_fix(tmp_path, text, line, words):
    with pytest.raises(ContentError) as error:
        read_synonyms(write(tmp_path, text), LOCALES, "docs/search-synonyms.yml")
    message = str(error.value)
    assert f"docs/search-synonyms.yml:{line}" in message and words in message and "Fix:" in message


def test_phrases_match_whole_words_and_inside_cjk_text():
    text = pieces(normalize("Open Google Authenticator, then 提币到钱包", "en"))
    assert phrase_in(tuple(pieces("google authenticator")), text)
    assert phrase_in((("cjk", "提币"),), text)
    assert not phrase_in(tuple(pieces("authenticat")), text)  # part of a word is no match
    groups = groups_for({"all": [["2FA", "Google Authenticator"]]}, "en")
    assert matching_tokens(groups, text) == [groups[0].token]


def test_matching_tokens_finds_what_phrase_in_finds_for_the_shipped_synonyms():
    locales = ["en", "zh", "zh-TW", "ja", "ko", "ru", "es", "vi", "tr", "pt", "fr"]
    synonyms = read_synonyms(ROOT / "docs" / "search-synonyms.yml", locales, "docs/search-synonyms.yml")
    text = pieces(normalize((ROOT / "docs" / "en" / "security" / "enable-2fa.md").read_text(encoding="utf-8")
                            + " two factor authentication  提币 google authenticator app", "en"))
    groups = groups_for(synonyms, "zh")
    expected = [g.token for g in groups if any(phrase_in(phrase, text) for phrase in g.phrases)]
    assert len(expected) >= 3 and matching_tokens(groups, text) == expected
