"""Presets: a channel written as `preset: zendesk|freshdesk|email` plus a few values becomes a URL template.

They show how to point the contact channels at common help desks without looking up their URL formats.
"""

from __future__ import annotations

import re

# Zendesk help centers name locales in lower case with a region (https://<host>/hc/<locale>/requests/new).
ZENDESK_LOCALES = {"en": "en-us", "zh": "zh-cn", "zh-TW": "zh-tw", "ja": "ja", "ko": "ko", "ru": "ru", "es": "es",
                   "vi": "vi", "tr": "tr", "pt": "pt-br", "fr": "fr"}

_HOST = re.compile(r"^[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")
_FIELD = re.compile(r"^[A-Za-z0-9_]+$")
_ADDRESS = re.compile(r"^[^@\s?&#{}]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")

PRESETS = {
    "zendesk": {
        "kind": "ticket",
        "keys": {"host", "form_id", "fields"},
        "fields": {"subject": "{subject}", "description": "{query}"},
    },
    "freshdesk": {
        "kind": "ticket",
        "keys": {"host", "fields"},
        "fields": {"subject": "{subject}", "description": "{query}"},
    },
    "email": {
        "kind": "email",
        "keys": {"address", "subject", "body"},
    },
}


class PresetError(ValueError):
    def __init__(self, key: str, message: str, fix: str):
        self.key = key
        self.message = message
        self.fix = fix
        super().__init__(f"{key}: {message} Fix: {fix}")


def preset_keys(name: str) -> set[str]:
    return PRESETS[name]["keys"]


def expand_preset(name: str, values: dict) -> dict:
    """The channel settings a preset stands for: `url`, `kind` and (Zendesk) `locale_map`.
    Raises PresetError naming the key at fault."""
    if name not in PRESETS:
        raise PresetError("preset", f"'{name}' is not a preset", f"use one of: {', '.join(PRESETS)}, or write 'url:' yourself.")
    if name == "email":
        address = values.get("address")
        if not isinstance(address, str) or not _ADDRESS.match(address):
            raise PresetError("address", f"{address!r} is not an e-mail address", "write e.g. 'address: support@example.com'.")
        subject = values.get("subject", "{subject}")
        body = values.get("body", "{query}%0D%0A%0D%0A{article_url}")
        return {"kind": "email", "url": f"mailto:{address}?subject={subject}&body={body}"}

    host = values.get("host")
    if not isinstance(host, str) or not _HOST.match(host):
        example = "support.example.com" if name == "zendesk" else "example.freshdesk.com"
        raise PresetError("host", f"{host!r} is not a host name", f"write the help desk's host only, e.g. 'host: {example}'.")
    fields = values.get("fields", PRESETS[name]["fields"])
    if not isinstance(fields, dict) or not all(isinstance(k, (str, int)) and _FIELD.match(str(k)) for k in fields):
        raise PresetError("fields", "must map field names to values",
                          "write e.g. 'fields: {subject: \"{subject}\", description: \"{query}\"}'.")
    if name == "zendesk":
        params = []
        form_id = values.get("form_id")
        if form_id is not None:
            if isinstance(form_id, bool) or not isinstance(form_id, int):
                raise PresetError("form_id", f"{form_id!r} is not a ticket form number", "write e.g. 'form_id: 360000123456'.")
            params.append(f"ticket_form_id={form_id}")
        params += [f"tf_{key}={value}" for key, value in fields.items()]
        return {"kind": "ticket", "url": f"https://{host}/hc/{{locale}}/requests/new?" + "&".join(params),
                "locale_map": dict(ZENDESK_LOCALES)}
    params = ["widgetType=embedded"] + [f"helpdesk_ticket%5B{key}%5D={value}" for key, value in fields.items()]
    return {"kind": "ticket", "url": f"https://{host}/widgets/feedback_widget/new?" + "&".join(params)}
