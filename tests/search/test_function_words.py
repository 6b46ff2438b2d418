"""Function words (ja particles, zh question words, ko particles attached to nouns) neither match nor rank:
left out of the index and out of the query. tests/browser/test_search_analysis.py runs the browser's
twin on the same words."""

from __future__ import annotations

from lunr.index import Index

from helpcenter.search.index import INDEX_FILE, build_locale_index, expand, words
from helpcenter.search.query import analyze_query, lunr_search, query_lexicon
from helpcenter.search.segmenters import segmenter_for
from helpcenter.search.text import STOP_WORDS, strip_particle

from test_index import page


def _search(pages, locale, query, segmenter):
    files = build_locale_index(pages, locale, segmenter, [], prebuilt=True)
    data = files[INDEX_FILE]
    index = Index.load(expand(data["index"]))
    analyzed = analyze_query(query, locale, query_lexicon(index.inverted_index, [], locale), [])
    terms = {term for term, *_ in data["index"]["invertedIndex"]}
    return [data["docs"][int(r["ref"])][0] for r in lunr_search(index, analyzed)], analyzed, terms


def test_japanese_particles_are_not_index_words():
    segmenter = segmenter_for("ja")
    found = words("入金が反映されない場合は、ネットワークを確認してください", "ja", segmenter, [])
    assert "入金" in found and "反映" in found and "ネットワーク" in found
    for particle in ("が", "は", "を", "さ", "れ", "ない", "ください"):
        assert particle not in found, particle


def test_a_japanese_query_does_not_rank_a_page_by_its_particle():
    segmenter = segmenter_for("ja")
    pages = [
        # Full of が and を, and nothing about deposits.
        page("ja/a/", "注文がキャンセルされた", "注文が取り消されたときに", "注文が約定しない、注文を取り消す。" * 3),
        page("ja/b/", "入金の反映について", "入金の反映までの時間", "入金反映にはブロックの承認が必要です。"),
    ]
    results, analyzed, terms = _search(pages, "ja", "入金が反映されない", segmenter)
    assert [w.text for w in analyzed.words] == ["入金", "反映"]
    assert results == ["ja/b/"]
    assert "が" not in terms


def test_chinese_question_words_are_dropped_from_index_and_query():
    segmenter = segmenter_for("zh")
    pages = [page("zh/a/", "我的账户是什么", "您的问题是怎么回事吗", "我的我的我的是是是在在在怎么如何"),
             page("zh/b/", "提币未到账", "提币审核", "提币提交后需要审核。")]
    results, analyzed, terms = _search(pages, "zh", "我的提币怎么还没到账", segmenter)
    assert "提币" in [w.text for w in analyzed.words]
    assert not {w.text for w in analyzed.words} & STOP_WORDS["zh"]
    assert results[0] == "zh/b/"
    assert not terms & {"的", "我的", "怎么", "是", "在"}


def test_korean_particles_come_off_known_nouns_only():
    known = {"계정", "출금", "비밀번호", "한"}
    assert strip_particle("계정을", known) == "계정"
    assert strip_particle("출금이", known) == "출금"
    assert strip_particle("비밀번호를", known) == "비밀번호"
    assert strip_particle("출금에서", known) == "출금"
    assert strip_particle("한도", known) == "한도"  # one syllable would be left: 도 is part of the word
    assert strip_particle("결과", known) == "결과"
    assert strip_particle("보안을", known) == "보안을"  # 보안 is no word of the pages


def test_korean_index_and_query_meet_without_particles():
    pages = [page("ko/a/", "계정 보안", "계정을 보호하세요", "계정이 해킹되면 계정을 잠그세요."),
             page("ko/b/", "출금 한도", "출금 한도를 확인하세요", "출금이 지연되면 한도를 확인하세요.")]
    results, analyzed, terms = _search(pages, "ko", "계정이 해킹된", None)
    assert [w.text for w in analyzed.words][0] == "계정"
    assert results[0] == "ko/a/"
    assert "계정을" not in terms and "계정이" not in terms and "계정" in terms
    assert "한도" in terms
