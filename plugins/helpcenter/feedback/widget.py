"""What the feedback widget shows on a page, and the checks of its settings, computed without MkDocs."""

from __future__ import annotations

from ..i18n.strings import translate
from .votes import MAX_COMMENT, REASON_PATTERN

# Strings the browser script needs at run time (the rest are rendered into the partial).
SCRIPT_STRINGS = ("sending", "thanks", "thanks_no", "already", "error_network", "error_rate", "error_rejected", "counter")


class SettingsError(ValueError):
    """A wrong option of the feedback plugin, with where it is and how to fix it."""


def check_settings(reasons: list[str], comment_limit: int, exclude_categories: list[str], endpoint: str,
                   strings_by_locale: dict[str, dict], locales: list[str], categories: list[str],
                   where: str = "mkdocs.yml, plugins → helpcenter-feedback") -> None:
    """Raise SettingsError naming the option and the fix for the first wrong setting."""
    if not reasons:
        raise SettingsError(f"{where} → reasons: the list is empty. Fix: list at least one reason code, e.g. [outdated, unclear].")
    for code in reasons:
        if not REASON_PATTERN.match(code):
            raise SettingsError(f"{where} → reasons: '{code}' is not a reason code. Fix: use lowercase letters, digits, "
                                "'_' or '-', starting with a letter (e.g. not_solved).")
        missing = [loc for loc in locales if f"feedback.reason.{code}" not in strings_by_locale.get(loc, {})]
        if missing:
            raise SettingsError(f"{where} → reasons: '{code}' has no label in {', '.join(missing)}. Fix: add "
                                f"'feedback.reason.{code}' to plugins/helpcenter/i18n/strings/feedback.yml for every locale.")
    if len(set(reasons)) != len(reasons):
        raise SettingsError(f"{where} → reasons: a code is listed twice. Fix: list each reason once.")
    if not 1 <= comment_limit <= MAX_COMMENT:
        raise SettingsError(f"{where} → comment_limit: {comment_limit} is outside 1…{MAX_COMMENT}. Fix: use at most "
                            f"{MAX_COMMENT}, the longest comment the collector stores.")
    for category in exclude_categories:
        if category not in categories:
            raise SettingsError(f"{where} → exclude_categories: '{category}' is not a category. Fix: use one of: "
                                f"{', '.join(categories)}.")
    if not (endpoint.startswith("/") or endpoint.startswith(("https://", "http://"))) or endpoint.startswith("//"):
        raise SettingsError(f"{where} → endpoint: '{endpoint}' is neither a path on the site's origin nor an absolute "
                            "URL. Fix: use e.g. /api/feedback or https://feedback.example.com/api/feedback.")


def page_setting(meta: dict, src: str) -> bool | None:
    """The page's own `feedback: true|false` front matter, or None when it has none."""
    value = meta.get("feedback")
    if value is None or isinstance(value, bool):
        return value
    raise SettingsError(f"{src}: field 'feedback': must be true or false, not {value!r}. Fix: write 'feedback: false' "
                        "to hide the widget on this page, 'feedback: true' to show it, or remove the line.")


def shows_widget(category: str, page_choice: bool | None, exclude_categories: list[str]) -> bool:
    if page_choice is not None:
        return page_choice
    return category not in exclude_categories


def contact_url(hc, locale: str, site_urls: set[str], contact_article: str) -> str | None:
    """The contact page of the reader's locale if the site has one, else the contact-support article."""
    contact_page = f"{hc.locale_prefix(locale)}contact/"
    if contact_page in site_urls:
        return contact_page
    article = hc.by_path(contact_article)
    return hc.url(hc.article(article.id, locale), locale) if article else None


def widget_view(strings: dict, reasons: list[str], comment_limit: int, endpoint: str, contact: str | None) -> dict:
    """`hc.feedback` for the partial: labels, the endpoint, the contact link and the script's strings."""
    return {
        "endpoint": endpoint,
        "comment_limit": comment_limit,
        "comment_hint": translate(strings, "feedback.comment_hint", limit=comment_limit),
        "reasons": [{"code": code, "label": strings.get(f"feedback.reason.{code}", code)} for code in reasons],
        "contact_url": contact,
        "script_strings": {key: strings.get(f"feedback.{key}", "") for key in SCRIPT_STRINGS},
    }


def settings_document(reasons: list[str], comment_limit: int) -> dict:
    """site/feedback.json: what the collector needs to know about this build's widget."""
    return {"reasons": list(reasons), "comment_limit": comment_limit}
