import random
from pathlib import Path

import jieba
import pytest

from helpcenter.search.jieba_cut import JiebaCut
from helpcenter.search.segmenters import JiebaSegmenter

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _tokenizer(user_words=()):
    """The tokenizer the Chinese segmenter cuts with: a copy of jieba's dictionary with the user words."""
    segmenter = JiebaSegmenter(tuple(user_words))
    segmenter._prepare()
    return segmenter._tokenizer


def _shipped_texts():
    return [path.read_text(encoding="utf-8") for locale in ("zh", "zh-TW")
            for path in sorted((DOCS / locale).rglob("*.md"))]


def _mixed_texts(count=400, seed=3):
    """Han text with names jieba does not know, Latin words, numbers, signs jieba keeps in a word (+ # & . _ %
    -), punctuation, spaces and line breaks, in random order."""
    chance = random.Random(seed)
    known = list("提币充值账户安全验证密码钱包网络地址手续费订单市场价格登录设备邮箱冻结解冻资产")
    rare = list("链币网桥矿池钥签盾仓额息率速码册群镜港星辰云峰河川林谷泉石金银铜铁鏈幣網橋礦鑰簽")
    pieces = known * 3 + rare * 2 + ["USDT", "TRC20", "2FA", "v1.2", "10%", "C#", "A&B", "e-mail", "a_b",
                                   " ", "  ", "\n", "\r\n", "，", "。", "！", "？", "（", "）", "、", "：",
                                   "「", "」", "1", "42", "3.5", "x", "-", "+", "."]
    return ["".join(chance.choice(pieces) for _ in range(chance.randint(1, 60))) for _ in range(count)]


@pytest.mark.parametrize("user_words", [(), ("二次验证", "矿池盾", "USDT提币")])
def test_words_are_jiebas_own(user_words):
    tokenizer = _tokenizer(user_words)
    cut = JiebaCut(tokenizer, jieba)
    texts = _shipped_texts() + _mixed_texts()
    assert len(texts) > 400
    for text in texts:
        assert cut.cut(text) == list(tokenizer.cut(text)), text


def test_kept_results_do_not_change_later_cuts():
    tokenizer = _tokenizer()
    cut = JiebaCut(tokenizer, jieba)
    texts = _mixed_texts(count=200, seed=11)
    first = [cut.cut(text) for text in texts]
    assert [cut.cut(text) for text in reversed(texts)] == first[::-1]
    assert cut._unknown and len(cut._weights) > 100  # the second pass used kept words and weights
