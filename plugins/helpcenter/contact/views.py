"""What the contact partials show: computed from the settings, the article model and the strings, without MkDocs."""

from __future__ import annotations

import math

from ..articles.model import Article, HelpCenter, page_url
from ..i18n.strings import translate
from .routing import channels_for, is_urgent, official_channels
from .settings import ALWAYS, HOURS_PATTERN, KIND_RULES, Channel, ContactSettings
from .templating import FilledUrl, Limits, fill

# The fragment the footer's "describe your problem" link adds; the fragment never reaches a server.
ARTICLE_FRAGMENT = "#article="


def response_text(minutes: int | None, strings: dict) -> str:
    if minutes is None:
        return translate(strings, "contact.response.none")
    if minutes < 120:
        return translate(strings, "contact.response.minutes", count=minutes)
    if minutes < 72 * 60:
        return translate(strings, "contact.response.hours", count=math.ceil(minutes / 60))
    return translate(strings, "contact.response.days", count=math.ceil(minutes / 1440))


def hours_text(channel: Channel, locale: str, strings: dict) -> str | None:
    """Opening hours, for the kinds where someone answers live; None for the others or when none are set."""
    hours = channel.hours_for(locale) if KIND_RULES[channel.kind].has_hours else None
    if not hours:
        return None
    if hours == ALWAYS:
        return translate(strings, "contact.hours.always")
    match = HOURS_PATTERN.match(hours)
    return translate(strings, "contact.hours.range", start=f"{match.group(1)}:{match.group(2)}",
                     end=f"{match.group(3)}:{match.group(4)}", zone=match.group(5))


def closed_note(channel: Channel, locale: str, strings: dict) -> dict | None:
    """For a channel open part of the day: its hours (read by contact.js against the reader's clock) and what
    to say while it is closed ("Closed now", next to the hours). None when it is always open or keeps no hours."""
    hours = channel.hours_for(locale) if KIND_RULES[channel.kind].has_hours else None
    if not hours or hours == ALWAYS or not HOURS_PATTERN.match(hours):
        return None
    return {"hours": hours, "text": translate(strings, "contact.hours.closed")}


def languages_text(channel: Channel, locale: str, strings: dict, language_names: dict[str, str]) -> str | None:
    """The languages a channel answers in, when the reader's is not among them (None when it is)."""
    if channel.serves(locale):
        return None
    names = ", ".join(language_names.get(lang, lang) for lang in channel.languages or ())
    return translate(strings, "contact.languages.others", languages=names)


def channel_facts(channel: Channel, locale: str, strings: dict, language_names: dict[str, str]) -> list[str]:
    """What a reader needs to choose: hours where someone answers live, the expected wait or reply time for
    this locale, who answers a forum, and the languages when the reader's is not served."""
    rules = KIND_RULES[channel.kind]
    facts = [hours_text(channel, locale, strings)]
    if rules.has_response_time:
        facts.append(response_text(channel.response_for(locale), strings))
    elif rules.reaches_person:
        facts.append(translate(strings, f"contact.kind.{channel.kind}.answers"))
    facts.append(languages_text(channel, locale, strings, language_names))
    return [fact for fact in facts if fact]


# Which placeholders say the same thing to a reader: one phrase for the topic, one for the article.
_SENT_GROUPS = {"locale": "language", "category": "topic", "topic": "topic", "article_id": "article",
                "article_title": "article", "article_url": "article", "subject": "subject", "query": "query"}


def sent_words(sent, strings: dict, words: dict) -> list[str]:
    """What a link carries, in words ("Language: English", "Topic: Security", "This article"), never as the
    codes it carries. `words` has `language` and `topic` (names), `article_title`, and `on_article` (the
    reader is on that article). contact.js has the same function (describeSent)."""
    result, seen = [], set()
    for name, value in sent:
        group = _SENT_GROUPS[name]
        if group in seen:
            continue
        seen.add(group)
        if group == "language":
            result.append(translate(strings, "contact.sent.language", value=words.get("language") or value))
        elif group == "topic":
            result.append(translate(strings, "contact.sent.topic", value=words.get("topic") or value))
        elif group == "article":
            result.append(translate(strings, "contact.sent.this_article") if words.get("on_article")
                          else translate(strings, "contact.sent.article", value=words.get("article_title") or value))
        elif group == "subject":
            result.append(translate(strings, "contact.sent.subject", value=value))
        else:
            result.append(translate(strings, "contact.sent.query"))
    return result


def sent_fields(filled: FilledUrl, strings: dict) -> list[dict]:
    """Exactly what a link carries, labelled (the values before URL encoding): for `helpcenter contact url`."""
    return [{"name": name, "label": translate(strings, f"contact.field.{name}"), "value": value}
            for name, value in filled.sent]


def article_context(hc: HelpCenter, article: Article, locale: str, site_url: str | None) -> dict:
    """The context of an article page: which article, in which language, in which category."""
    return {
        "locale": locale,
        "category": article.category,
        "topic": hc.category(article.category, locale).title,
        "article_id": str(article.id),
        "article_title": article.title,
        "article_url": (site_url or "").rstrip("/") + "/" + hc.url(article, locale) if site_url else "",
    }


def channel_view(channel: Channel, locale: str, strings: dict, language_names: dict[str, str], context: dict,
                 limits: Limits, words: dict | None = None) -> dict:
    filled = fill(channel.url, dict(context, locale=channel.locale_value(locale)), limits)
    words = dict(words or {}, language=language_names.get(locale, locale), topic=context.get("topic"),
                 article_title=context.get("article_title"))
    return {
        "id": channel.id,
        "kind": channel.kind,
        "name": translate(strings, f"contact.kind.{channel.kind}.name"),
        "hint": translate(strings, f"contact.kind.{channel.kind}.hint"),
        "action": translate(strings, f"contact.kind.{channel.kind}.action"),
        "facts": channel_facts(channel, locale, strings, language_names),
        "closed": closed_note(channel, locale, strings),
        "categories": list(channel.categories),
        "href": filled.url,
        "external": not filled.url.lower().startswith("mailto:"),
        "sends": sent_fields(filled, strings),
        "sends_words": sent_words(filled.sent, strings, words),
    }


def official_view(channel: Channel, locale: str, strings: dict) -> dict:
    """An official account: what it is for and where to check it, never offered as a way to reach a person."""
    return {"id": channel.id, "name": translate(strings, f"contact.kind.{channel.kind}.name"),
            "hint": translate(strings, f"contact.kind.{channel.kind}.hint"),
            "action": translate(strings, f"contact.kind.{channel.kind}.action"),
            "href": fill(channel.url, {"locale": channel.locale_value(locale)}).url}


def urgent_view(settings: ContactSettings, hc: HelpCenter, locale: str, strings: dict,
                current_article: int | None = None) -> dict | None:
    urgent = settings.urgent
    if urgent is None:
        return None
    view = {"title": translate(strings, "contact.urgent.title"), "text": translate(strings, "contact.urgent.text"),
            "action": translate(strings, "contact.urgent.action"), "url": None, "article": None}
    if urgent.url:
        view["url"] = fill(urgent.url, {"locale": locale}).url
    if urgent.article is not None and urgent.article != current_article:
        guide = hc.article(urgent.article, locale)
        view["article"] = {"url": hc.url(guide, locale), "title": guide.title,
                           "label": translate(strings, "contact.urgent.guide", title=guide.title)}
    return view


def contact_page_url(settings: ContactSettings, hc: HelpCenter, locale: str) -> str:
    return page_url(settings.page, hc.locale_prefix(locale))


def article_contact_view(settings: ContactSettings, hc: HelpCenter, article: Article, locale: str, strings: dict,
                         language_names: dict[str, str], site_url: str | None) -> dict:
    """'Still need help?' at the foot of an article: the channels of its category, the freeze step first
    when the article or its category is urgent."""
    context = article_context(hc, article, locale, site_url)
    return {
        "urgent": urgent_view(settings, hc, locale, strings, article.id)
        if is_urgent(settings.urgent, article.category, article.priority) else None,
        "channels": [channel_view(c, locale, strings, language_names, context, settings.limits, {"on_article": True})
                     for c in channels_for(settings, article.category)],
        "page_url": contact_page_url(settings, hc, locale) + ARTICLE_FRAGMENT + str(article.id),
        "status_url": settings.status_url,
        "script": {"status_url": settings.status_url, "strings": _script_strings(strings)} if settings.status_url else None,
    }


def _script_strings(strings: dict) -> dict:
    return {key: value for key, value in strings.items() if key.startswith("contact.")}


def suggestion_articles(hc: HelpCenter, locale: str) -> list[dict]:
    """What the browser ranks suggestions by: every article a reader of `locale` can open."""
    result = []
    for article in hc.articles_for(locale):
        entry = {"id": article.id, "title": article.title, "description": article.description,
                 "tags": list(article.tags), "category": article.category, "priority": article.priority,
                 "url": hc.url(article, locale)}
        if hc.state(article.id, locale) == "fallback" and locale != hc.default_locale:
            entry["source_url"] = hc.url(article, hc.default_locale)  # where the shared search index lists it
        result.append(entry)
    return result


def contact_page_view(settings: ContactSettings, hc: HelpCenter, locale: str, strings: dict,
                      language_names: dict[str, str], site_url: str | None) -> dict:
    """The contact page: topics, the freeze step, every channel as a plain link (what readers without
    JavaScript use) and the data contact.js needs to suggest articles and fill in the reader's context."""
    topics = [{"id": c.id, "title": c.title, "description": c.description} for c in hc.ordered_categories(locale)]
    context = {"locale": locale}
    reachable = channels_for(settings, None)
    channels = [channel_view(c, locale, strings, language_names, context, settings.limits) for c in reachable]
    prefix = hc.locale_prefix(locale)
    urgent = settings.urgent
    script = {
        "locale": locale,
        "prefix": prefix,
        "other_prefixes": [hc.locale_prefix(other) for other in hc.locales if other != locale and hc.locale_prefix(other)],
        "site_url": (site_url or "").rstrip("/") + "/" if site_url else "",
        "search_indexes": list(dict.fromkeys([f"{prefix}search/search_index.json", "search/search_index.json"])),
        "topics": {t["id"]: t["title"] for t in topics},
        "articles": suggestion_articles(hc, locale),
        "language": language_names.get(locale, locale),
        "channels": [{"id": c.id, "url": c.url, "locale": c.locale_value(locale), "categories": list(c.categories)}
                     for c in reachable],
        "urgent": {"categories": list(urgent.categories), "priorities": list(urgent.priorities)} if urgent else None,
        "limits": {"query": settings.limits.query, "url": settings.limits.url},
        "status_url": settings.status_url,
        "strings": _script_strings(strings),
    }
    return {"topics": topics, "urgent": urgent_view(settings, hc, locale, strings), "channels": channels,
            "official": [official_view(c, locale, strings) for c in official_channels(settings)], "script": script}
