import json
import sys
import types
from pathlib import Path

import pytest

from helpcenter.search import segmenters
from helpcenter.search.segmenters import SegmentationError, segmenter_for
from helpcenter.search.text import CJK_RUN


def test_chinese_words_and_their_parts_are_index_words():
    words = segmenter_for("zh", ["二次验证"]).words("提币一直在处理中怎么开启二次验证")
    assert {"提币", "一直", "处理", "二次验证", "二次", "验证"} <= set(words)


def test_japanese_is_segmented_by_mecab_not_jieba():
    segmenter = segmenter_for("ja", ["二段階認証"])
    assert segmenter.name == "mecab"
    words = segmenter.words("二段階認証を設定できない場合")
    assert {"二段階認証", "認証", "設定", "場合"} <= set(words)


def test_locales_with_spaces_have_no_segmenter():
    assert segmenter_for("ko") is None and segmenter_for("en") is None


def test_a_missing_segmenter_fails_with_the_install_command(monkeypatch):
    monkeypatch.setitem(sys.modules, "jieba", None)  # import jieba -> ImportError
    segmenters._segmenter.cache_clear()
    with pytest.raises(SegmentationError, match=r"pip install .helpcenter\[cjk\]."):
        segmenter_for("zh")
    segmenters._segmenter.cache_clear()


def test_a_segmenter_that_does_not_split_fails(monkeypatch):
    import jieba

    def tokenizer():
        return types.SimpleNamespace(add_word=lambda word: None, check_initialized=lambda: None)

    # An empty dictionary and an HMM that returns text whole: jieba as a broken install would run.
    broken = types.SimpleNamespace(setLogLevel=lambda level: None,
                                   dt=types.SimpleNamespace(check_initialized=lambda: None, FREQ={}, total=1),
                                   Tokenizer=tokenizer, finalseg=types.SimpleNamespace(cut=lambda text: iter([text])),
                                   re_han_default=jieba.re_han_default, re_skip_default=jieba.re_skip_default)
    monkeypatch.setitem(sys.modules, "jieba", broken)
    segmenters._segmenter.cache_clear()
    with pytest.raises(SegmentationError, match="single word"):
        segmenter_for("zh").words("提币一直在处理中")  # checked at the first run that is not in the cache
    segmenters._segmenter.cache_clear()


def test_segmented_runs_are_kept_between_builds(tmp_path):
    segmenter = segmenter_for("ja")
    segmenter.load(str(tmp_path))
    words = segmenter.words("出金の申請方法")
    segmenter.save(str(tmp_path))
    saved = next(tmp_path.glob("mecab-*.json")).read_text(encoding="utf-8")
    assert "出金の申請方法" in saved
    fresh = segmenters.MecabSegmenter(())
    fresh._words = lambda run: pytest.fail("segmented again instead of read from the cache")
    fresh.load(str(tmp_path))
    assert fresh.words("出金の申請方法") == words


def test_japanese_user_words_stay_whole_and_are_indexed_by_their_parts(capfd):
    segmenter = segmenters.MecabSegmenter(("出金アドレス",))
    assert "出金アドレス" in segmenter.cut("出金アドレスを登録する")
    assert {"出金アドレス", "出金", "アドレス"} <= set(segmenter.words("出金アドレスを登録する"))
    captured = capfd.readouterr()
    assert "emitting double-array" not in captured.out + captured.err  # the compiler's progress stays quiet


def test_chinese_index_words_are_what_jiebas_search_mode_yields():
    import jieba

    segmenter = segmenters.JiebaSegmenter(())
    for text in ("提币一直在处理中怎么开启二次验证", "中华人民共和国的数字资产交易所", "我们的帮助中心可以搜索"):
        assert segmenter.words(text) == [w for w in jieba.cut_for_search(text) if w.strip()]


def test_runs_in_the_cache_need_no_dictionary(tmp_path):
    for kind, run in ((segmenters.JiebaSegmenter, "提币一直在处理中"), (segmenters.MecabSegmenter, "出金の申請方法")):
        first = kind(())
        words, cut = first.words(run), first.cut(run)
        first.save(str(tmp_path))
        fresh = kind(())
        fresh._tokenize = lambda text: pytest.fail(f"{kind.name} segmented '{text}' again")
        fresh.load(str(tmp_path))
        assert fresh.words(run) == words and fresh.cut(run) == cut


def test_text_segmented_ahead_is_what_the_index_reads(tmp_path):
    from helpcenter.search.index import SearchPage, Section, build_locale_index

    title, body = "如何开启二次验证", "<p>登录后打开<strong>安全中心</strong>，选择二次验证。</p>"
    segmenters.segment_ahead({"zh": [title, "登录后打开**安全中心**，选择二次验证。"]}, {"zh": []}, str(tmp_path))
    segmenters._segmenter.cache_clear()
    segmenter = segmenter_for("zh")
    segmenter.load(str(tmp_path))
    segmenter._tokenize = lambda text: pytest.fail(f"'{text}' was not segmented ahead")
    page = SearchPage(location="a/", title=title, description="", tags=[], sections=[Section(None, "", body)])
    files = build_locale_index([page], "zh", segmenter, [], prebuilt=True)
    assert "二次验证" in json.dumps(files, ensure_ascii=False)
    segmenters._segmenter.cache_clear()


def test_japanese_words_are_those_of_mecabs_nodes():
    segmenter = segmenters.MecabSegmenter(("二段階認証", "出金申請"))
    segmenter._prepare()
    docs = Path(__file__).resolve().parents[2] / "docs" / "ja"
    runs = sorted({run for path in docs.rglob("*.md") for run in CJK_RUN.findall(path.read_text(encoding="utf-8"))})
    assert len(runs) > 500
    for run in runs + ["二段階認証の出金申請", "ビットコインを送金する"]:
        nodes = [(node.surface, node.feature[0]) for node in segmenter._tagger(run)]
        assert segmenter._tokenize(run) == nodes, run
    assert ("二段階認証", segmenter.USER_WORD) in segmenter._tokenize("二段階認証を設定")
