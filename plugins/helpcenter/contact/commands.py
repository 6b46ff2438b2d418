"""`helpcenter contact check|url`: check the contact settings without building; show what a channel link carries."""

from __future__ import annotations

import sys
from functools import partial

from ..articles.model import ContentErrors
from ..i18n.strings import strings_for, translate
from ..project import load_model, load_project
from .settings import PLUGIN_NAME, check_against_model, config_line, parse_settings
from .templating import fill
from .views import article_context


def _load(args):
    project = load_project(args.config)
    locate = partial(config_line, args.config)
    settings = parse_settings(project.plugin_options(PLUGIN_NAME), project.locales, where=args.config, locate=locate)
    hc = load_model(project)
    check_against_model(settings, hc, where=args.config, locate=locate, site_url=project.config.get("site_url"))
    return project, settings, hc


def _load_or_report(args):
    """(project, settings, hc), or None after printing the settings errors."""
    try:
        return _load(args)
    except ContentErrors as errors:
        print(f"Contact settings errors:\n{errors}", file=sys.stderr)
        return None


def _run_check(args) -> int:
    loaded = _load_or_report(args)
    if loaded is None:
        return 1
    _, settings, _ = loaded
    reach = [c.id for c in settings.channels if c.reaches_person]
    official = [c.id for c in settings.channels if not c.reaches_person]
    print(f"{len(reach)} channels: {', '.join(reach)}; official accounts: {', '.join(official) or 'none'}; "
          f"freeze step: {'on' if settings.urgent else 'off'}")
    return 0


def _run_url(args) -> int:
    loaded = _load_or_report(args)
    if loaded is None:
        return 1
    project, settings, hc = loaded
    channel = next((c for c in settings.channels if c.id == args.channel), None)
    if channel is None:
        print(f"error: no channel '{args.channel}'; use one of: {', '.join(c.id for c in settings.channels)}", file=sys.stderr)
        return 1
    locale = args.locale or project.default_locale
    context = {"locale": channel.locale_value(locale), "query": args.query or ""}
    if args.article:
        article = hc.article(args.article, locale)
        context.update(article_context(hc, article, locale, project.config.get("site_url")), locale=channel.locale_value(locale))
    if args.topic:
        context.update(category=args.topic, topic=hc.category(args.topic, locale).title)
    filled = fill(channel.url, context, settings.limits)
    strings = strings_for(locale, project.default_locale)
    print(filled.url)
    for name, value in filled.sent:
        print(f"  {translate(strings, 'contact.field.' + name)}: {value}")
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("contact", help="check contact channels, preview a channel link")
    commands = parser.add_subparsers(dest="contact_command", required=True)
    check = commands.add_parser("check", help="check the helpcenter-contact settings against the content")
    check.add_argument("--config", default="mkdocs.yml", help="path to mkdocs.yml")
    check.set_defaults(func=_run_check)
    url = commands.add_parser("url", help="print the link a channel opens for a given context, and what it carries")
    url.add_argument("channel", help="channel id, e.g. ticket")
    url.add_argument("--locale", help="reader's locale (default: the default locale)")
    url.add_argument("--article", type=int, help="article id the reader came from")
    url.add_argument("--topic", help="category id the reader picked")
    url.add_argument("--query", help="the words the reader typed")
    url.add_argument("--config", default="mkdocs.yml", help="path to mkdocs.yml")
    url.set_defaults(func=_run_url)
