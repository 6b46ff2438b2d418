"""The query analysis in the browser (search-analysis.js, lunr.js) matches the index side (Python) exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpcenter.search.index import expand
from helpcenter.search.query import analyze_query, query_lexicon
from helpcenter.search.synonyms import groups_for, read_synonyms
from helpcenter.search.text import normalize, pieces
from test_search_relevance import relevance_queries

ROOT = Path(__file__).resolve().parents[2]
TEXTS = {
    "en": ["Two-Factor (2FA) withdrawals", "Ｆｕｌｌ－ｗｉｄｔｈ ＫＹＣ", "Don't share it!"],
    "es": ["Comisión de retiro", "¿Cuánto tarda el depósito?"],
    "vi": ["Rút tiền đang chờ xử lý", "xác minh danh tính"],
    "ru": ["Вывод средств задерживается, ёлка", "Выводу ЁЛКИ"],
    "tr": ["İSTANBUL IBAN ile para çekme", "Işık ıban iban"],
    "pt": ["Saques pendentes", "Depósito não caiu"],
    "fr": ["Retraits en attente", "Mot de passe oublié"],
    "ko": ["2단계 인증을 설정하세요", "계정이 해킹된 것 같아요"],
    "zh": ["提币一直在处理中", "谷歌验证器怎么绑定", "我的USDT提现未到账", "memo/tag 备注"],
    "zh-TW": ["提幣一直在處理中"],
    "ja": ["二段階認証を設定したい", "APIキーの管理", "ｶﾀｶﾅ と ２ＦＡ", "出金が反映されない "],
}

# Queries full of function words (particles, question words, Korean particles attached to nouns).
FUNCTION_WORD_QUERIES = {
    "ja": ["入金が反映されない", "出金が保留中", "パスワードを忘れた", "口座から出金できない", "どうやって認証をする"],
    "zh": ["我的提币怎么还没到账", "如何开启二次验证", "充值是在哪里", "的了吗呢"],
    "zh-TW": ["我的提幣怎麼還沒到帳", "如何開啟二次驗證"],
    "ko": ["계정이 해킹된 것 같아요", "비밀번호를 잊어버렸어요", "출금이 지연돼요", "출금 한도는", "입금에서"],
    "fr": ["retrait en attente"],
}


@pytest.mark.parametrize("locale", list(TEXTS))
def test_normalising_and_splitting_match(search_scripts_page, locale):
    for text in TEXTS[locale]:
        js = search_scripts_page.evaluate("([t, l]) => { const A = HelpcenterSearchAnalysis;"
                                          " const n = A.normalize(t, l); return [n, A.pieces(n)]; }", [text, locale])
        assert js[0] == normalize(text, locale)
        assert [tuple(p) for p in js[1]] == pieces(normalize(text, locale))


def load_stemmers(tab) -> None:
    """Material's lunr-languages stemmers, from the built site, as the worker loads them."""
    from helpcenter.search.text import SNOWBALL

    tab.add_script_tag(url="/assets/javascripts/lunr/min/lunr.stemmer.support.min.js")
    for _, name in SNOWBALL.values():
        tab.add_script_tag(url=f"/assets/javascripts/lunr/min/lunr.{name}.min.js")


@pytest.mark.parametrize("locale", ["zh", "zh-TW", "ja", "en", "ko", "es", "fr", "ru", "tr", "pt", "vi"])
def test_queries_are_analysed_the_same(search_scripts_page, built_site, locale):
    prefix = "" if locale == "en" else f"{locale}/"
    data = json.loads((built_site / prefix / "search" / "helpcenter_index.json").read_text(encoding="utf-8"))
    terms = [entry[0] for entry in data["index"]["invertedIndex"]]
    synonyms = read_synonyms(ROOT / "docs" / "search-synonyms.yml", list(TEXTS) + ["ru", "tr", "pt", "fr"])
    groups = groups_for(synonyms, locale)
    lexicon = query_lexicon(terms, groups, locale)
    queries = [case["q"] for case in relevance_queries().get(locale, [])] + TEXTS.get(locale, []) \
        + FUNCTION_WORD_QUERIES.get(locale, [])
    load_stemmers(search_scripts_page)
    js = search_scripts_page.evaluate("""([queries, config, terms]) => {
        const A = HelpcenterSearchAnalysis;
        const lexicon = A.queryLexicon(terms, config);
        const stem = config.snowball ? (w => lunr[config.snowball].stemmer(new lunr.Token(w)).toString()) : null;
        return queries.map(q => A.analyzeQuery(q, config, lexicon, stem));
    }""", [queries, data["query"], terms])
    assert queries and len(js) == len(queries)
    for query, result in zip(queries, js):
        python = analyze_query(query, locale, lexicon, groups)
        assert result["synonyms"] == python.synonyms, query
        assert result["bigrams"] == python.bigrams, query
        assert [(w["text"], w["parts"], w["prefix"], w["alternatives"]) for w in result["words"]] == \
            [(w.text, w.parts, w.prefix, w.alternatives) for w in python.words], query
    # Every CJK word a query is split into is a word of the index (or a synonym phrase).
    assert expand(data["index"])["fields"] == data["index"]["fields"]


def test_lunr_stemmer_and_stop_words_match(search_scripts_page):
    from lunr.stemmer import stemmer
    from lunr.stop_word_filter import WORDS
    from lunr.token import Token

    words = ["withdrawals", "withdrawing", "authentication", "authenticator", "verification", "verifying",
             "deposits", "pending", "liquidation", "liquidated", "phishing", "networks", "fees", "accounts",
             "compromised", "recognise", "recognize", "addresses", "confirmations", "hacked", "tickets"]
    js = search_scripts_page.evaluate("ws => ws.map(w => lunr.stemmer(new lunr.Token(w)).toString())", words)
    assert js == [str(stemmer(Token(w))) for w in words]
    js_stop = search_scripts_page.evaluate("ws => ws.filter(w => !lunr.stopWordFilter(new lunr.Token(w)))",
                                           sorted(WORDS))
    assert sorted(js_stop) == sorted(WORDS)


def test_korean_particles_come_off_the_same_way(search_scripts_page):
    from helpcenter.search.text import KO_PARTICLES, strip_particle

    known = ["계정", "출금", "비밀번호", "입금", "한", "주소", "결", "보안"]
    words = ["계정을", "계정이", "출금에서", "출금으로", "비밀번호를", "입금은", "한도", "결과", "주소로",
             "주소", "보안도", "보호를", "계정에서는", "가"]
    js = search_scripts_page.evaluate("([ws, particles, known]) => ws.map(w =>"
                                      " HelpcenterSearchAnalysis.stripParticle(w, particles, new Set(known)))",
                                      [words, list(KO_PARTICLES), known])
    assert js == [strip_particle(w, set(known)) for w in words]
    assert js[:3] == ["계정", "계정", "출금"] and "한도" in js and "결과" in js
