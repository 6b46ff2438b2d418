"""The page frame in the page's language: Material's palette toggle names and the headings' permalink titles,
the header's contact entry and the footer's links (from `extra.footer` in mkdocs.yml).

Plain functions; helpcenter-i18n (plugin.py) calls them once per locale build.
"""

from __future__ import annotations

import copy
import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

# The toggle of palette i switches to palette i + 1: its name says what that next palette is.
_SCHEME_KEYS = {"slate": "frame.palette.to_dark", "default": "frame.palette.to_light"}
_SYSTEM_MEDIA = "(prefers-color-scheme)"
# What Python-Markdown's toc extension writes when mkdocs.yml sets no permalink_title.
TOC_DEFAULT_PERMALINK_TITLE = "Permanent link"
FOOTER_OPTION = "extra.footer"
HEADER_OPTION = "extra.header"


class FrameConfigError(ValueError):
    """A problem in mkdocs.yml's frame options; the message names the option, the entry and the fix."""


def palette_toggle_key(palette: list, index: int) -> str | None:
    """The strings key naming the toggle of palette `index`: it switches to the next palette (Material's
    partials/palette.html). None for a scheme the strings have no words for (a custom one)."""
    target = palette[(index + 1) % len(palette)]
    if not isinstance(target, Mapping):
        return None
    if target.get("media") == _SYSTEM_MEDIA:
        return "frame.palette.to_system"
    return _SCHEME_KEYS.get(target.get("scheme") or "default")


def localized_palette(palette, strings: Mapping[str, object]) -> object:
    """A copy of Material's `theme.palette` whose toggles are named in the strings' language. A single palette
    (a mapping, no toggle) and toggles of custom schemes are returned as they are."""
    if not isinstance(palette, list) or len(palette) < 2:
        return palette
    named = copy.deepcopy(palette)
    for index, option in enumerate(named):
        toggle = option.get("toggle") if isinstance(option, Mapping) else None
        key = palette_toggle_key(named, index)
        if isinstance(toggle, dict) and key and key in strings:
            toggle["name"] = str(strings[key])
    return named


def permalink_title(mdx_configs: Mapping[str, object]) -> str | None:
    """The title the toc extension gives heading permalinks, or None when it writes none."""
    toc = (mdx_configs or {}).get("toc") or {}
    if not toc.get("permalink"):
        return None
    return str(toc.get("permalink_title", TOC_DEFAULT_PERMALINK_TITLE))


def localize_permalinks(content: str, configured: str, title: str) -> str:
    """Page HTML whose heading permalinks (`<a class="headerlink" … title="…">`) carry `title` instead of the
    toc extension's `configured` title."""
    if not configured or configured == title:
        return content
    attribute = f'title="{html.escape(configured)}"'
    pattern = re.compile(r'(<a class="headerlink"[^>]*?\s)' + re.escape(attribute))
    return pattern.sub(lambda m: m.group(1) + f'title="{html.escape(title)}"', content)


@dataclass(frozen=True)
class FrameLink:
    label: str
    url: str  # a page's URL relative to the site root ("zh/contact/") or an address
    external: bool


def _where(option: str, index: int | None = None, field: str | None = None) -> str:
    return f"mkdocs.yml: {option}" + (f"[{index}]" if index is not None else "") + (f".{field}" if field else "")


ADDRESS_SCHEMES = ("https", "http", "mailto", "tel")


def _scheme(url: str) -> str | None:
    match = re.match(r"^([a-z][a-z0-9+.-]*):", url, re.I)
    return match.group(1).lower() if match else ("" if url.startswith("//") else None)


def link_label(label, locale: str, default_locale: str, strings: Mapping[str, object], where: str) -> str:
    """A link's words: a key of the strings files, or words per locale ({en: …, zh: …}, the default locale's
    for any other locale)."""
    if isinstance(label, str):
        if label not in strings:
            raise FrameConfigError(f"{where}: '{label}' is not a key of the strings files. Fix: use one of "
                                   f"{', '.join(sorted(k for k in strings if k.startswith('frame.footer.')))}, "
                                   f"or give the words per locale, e.g. {{{default_locale}: …, zh: …}}")
        return str(strings[label])
    if isinstance(label, Mapping):
        if default_locale not in label:
            raise FrameConfigError(f"{where}: the words per locale have none for the default locale "
                                   f"'{default_locale}'. Fix: add '{default_locale}: …'")
        return str(label.get(locale, label[default_locale]))
    raise FrameConfigError(f"{where}: expected a strings key or words per locale, got {label!r}")


def link_url(url, locale: str, default_locale: str, page_url: Callable[[str], str | None], where: str):
    """(url, external): an address with {locale} filled in, or a page of this help center given by its Markdown
    path in a locale folder (`contact.md`), as that page's URL in the locale being built."""
    if isinstance(url, Mapping):
        if default_locale not in url:
            raise FrameConfigError(f"{where}: the addresses per locale have none for the default locale "
                                   f"'{default_locale}'. Fix: add '{default_locale}: …'")
        url = url.get(locale, url[default_locale])
    if not isinstance(url, str) or not url.strip():
        raise FrameConfigError(f"{where}: expected a page (e.g. contact.md) or an address (https://…), got {url!r}")
    url = url.strip()
    scheme = _scheme(url)
    if scheme is not None:
        if scheme not in ADDRESS_SCHEMES:
            raise FrameConfigError(f"{where}: '{url}' is not a web, mail or phone address. Fix: start it with "
                                   f"{', '.join(s + ':' for s in ADDRESS_SCHEMES)} or give a page such as contact.md")
        return url.replace("{locale}", locale), True
    path, _, anchor = url.partition("#")
    found = page_url(path)
    if found is None:
        raise FrameConfigError(f"{where}: no page '{path}' in the docs. Fix: give the page's path in a locale "
                               f"folder (e.g. contact.md for docs/{default_locale}/contact.md) or a full address")
    return found + (f"#{anchor}" if anchor else ""), False


def footer_links(entries, locale: str, default_locale: str, strings: Mapping[str, object],
                 page_url: Callable[[str], str | None]) -> list[FrameLink]:
    """The footer's links for one locale from `extra.footer`: a list of {label, url}."""
    if entries in (None, "", []):
        return []
    if not isinstance(entries, list):
        raise FrameConfigError(f"{_where(FOOTER_OPTION)}: expected a list of {{label, url}} entries")
    links = []
    for index, entry in enumerate(entries):
        if not isinstance(entry, Mapping) or set(entry) - {"label", "url"} or not {"label", "url"} <= set(entry):
            raise FrameConfigError(f"{_where(FOOTER_OPTION, index)}: expected {{label: …, url: …}}, got {entry!r}")
        label = link_label(entry["label"], locale, default_locale, strings, _where(FOOTER_OPTION, index, "label"))
        url, external = link_url(entry["url"], locale, default_locale, page_url, _where(FOOTER_OPTION, index, "url"))
        links.append(FrameLink(label, url, external))
    return links


def header_contact(header, contact_page: str | None, locale: str, default_locale: str,
                   strings: Mapping[str, object], page_url: Callable[[str], str | None]) -> FrameLink | None:
    """The header's "Contact us" entry: `extra.header.contact` (a page or an address; '' for none), else the
    contact page of helpcenter-contact when that plugin is on."""
    header = header or {}
    if not isinstance(header, Mapping) or set(header) - {"contact"}:
        raise FrameConfigError(f"{_where(HEADER_OPTION)}: expected {{contact: <page or address>}}, got {header!r}")
    target = header.get("contact", contact_page)
    if not target:
        return None
    url, external = link_url(target, locale, default_locale, page_url, _where(HEADER_OPTION, None, "contact"))
    return FrameLink(str(strings["frame.header.contact"]), url, external)


MATERIAL_PREFIX = "material."


def material_translator(env, language: str, strings: Mapping[str, object]) -> Callable[[str], str]:
    """t(key) for Material's interface in `language`: the strings files' `material.<key>` first, then Material's
    translation, then Material's English, then the key (as Material's partials/language.html does). Each key is
    looked up once per locale build: templates ask for about 25 a page."""
    from markupsafe import Markup

    ours = {key[len(MATERIAL_PREFIX):]: str(value) for key, value in strings.items() if key.startswith(MATERIAL_PREFIX)}
    modules = []
    for name in (f"partials/languages/{language}.html", "partials/languages/en.html"):
        try:
            modules.append(env.get_template(name).module)
        except Exception:  # a language Material does not have: Material's own import would fail the same way
            continue
    kept: dict[str, str] = {}

    def translate(key: str) -> str:
        found = kept.get(key)
        if found is None:
            found = Markup.escape(ours[key]) if key in ours else None
            for module in modules:
                if found:
                    break
                found = module.t(key)
            found = kept[key] = found or key
        return found

    return translate
