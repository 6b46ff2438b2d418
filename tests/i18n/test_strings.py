"""Every string readers see exists in every configured locale."""

from pathlib import Path

import datetime as dt

from helpcenter.i18n.strings import all_strings, format_date, missing_keys, strings_for
from helpcenter.project import load_project

LOCALES = load_project(Path(__file__).resolve().parents[2] / "mkdocs.yml").locales


def test_every_key_exists_in_every_locale():
    assert len(LOCALES) == 11
    assert missing_keys(LOCALES) == {}


def test_no_string_is_empty_or_an_english_copy_where_it_must_be_translated():
    table = all_strings()
    for locale in LOCALES:
        for key, value in table[locale].items():
            if key == "date.months":
                continue
            assert isinstance(value, str) and value.strip(), (locale, key)


def test_strings_have_the_same_placeholders_in_every_locale():
    import string
    table = all_strings()

    def fields(text):
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for key, english in table["en"].items():
        if not isinstance(english, str):
            continue
        for locale in LOCALES:
            assert fields(table[locale][key]) <= fields(english) | {"month", "month_name", "day", "year"}, (locale, key)


def test_dates_are_localized():
    date = dt.date(2026, 3, 7)
    assert format_date(date, strings_for("en")) == "March 7, 2026"
    assert format_date(date, strings_for("zh")) == "2026年3月7日"
    assert format_date(date, strings_for("ko")) == "2026년 3월 7일"
    assert format_date(date, strings_for("fr")) == "7 mars 2026"
