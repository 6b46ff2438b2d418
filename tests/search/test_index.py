import json
import re

import pytest

from conftest import ROOT
from helpcenter.search.index import (FIELDS, INDEX_FILE, DOCS_FILE, MATERIAL_FILE, SearchPage, Section,
                                     build_index, build_locale_index, check_segmented, compact, expand,
                                     index_pipelines, page_fields, write_json)
from helpcenter.search.query import analyze_query, lunr_search, query_lexicon
from helpcenter.search.segmenters import SegmentationError, segmenter_for
from helpcenter.search.synonyms import groups_for


def page(location, title, description, body, tags=(), headings=()):
    sections = [Section(None, "", f"<p>{body}</p>")]
    sections += [Section(f"h{i}", heading, "<p>x</p>") for i, heading in enumerate(headings)]
    return SearchPage(location, title, description, list(tags), sections)


ZH_PAGES = [
    page("zh/a/", "提币为什么一直在处理中？", "提币审核与网络拥堵。", "提币提交后需要审核，网络拥堵时会延迟。", ["withdrawal"]),
    page("zh/b/", "开启双重验证（2FA）", "为账户添加身份验证器。", "双重验证可以保护账户，请绑定谷歌验证器。", ["2fa"],
         ["设置身份验证器"]),
    page("zh/c/", "备注（Memo）与标签（Tag）说明", "部分币种充币需要填写备注。", "XRP 等币种需要备注，否则充币无法到账。"),
    page("zh/d/", "联系客服", "提交工单。", "如果提币遇到问题，也可以联系客服。"),
]
SYNONYMS = {"zh": [["提币", "提现"], ["双重验证", "二次验证", "谷歌验证"]], "all": [["memo", "备注", "tag"]]}


def search(files, locale, query):
    from lunr.index import Index
    data = files[INDEX_FILE]
    index = Index.load(expand(data["index"]))
    groups = groups_for(SYNONYMS, locale)
    analyzed = analyze_query(query, locale, query_lexicon(index.inverted_index, groups, locale), groups)
    return [data["docs"][int(r["ref"])][0] for r in lunr_search(index, analyzed)]


@pytest.fixture(scope="module")
def zh_files():
    segmenter = segmenter_for("zh", [w for g in SYNONYMS["zh"] for w in g])
    return build_locale_index(ZH_PAGES, "zh", segmenter, groups_for(SYNONYMS, "zh"), prebuilt=True)


def test_a_locale_gets_materials_file_and_the_prebuilt_index(zh_files):
    assert set(zh_files) == {MATERIAL_FILE, INDEX_FILE}
    material = zh_files[MATERIAL_FILE]
    assert set(material) == {"config", "docs"}
    first = material["docs"][0]
    assert first["location"] == "zh/a/" and first["title"].replace("\u200b", "") == "提币为什么一直在处理中？"
    assert re.fullmatch(material["config"]["separator"], "\u200b")  # words split at zero-width spaces
    assert {"location", "title", "text"} <= set(first)


@pytest.mark.parametrize("query, best", [
    ("提币一直在处理中", "zh/a/"),
    ("提现", "zh/a/"),  # synonym of 提币
    ("二次验证", "zh/b/"),  # synonym of 双重验证
    ("谷歌验证器", "zh/b/"),
    ("memo", "zh/c/"),
    ("客服", "zh/d/"),
])
def test_queries_find_the_answer_first(zh_files, query, best):
    assert search(zh_files, "zh", query)[0] == best


def test_title_weighs_more_than_body():
    pages = [page("en/body/", "Account limits", "Limits by level.", "Withdrawal withdrawal withdrawal limits."),
             page("en/title/", "Withdrawal pending", "Why it waits.", "Reviews take time.")]
    files = build_locale_index(pages, "en", None, [], prebuilt=True)
    assert search(files, "en", "withdrawal")[0] == "en/title/"
    assert FIELDS["t"] > FIELDS["d"] > FIELDS["b"] and FIELDS["g"] > FIELDS["b"]


def lunr_serialized(fields_per_page, locale):
    """What lunr's own Builder serializes for the same words."""
    from lunr.builder import Builder

    builder = Builder()
    builder.ref("r")
    for name, boost in FIELDS.items():
        builder.field(name, boost=boost)
    builder.pipeline, builder.search_pipeline = index_pipelines(locale)
    for number, fields in enumerate(fields_per_page):
        builder.add({"r": str(number), **fields})
    return json.loads(json.dumps(builder.build().serialize()))


def _shipped_articles(locale):
    """The shipped articles of a locale as search pages: title, description and the Markdown as body text."""
    pages = []
    for path in sorted((ROOT / "docs" / locale).glob("*/*.md")):
        text = path.read_text(encoding="utf-8")
        title = re.search(r"^title: *(.+)$", text, re.M)
        description = re.search(r"^description: *(.+)$", text, re.M)
        headings = re.findall(r"^#+ +(.+)$", text, re.M)
        pages.append(page(path.stem, title[1] if title else "", description[1] if description else "",
                          text.split("---", 2)[-1], tags=[path.parent.name], headings=headings))
    return pages


@pytest.mark.parametrize("locale", ["en", "zh", "ja", "es"])
def test_the_index_is_what_lunr_builds_from_the_same_words(locale):
    segmenter = segmenter_for(locale)
    fields = [page_fields(p, locale, segmenter, []) for p in _shipped_articles(locale)]
    fields += [{name: [] for name in FIELDS},  # a page without words
               {**{name: [] for name in FIELDS}, "b": ["the", "and", "deposit", "deposit", "提币"]}]
    assert len(fields) > 20
    reference = lunr_serialized(fields, locale)
    index = build_index(fields, locale)
    assert index == compact(reference)
    assert expand(index) == reference
    assert reference["pipeline"] == (["stemmer"] if locale == "en" else [])


def test_json_is_written_as_utf8_not_escapes(tmp_path):
    size = write_json(str(tmp_path / "x.json"), {"t": "提币"})
    raw = (tmp_path / "x.json").read_bytes()
    assert "提币".encode("utf-8") in raw and b"\\u" not in raw and size == len(raw)


def test_unsegmented_chinese_fails_the_build():
    segmenter = segmenter_for("zh")
    with pytest.raises(SegmentationError, match="whole phrases"):
        check_segmented(["提币提交后需要审核", "网络拥堵时会延迟", "双重验证可以保护账户", "提币"], "zh", segmenter)
    check_segmented(["提币", "提交", "审核", "网络", "拥堵", "双重验证"], "zh", segmenter)


def test_without_prebuilt_index_the_words_are_shipped_instead():
    files = build_locale_index(ZH_PAGES[:1], "zh", segmenter_for("zh"), [], prebuilt=False)
    assert set(files) == {MATERIAL_FILE, DOCS_FILE}
    assert "提币" in files[DOCS_FILE]["fields"][0]["t"]


def test_a_rebuild_reuses_the_index_words_of_unchanged_pages(monkeypatch):
    from helpcenter.search import index as index_module

    pages = [page("a/", "Deposit crypto", "How to deposit.", "Choose the network."),
             page("b/", "Withdraw crypto", "How to withdraw.", "Choose the address.")]
    cache = {}
    first = build_locale_index(pages, "en", None, [], prebuilt=True, fields_cache=cache)
    converted = []
    original = index_module.page_fields
    monkeypatch.setattr(index_module, "page_fields", lambda p, *args: converted.append(p.title) or original(p, *args))
    pages[1] = page("b/", "Withdraw crypto now", "How to withdraw.", "Choose the address.")
    second = build_locale_index(pages, "en", None, [], prebuilt=True, fields_cache=cache)
    assert converted == ["Withdraw crypto now"]
    assert second == build_locale_index(pages, "en", None, [], prebuilt=True) != first


@pytest.mark.parametrize("locale, query, best", [
    ("es", "retiros", "es/retiro/"),
    ("es", "comision", "es/comision/"),
    ("ru", "выводу", "ru/vyvod/"),
    ("ru", "ещё", "ru/eshche/"),
    ("vi", "rút tiền", "vi/rut-tien/"),
    ("vi", "xác minh danh tính", "vi/kyc/"),
    ("tr", "IBAN", "tr/iban/"),
    ("tr", "iban", "tr/iban/"),
    ("tr", "hesabini", "tr/hesap/"),
])
def test_inflections_accents_and_syllables_find_the_page(locale, query, best):
    pages = {
        "es": [page("es/retiro/", "Tu retiro está pendiente", "Por qué espera.", "El retiro tarda."),
               page("es/comision/", "Comisión de depósito", "Cuánto cuesta.", "La comisión depende de la red."),
               page("es/otro/", "Seguridad", "Proteger la cuenta.", "Active la verificación.")],
        "ru": [page("ru/vyvod/", "Вывод средств", "Почему ждёт.", "Вывод проверяется."),
               page("ru/eshche/", "Ещё о безопасности", "Защита.", "Включите ещё одну защиту."),
               page("ru/other/", "Пароль", "Сброс.", "Сбросьте пароль.")],
        # The same syllables, in the same fields, apart in one page and together in the other.
        "vi": [page("vi/tien/", "Lệnh đang chờ", "Vì sao chờ.", "Lệnh tiền cần rút kiểm tra ngay."),
               page("vi/rut-tien/", "Lệnh đang chờ", "Vì sao chờ.", "Lệnh rút tiền cần kiểm tra ngay."),
               page("vi/kyc/", "Xác minh danh tính", "Giấy tờ cần có.", "Chuẩn bị giấy tờ tùy thân."),
               page("vi/other/", "Minh bạch", "Danh sách xác nhận.", "Tính phí và danh mục minh bạch.")],
        "tr": [page("tr/iban/", "IBAN ile para yatırma", "Banka havalesi.", "IBAN numarasını girin."),
               page("tr/hesap/", "Hesabınızı koruyun", "Güvenlik.", "Hesabınızı dondurun."),
               page("tr/other/", "Ücretler", "Komisyon.", "Ağ ücreti değişir.")],
    }[locale]
    files = build_locale_index(pages, locale, None, [], prebuilt=True)
    assert search(files, locale, query)[0] == best


def test_vietnamese_words_of_two_syllables_are_terms_too():
    files = build_locale_index([page("vi/a/", "Rút tiền", "", "")], "vi", None, [], prebuilt=True)
    terms = {entry[0] for entry in files[INDEX_FILE]["index"]["invertedIndex"]}
    assert {"rut", "tien", "rut_tien"} <= terms
    assert files[INDEX_FILE]["query"]["bigrams"] is True and files[INDEX_FILE]["query"]["snowball"] is None


def test_snowball_locales_name_the_browsers_stemmer():
    for locale, name in [("es", "es"), ("ru", "ru"), ("tr", "tr"), ("pt", "pt"), ("fr", "fr")]:
        files = build_locale_index([page(f"{locale}/a/", "x", "", "")], locale, None, [], prebuilt=True)
        assert files[INDEX_FILE]["query"]["snowball"] == name
