"""The strings our templates and scripts show readers: one YAML file per capability, every locale in each.

A file `strings/<capability>.yml` maps locale -> key -> text. Keys are unique across files.
"""

from __future__ import annotations

import datetime as _dt
from functools import lru_cache
from pathlib import Path

import yaml

STRINGS_DIR = Path(__file__).parent / "strings"


@lru_cache(maxsize=None)
def _load(directory: str) -> dict[str, dict[str, object]]:
    table: dict[str, dict[str, object]] = {}
    owner: dict[str, str] = {}
    for file in sorted(Path(directory).glob("*.yml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        for locale, strings in data.items():
            for key, value in (strings or {}).items():
                if key in owner and owner[key] != file.name:
                    raise ValueError(f"{file}: key '{key}' is already defined in {owner[key]}; keys must be unique")
                owner[key] = file.name
                table.setdefault(str(locale), {})[key] = value
    return table


def all_strings(directory: Path = STRINGS_DIR) -> dict[str, dict[str, object]]:
    return _load(str(directory))


def strings_for(locale: str, default_locale: str = "en", directory: Path = STRINGS_DIR) -> dict[str, object]:
    """Every string for `locale`; a key missing there (a test forbids it) falls back to the default locale."""
    table = all_strings(directory)
    merged = dict(table.get(default_locale, {}))
    merged.update(table.get(locale, {}))
    return merged


def missing_keys(locales: list[str], directory: Path = STRINGS_DIR) -> dict[str, list[str]]:
    table = all_strings(directory)
    keys = set().union(*(set(v) for v in table.values())) if table else set()
    return {loc: sorted(keys - set(table.get(loc, {}))) for loc in locales if keys - set(table.get(loc, {}))}


def translate(strings: dict[str, object], key: str, **values) -> str:
    text = str(strings.get(key, key))
    return text.format(**values) if values else text


def format_date(date: _dt.date, strings: dict[str, object]) -> str:
    """A date as readers of the locale write it, from the locale's `date.format` and `date.months`."""
    months = strings.get("date.months") or []
    month_name = months[date.month - 1] if len(months) == 12 else str(date.month)
    return str(strings.get("date.format", "{year}-{month:02d}-{day:02d}")).format(
        year=date.year, month=date.month, day=date.day, month_name=month_name)
