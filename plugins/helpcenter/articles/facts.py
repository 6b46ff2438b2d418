"""Facts several articles state (limits, hours, fees, times), kept in one data file so they cannot drift.

An article writes `{{ fact.password_min_length }}`; the build, `helpcenter check` and everything that reads the
article model see the value from the facts file (`facts.yml` in the docs folder by default):

    password_min_length: 8                  # the same text in every locale
    level1_fiat_limit: 5000                 # a number: written as each locale writes numbers (5,000 / 5 000)
    chat_hours:                             # or one text per locale (the default locale's is required)
      en: 24/7 in English and Chinese; other languages 08:00–20:00 UTC
      zh: 中文和英文 7×24 小时；其他语言 UTC 08:00–20:00

A locale without its own text uses the default locale's only where the article itself is in the default
locale's words (a fallback page); a translation that names a fact with no text in its locale is an error, as is
an unknown fact: both name the file, the line and the fix.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .frontmatter import ContentError
from .model import ContentErrors, HelpCenter

PLACEHOLDER = re.compile(r"\{\{\s*fact\.([A-Za-z0-9_]+)\s*\}\}")
_NAME = re.compile(r"^[A-Za-z0-9_]+$")


def format_number(value: int | float, locale: str) -> str:
    """A number as readers of `locale` write it (digit grouping, decimal sign), from Babel's CLDR data."""
    from babel import Locale, UnknownLocaleError
    from babel.numbers import format_decimal

    try:
        return format_decimal(value, locale=Locale.parse(locale.replace("-", "_")))
    except (ValueError, UnknownLocaleError):
        return format_decimal(value, locale="en")


@dataclass
class Facts:
    values: dict[str, int | float | str | dict[str, str]] = field(default_factory=dict)
    src: str = "facts.yml"
    lines: dict[str, int] = field(default_factory=dict)  # fact -> line in the facts file
    default_locale: str = "en"

    def text(self, name: str, locale: str) -> str | None:
        value = self.values.get(name)
        if isinstance(value, dict):
            return value.get(locale)
        if isinstance(value, (int, float)):
            return format_number(value, locale)
        return value

    def names(self) -> list[str]:
        return sorted(self.values)


def load_facts(path: str | Path, display: str, default_locale: str) -> Facts:
    """The facts file at `path` (no file: no facts). Raises ContentErrors for a malformed file."""
    path = Path(path)
    if not path.is_file():
        return Facts(src=display, default_locale=default_locale)
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise ContentErrors([ContentError(display, f"is not valid YAML ({getattr(error, 'problem', error)})",
                                          line=mark.line + 1 if mark else None,
                                          fix="fix the YAML syntax (quote texts that contain ': ' or '#').")]) from None
    if data is None:
        return Facts(src=display, default_locale=default_locale)
    if not isinstance(data, dict):
        raise ContentErrors([ContentError(display, "must map fact names to texts", line=1,
                                          fix="write one 'name: text' line per fact.")])
    lines = {key.value: key.start_mark.line + 1 for key, _ in node.value} if isinstance(node, yaml.MappingNode) else {}
    errors: list[ContentError] = []
    values: dict[str, int | float | str | dict[str, str]] = {}
    for name, value in data.items():
        line = lines.get(name)
        if not isinstance(name, str) or not _NAME.match(name):
            errors.append(ContentError(display, f"'{name}' is not a fact name", line=line,
                                       fix="use letters, digits and underscores, e.g. 'password_min_length'."))
        elif isinstance(value, bool) or value is None or isinstance(value, (list, dict)) and not value:
            errors.append(ContentError(display, f"fact '{name}' has no text", line=line,
                                       fix=f"write '{name}: <text>' or one text per locale under '{name}:'."))
        elif isinstance(value, dict):
            if not all(isinstance(k, str) and isinstance(v, (str, int, float)) and not isinstance(v, bool)
                       for k, v in value.items()):
                errors.append(ContentError(display, f"fact '{name}' must map locales to texts", line=line,
                                           fix=f"write '{default_locale}: <text>' and one line per locale under '{name}:'."))
            elif default_locale not in value:
                errors.append(ContentError(display, f"fact '{name}' has no '{default_locale}' text", line=line,
                                           fix=f"add '{default_locale}: <text>' under '{name}:'."))
            else:
                values[name] = {k: str(v) for k, v in value.items()}
        elif isinstance(value, (int, float)):
            values[name] = value
        elif isinstance(value, str):
            values[name] = value
        else:
            errors.append(ContentError(display, f"fact '{name}' must be a text or one text per locale", line=line,
                                       fix=f"write '{name}: <text>'."))
    if errors:
        raise ContentErrors(errors)
    return Facts(values=values, src=display, lines=lines, default_locale=default_locale)


def fill(text: str, facts: Facts, locale: str, src: str, first_line: int = 1) -> tuple[str, list[ContentError]]:
    """`text` with every `{{ fact.name }}` replaced by its text for `locale`, and the problems found
    (unknown facts, facts without a text in the locale); a problem leaves its placeholder as written."""
    if "{{" not in text:
        return text, []
    errors: list[ContentError] = []

    def replace(match: re.Match) -> str:
        name = match.group(1)
        line = first_line + text.count("\n", 0, match.start())
        if name not in facts.values:
            close = difflib.get_close_matches(name, facts.names(), n=1)
            hint = f"did you mean '{{{{ fact.{close[0]} }}}}'? " if close else ""
            errors.append(ContentError(src, f"unknown fact '{name}'", line=line,
                                       fix=f"{hint}Add '{name}: <text>' to {facts.src}, or use one of its facts"
                                           f"{': ' + ', '.join(facts.names()) if facts.names() else ''}."))
            return match.group(0)
        value = facts.text(name, locale)
        if value is None:
            errors.append(ContentError(src, f"fact '{name}' has no text in '{locale}'", line=line,
                                       fix=f"add '{locale}: <text>' under '{name}:' in {facts.src}"
                                           f" (line {facts.lines.get(name, '?')})."))
            return match.group(0)
        return value

    return PLACEHOLDER.sub(replace, text), errors


def body_first_line(docs_dir: str | Path, locale: str, path: str, body: str) -> int:
    """The file line where an article's body starts (after its front matter)."""
    try:
        text = Path(docs_dir, locale, path).read_text(encoding="utf-8")
    except OSError:
        return 1
    position = text.rfind(body) if body else -1
    return text.count("\n", 0, position) + 1 if position >= 0 else 1


def with_facts(hc: HelpCenter, facts: Facts, docs_dir: str | Path) -> HelpCenter:
    """The model with the facts filled into every article's body. Raises ContentErrors listing every
    unknown or untranslated fact."""
    errors: list[ContentError] = []
    articles = {}
    for key, article in hc.articles.items():
        if "{{" in article.body and PLACEHOLDER.search(article.body):
            first = body_first_line(docs_dir, article.locale, article.path, article.body)
            body, problems = fill(article.body, facts, article.locale, article.src, first)
            errors += problems
            article = dataclasses.replace(article, body=body)
        articles[key] = article
    if errors:
        raise ContentErrors(errors)
    return dataclasses.replace(hc, articles=articles)


def load_project_facts(docs_dir: str | Path, option: str, display_root: str, default_locale: str) -> Facts:
    """The facts file named by the plugin option `facts` (relative to the docs folder)."""
    return load_facts(Path(docs_dir) / option, f"{display_root.rstrip('/')}/{option}", default_locale)
