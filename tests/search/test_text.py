from helpcenter.search.text import normalize, pieces


def test_full_width_and_case_are_normalised():
    assert normalize("２ＦＡ と KYC", "ja") == "2fa と kyc"


def test_accents_fold_in_latin_script_locales_only():
    assert normalize("Comisión de retiro", "es") == "comision de retiro"
    assert normalize("Rút tiền", "vi") == "rut tien"
    assert normalize("Заёмные средства", "ru") == "заёмные средства"
    # Japanese voiced kana are not "accents": they stay.
    assert normalize("ガイド", "ja") == "ガイド"


def test_cjk_runs_and_words_are_separate_pieces():
    assert pieces(normalize("APIキーを2FA設定で", "ja")) == [
        ("word", "api"), ("cjk", "キーを"), ("word", "2fa"), ("cjk", "設定で")]
    assert pieces("계정을 보호하세요") == [("word", "계정을"), ("word", "보호하세요")]
    assert pieces("two-factor (2FA)") == [("word", "two"), ("word", "factor"), ("word", "2FA")]
