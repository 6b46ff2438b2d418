"""The contact settings in mkdocs.yml, checked: every problem names mkdocs.yml, the line, the option and the fix."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml

from ..articles.frontmatter import ContentError
from ..articles.model import PRIORITIES, ContentErrors, HelpCenter
from .presets import PresetError, expand_preset, preset_keys
from .templating import Limits, TemplateError, placeholders

PLUGIN_NAME = "helpcenter-contact"


@dataclass(frozen=True)
class Kind:
    """What a kind of channel is. Someone answers live (opening hours and a wait), or later (a response time,
    no hours), or other readers answer; an official account announces and answers nobody."""

    reaches_person: bool  # offered as a way to reach a person
    has_hours: bool  # `hours` means something
    has_response_time: bool  # `response_time` means something
    what: str  # for the error when an option does not apply


# Each kind has its name, hint and action in the reader's language (contact.kind.<kind>.name/.hint/.action).
KIND_RULES = {
    "chat": Kind(True, True, True, "someone answers live while it is open"),
    "ticket": Kind(True, False, True, "a ticket is answered within a response time, at any hour"),
    "email": Kind(True, False, True, "an e-mail is answered within a response time, at any hour"),
    "community": Kind(True, False, False, "other users answer when they can, with no hours and no set time"),
    "phone": Kind(True, True, True, "someone answers live while it is open"),
    "social": Kind(False, False, False, "an official account announces and warns; it is not a way to reach a person "
                                        "and is shown apart from the channels"),
}
KINDS = tuple(KIND_RULES)
CHANNEL_KEYS = {"id", "kind", "url", "preset", "hours", "response_time", "languages", "categories", "locale_map"}
URGENT_KEYS = {"categories", "priorities", "url", "article"}
ALWAYS = "24/7"

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
HOURS_PATTERN = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d) (UTC(?:[+-](?:1[0-4]|\d))?)$")
_DURATION = re.compile(r"^(\d+)\s*(m|min|h|d)$")
_UNITS = {"m": 1, "min": 1, "h": 60, "d": 1440}


@dataclass(frozen=True)
class Channel:
    id: str
    kind: str
    url: str  # template, see templating.py
    hours: dict[str, str] = field(default_factory=dict)  # locale or "default" -> "24/7" or "08:00-20:00 UTC"
    # locale or "default" -> minutes to the expected first reply (None: no set time for that locale)
    response_minutes: dict[str, int | None] = field(default_factory=dict)
    languages: tuple[str, ...] | None = None  # locales answered in; None = every locale
    categories: tuple[str, ...] = ()  # categories it suits; empty = every category
    locale_map: dict[str, str] = field(default_factory=dict)  # our locale -> the locale code the desk expects

    def hours_for(self, locale: str) -> str | None:
        return self.hours.get(locale) or self.hours.get("default")

    def response_for(self, locale: str) -> int | None:
        """Minutes to the first reply for readers of `locale`; None when there is no set time."""
        return self.response_minutes[locale] if locale in self.response_minutes else self.response_minutes.get("default")

    @property
    def reaches_person(self) -> bool:
        return KIND_RULES[self.kind].reaches_person

    def locale_value(self, locale: str) -> str:
        return self.locale_map.get(locale, locale)

    def serves(self, locale: str) -> bool:
        return self.languages is None or locale in self.languages


@dataclass(frozen=True)
class UrgentRoute:
    """The step shown before every channel when an account may be compromised."""

    categories: tuple[str, ...] = ()
    priorities: tuple[str, ...] = ("urgent",)
    url: str | None = None  # template; only {locale} may vary
    article: int | None = None  # in-site article id


@dataclass(frozen=True)
class ContactSettings:
    page: str
    channels: tuple[Channel, ...]
    urgent: UrgentRoute | None
    status_url: str | None
    limits: Limits


Locate = Callable[[tuple], "int | None"]


def config_line(config_file: str | Path, path: tuple) -> int | None:
    """The line in mkdocs.yml of `plugins › helpcenter-contact › *path` (or of its nearest parent)."""
    try:
        root = yaml.compose(Path(config_file).read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError):
        return None
    node = _child(root, "plugins")
    plugin = None
    for item in node.value if isinstance(node, yaml.SequenceNode) else []:
        plugin = _child(item, PLUGIN_NAME)
        if plugin is not None:
            break
    if plugin is None:
        return None
    line = plugin.start_mark.line + 1
    for step in path:
        plugin = _child(plugin, step)
        if plugin is None:
            break
        line = plugin.start_mark.line + 1
    return line


def _child(node, step):
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == step:
                return value
    elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
        return node.value[step]
    return None


class _Problems:
    def __init__(self, where: str, locate: Locate | None):
        self.where = where
        self.locate = locate or (lambda path: None)
        self.errors: list[ContentError] = []

    def add(self, path: tuple, message: str, fix: str) -> None:
        name = PLUGIN_NAME + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)
        self.errors.append(ContentError(self.where, message, line=self.locate(path), field=name, fix=fix))

    def raise_any(self) -> None:
        if self.errors:
            raise ContentErrors(self.errors)


def parse_settings(options: dict, locales: list[str], *, where: str = "mkdocs.yml", locate: Locate | None = None) -> ContactSettings:
    """Check the plugin's options (as written in mkdocs.yml) and return them typed.
    Raises ContentErrors listing every problem. Categories and articles are checked by check_against_model."""
    problems = _Problems(where, locate)
    raw_channels = options.get("channels") or []
    if not isinstance(raw_channels, list) or not raw_channels:
        problems.add(("channels",), "lists no channels",
                     "add at least one, e.g. '- {id: email, preset: email, address: support@example.com}'.")
        raw_channels = []
    channels, seen = [], set()
    for index, raw in enumerate(raw_channels):
        channel_id = raw.get("id") if isinstance(raw, dict) else None
        if isinstance(channel_id, str) and channel_id in seen:
            problems.add(("channels", index, "id"), f"'{channel_id}' is used by another channel",
                         "give each channel its own id (the live status file refers to channels by id).")
            continue
        seen.add(channel_id)
        channel = _parse_channel(raw, index, locales, problems)
        if channel is not None:
            channels.append(channel)
    urgent = _parse_urgent(options.get("urgent"), problems)
    status_url = options.get("status_url")
    if status_url is not None and (not isinstance(status_url, str) or status_url.startswith(("/", "javascript:"))
                                   or ":" in status_url.split("/")[0] and not status_url.startswith(("https://", "http://"))):
        problems.add(("status_url",), f"{status_url!r} is not a JSON address",
                     "write an https:// URL or a path relative to the site root, e.g. 'status/support.json', or remove it.")
        status_url = None
    limits = Limits(query=options.get("query_limit", Limits.query), url=options.get("url_limit", Limits.url))
    for name, value, least in (("query_limit", limits.query, 20), ("url_limit", limits.url, 200)):
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            problems.add((name,), f"{value!r} is too small or not a number", f"write a whole number of at least {least}.")
    page = options.get("page", "contact.md")
    if not isinstance(page, str) or not page.endswith(".md") or page.startswith("/"):
        problems.add(("page",), f"{page!r} is not a Markdown page", "write a path inside a locale folder, e.g. 'contact.md'.")
    problems.raise_any()
    return ContactSettings(page=page, channels=tuple(channels), urgent=urgent, status_url=status_url, limits=limits)


def _parse_channel(raw, index: int, locales: list[str], problems: _Problems) -> Channel | None:
    at = ("channels", index)
    if not isinstance(raw, dict):
        problems.add(at, f"{raw!r} is not a channel", "write a channel as 'id:', 'kind:' and 'url:' (or 'preset:') lines.")
        return None
    raw = dict(raw)
    preset = raw.get("preset")
    allowed = CHANNEL_KEYS | (preset_keys(preset) if preset in ("zendesk", "freshdesk", "email") else set())
    unknown = sorted(set(raw) - allowed)
    if unknown:
        problems.add(at + (unknown[0],), f"'{unknown[0]}' is not a channel option",
                     f"use: {', '.join(sorted(allowed))}.")
        return None
    count = len(problems.errors)
    channel_id = raw.get("id")
    if not isinstance(channel_id, str) or not _ID.match(channel_id):
        problems.add(at + ("id",), f"{channel_id!r} is not a channel id",
                     "write a short lower-case name, e.g. 'id: chat' (letters, digits, '-' and '_').")
    if preset is not None:
        if "url" in raw:
            problems.add(at + ("url",), "is given together with 'preset'", "keep either 'url' or 'preset', not both.")
            return None
        try:
            expanded = expand_preset(preset, raw)
        except PresetError as error:
            problems.add(at + (error.key,), error.message, error.fix)
            return None
        raw.setdefault("kind", expanded["kind"])
        raw["url"] = expanded["url"]
        raw["locale_map"] = {**expanded.get("locale_map", {}), **(raw.get("locale_map") or {})}
    kind = raw.get("kind")
    if kind not in KINDS:
        problems.add(at + ("kind",), f"{kind!r} is not a channel kind",
                     f"use one of: {', '.join(KINDS)} (each has a name and hint in the reader's language).")
    url = raw.get("url")
    try:
        placeholders(url)
    except TemplateError as error:
        problems.add(at + ("url",), error.message, error.fix)
    rules = KIND_RULES.get(kind)
    if rules and not rules.has_hours and raw.get("hours") is not None:
        problems.add(at + ("hours",), f"does not apply to a {kind} channel: {rules.what}",
                     "remove 'hours'" + (" and give 'response_time' (e.g. '24h'), which readers see instead."
                                         if rules.has_response_time else "."))
    if rules and not rules.has_response_time and raw.get("response_time") not in (None, "none"):
        problems.add(at + ("response_time",), f"does not apply to a {kind} channel: {rules.what}",
                     "remove 'response_time'.")
    hours = _parse_hours(raw.get("hours"), at, locales, problems)
    minutes = _parse_response_time(raw.get("response_time"), at, locales, problems)
    languages = raw.get("languages", "all")
    if languages == "all":
        languages = None
    elif not isinstance(languages, list) or not languages or any(lang not in locales for lang in languages):
        wrong = [lang for lang in languages if lang not in locales] if isinstance(languages, list) else languages
        problems.add(at + ("languages",), f"{wrong!r} is not a list of this site's locales",
                     f"write 'all' or a list of: {', '.join(locales)}.")
        languages = None
    categories = raw.get("categories") or []
    if not isinstance(categories, list) or not all(isinstance(c, str) for c in categories):
        problems.add(at + ("categories",), f"{categories!r} is not a list of category ids",
                     "write e.g. 'categories: [trading, derivatives]', or leave it out for every category.")
        categories = []
    locale_map = raw.get("locale_map") or {}
    if not isinstance(locale_map, dict) or any(k not in locales or not isinstance(v, str) for k, v in locale_map.items()):
        problems.add(at + ("locale_map",), "must map this site's locales to the codes the help desk expects",
                     "write e.g. 'locale_map: {zh: zh-cn, pt: pt-br}'.")
        locale_map = {}
    if len(problems.errors) > count:
        return None
    return Channel(id=channel_id, kind=kind, url=url, hours=hours, response_minutes=minutes,
                   languages=tuple(languages) if languages else None, categories=tuple(categories),
                   locale_map={str(k): v for k, v in locale_map.items()})


def _parse_response_time(response, at: tuple, locales: list[str], problems: _Problems) -> dict[str, int | None]:
    """`5m`, `24h`, `2d` or `none`, or per language: `{default: 24h, en: 12h}`."""
    if response is None:
        return {}
    table = response if isinstance(response, dict) else {"default": response}
    result = {}
    for key, value in table.items():
        path = at + ("response_time",) + ((key,) if table is response else ())
        if key != "default" and key not in locales:
            problems.add(path, f"'{key}' is not a locale of this site", f"use 'default' or one of: {', '.join(locales)}.")
            continue
        if value == "none":
            result[str(key)] = None
            continue
        match = _DURATION.match(str(value).strip())
        if not match or int(match.group(1)) <= 0:
            problems.add(path, f"{value!r} is not a duration",
                         "write e.g. '5m', '24h' or '2d', or 'none' when there is no set response time "
                         "(per language: '{default: 24h, en: 12h}').")
        else:
            result[str(key)] = int(match.group(1)) * _UNITS[match.group(2)]
    return result


def _parse_hours(hours, at: tuple, locales: list[str], problems: _Problems) -> dict[str, str]:
    if hours is None:
        return {}
    table = hours if isinstance(hours, dict) else {"default": hours}
    result = {}
    for key, value in table.items():
        text = str(value).strip()
        if key != "default" and key not in locales:
            problems.add(at + ("hours", key), f"'{key}' is not a locale of this site",
                         f"use 'default' or one of: {', '.join(locales)}.")
        elif text != ALWAYS and not HOURS_PATTERN.match(text):
            problems.add(at + ("hours",) + (() if table is not hours else (key,)), f"{value!r} is not opening hours",
                         "write '24/7' or a daily range with its time zone, e.g. '08:00-20:00 UTC' "
                         "(per language: '{default: 08:00-20:00 UTC, en: 24/7}').")
        else:
            result[str(key)] = text
    return result


def _parse_urgent(raw, problems: _Problems) -> UrgentRoute | None:
    if raw is None:
        return None
    at = ("urgent",)
    if not isinstance(raw, dict):
        problems.add(at, f"{raw!r} is not an urgent route", "write 'categories:', 'priorities:', 'url:' and/or 'article:' lines.")
        return None
    unknown = sorted(set(raw) - URGENT_KEYS)
    if unknown:
        problems.add(at + (unknown[0],), f"'{unknown[0]}' is not an urgent route option", f"use: {', '.join(sorted(URGENT_KEYS))}.")
        return None
    count = len(problems.errors)
    url, article = raw.get("url"), raw.get("article")
    if url is None and article is None:
        problems.add(at, "has neither 'url' nor 'article'",
                     "add 'url: https://…/freeze' (where readers freeze their account) and/or 'article: <id>'.")
    if url is not None:
        try:
            names = placeholders(url)
            if set(names) - {"locale"}:
                problems.add(at + ("url",), "may only use {locale}",
                             "remove the other placeholders: nothing about the reader's problem goes to this link.")
        except TemplateError as error:
            problems.add(at + ("url",), error.message, error.fix)
    if article is not None and (isinstance(article, bool) or not isinstance(article, int)):
        problems.add(at + ("article",), f"{article!r} is not an article id", "write the article's id, e.g. 'article: 5002'.")
    categories = raw.get("categories") or []
    if not isinstance(categories, list) or not all(isinstance(c, str) for c in categories):
        problems.add(at + ("categories",), f"{categories!r} is not a list of category ids", "write e.g. 'categories: [security]'.")
    priorities = raw.get("priorities", ["urgent"]) or []
    if not isinstance(priorities, list) or any(p not in PRIORITIES for p in priorities):
        problems.add(at + ("priorities",), f"{priorities!r} is not a list of article priorities",
                     f"use some of: {', '.join(PRIORITIES)}.")
    if len(problems.errors) > count:
        return None
    return UrgentRoute(categories=tuple(categories), priorities=tuple(priorities), url=url, article=article)


def check_against_model(settings: ContactSettings, hc: HelpCenter, *, where: str = "mkdocs.yml",
                        locate: Locate | None = None, site_url: str | None = None) -> None:
    """Categories and articles named in the settings exist; the contact page is a page, not an article."""
    problems = _Problems(where, locate)
    known = sorted({c.id for (locale, _), c in hc.categories.items() if locale == hc.default_locale})
    for index, channel in enumerate(settings.channels):
        for category in channel.categories:
            if category not in known:
                problems.add(("channels", index, "categories"), f"'{category}' is not a category",
                             f"use some of: {', '.join(known)}.")
        if "article_url" in placeholders(channel.url) and not site_url:
            problems.add(("channels", index, "url"), "uses {article_url} but mkdocs.yml has no site_url",
                         "set site_url (the help center's public address) in mkdocs.yml.")
    urgent = settings.urgent
    if urgent:
        for category in urgent.categories:
            if category not in known:
                problems.add(("urgent", "categories"), f"'{category}' is not a category", f"use some of: {', '.join(known)}.")
        if urgent.article is not None and (hc.default_locale, urgent.article) not in hc.articles:
            problems.add(("urgent", "article"), f"no article has id {urgent.article}",
                         "use the id from the front matter of the article that explains what to do, e.g. 5002.")
    if (hc.default_locale, settings.page) not in hc.pages:
        source = f"{hc.default_locale}/{settings.page}"
        problems.add(("page",), f"the contact page {source} is missing",
                     f"create docs/{source} (its text appears above the form; other locales fall back to it).")
    problems.raise_any()
