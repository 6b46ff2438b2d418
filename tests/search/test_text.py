from helpcenter.search.text import bigrams, normalize, pieces, stem_terms


def test_full_width_and_case_are_normalised():
    assert normalize("２ＦＡ と KYC", "ja") == "2fa と kyc"


def test_accents_fold_in_latin_script_locales_only():
    assert normalize("Comisión de retiro", "es") == "comision de retiro"
    assert normalize("Rút tiền", "vi") == "rut tien"
    # Cyrillic keeps its letters, but ё is written е, as most Russian readers type it.
    assert normalize("Заёмные средства", "ru") == "заемные средства"
    assert normalize("Ещё", "ru") == "еще"
    # Japanese voiced kana are not "accents": they stay.
    assert normalize("ガイド", "ja") == "ガイド"


def test_cjk_runs_and_words_are_separate_pieces():
    assert pieces(normalize("APIキーを2FA設定で", "ja")) == [
        ("word", "api"), ("cjk", "キーを"), ("word", "2fa"), ("cjk", "設定で")]
    assert pieces("계정을 보호하세요") == [("word", "계정을"), ("word", "보호하세요")]
    assert pieces("two-factor (2FA)") == [("word", "two"), ("word", "factor"), ("word", "2FA")]


def test_turkish_lower_case_keeps_dotted_and_dotless_i_apart_until_folding():
    from helpcenter.search.text import lower

    assert lower("İSTANBUL IBAN Işık", "tr") == "istanbul ıban ışık"
    assert lower("IBAN", "en") == "iban"
    # Folded (readers type without Turkish letters), both spellings of IBAN meet.
    assert normalize("IBAN", "tr") == normalize("iban", "tr") == "iban"
    assert normalize("İşlem", "tr") == "islem"


def test_inflected_words_share_a_stem():
    assert stem_terms("retiros", "es")[0] == stem_terms("retiro", "es")[0]
    assert stem_terms("выводу", "ru")[0] == stem_terms("вывод", "ru")[0]
    assert stem_terms("saques", "pt")[0] == stem_terms("saque", "pt")[0]
    assert stem_terms("comptes", "fr")[0] == stem_terms("compte", "fr")[0]
    assert stem_terms("hesabım", "tr")[0] == stem_terms("hesabı", "tr")[0]
    # Accents are folded after stemming, and a word typed without them finds the word written with them.
    assert stem_terms("comisión", "es") == ["comision"]
    assert stem_terms("hesabini", "tr")[0] in stem_terms("hesabını", "tr")


def test_portuguese_ucao_words_stem_as_in_the_browser():
    from helpcenter.search.text import snowball_stem

    assert [snowball_stem(w, "pt") for w in ["devolução", "devoluções", "solução", "verificação"]] == \
        ["devoluçã", "devoluçõ", "soluçã", "verific"]


def test_vietnamese_bigrams():
    assert bigrams(["rut", "tien", "nhanh"]) == ["rut_tien", "tien_nhanh"]
    assert bigrams(["rut"]) == []
