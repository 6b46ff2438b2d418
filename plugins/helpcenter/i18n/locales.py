"""The locales a help center is written in, and their names as readers know them."""

LOCALE_NAMES = {
    "en": "English",
    "zh": "简体中文",
    "zh-TW": "繁體中文",
    "ja": "日本語",
    "ko": "한국어",
    "ru": "Русский",
    "es": "Español",
    "vi": "Tiếng Việt",
    "tr": "Türkçe",
    "pt": "Português",
    "fr": "Français",
}
CJK_LOCALES = ("zh", "zh-TW", "ja", "ko")
