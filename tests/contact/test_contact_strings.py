"""Every channel kind and every value a link can carry has its words in all 11 locales."""

from helpcenter.contact.settings import KINDS
from helpcenter.contact.templating import PLACEHOLDERS
from helpcenter.i18n.locales import LOCALE_NAMES
from helpcenter.i18n.strings import all_strings


def test_kinds_and_fields_are_named_in_every_locale():
    table = all_strings()
    for locale in LOCALE_NAMES:
        strings = table[locale]
        for kind in KINDS:
            assert strings.get(f"contact.kind.{kind}.name") and strings.get(f"contact.kind.{kind}.hint"), (locale, kind)
        for name in PLACEHOLDERS:
            assert strings.get(f"contact.field.{name}"), (locale, name)


def test_translations_are_not_english_copies():
    table = all_strings()
    english = {k: v for k, v in table["en"].items() if k.startswith("contact.")}
    for locale in LOCALE_NAMES:
        if locale == "en":
            continue
        # Words some languages share with English: "Email" (vi), "Article" (fr).
        same = [k for k, v in english.items() if table[locale][k] == v
                and k not in ("contact.kind.email.name", "contact.field.article_title")]
        assert not same, (locale, same)
