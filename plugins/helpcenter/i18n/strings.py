"""The strings our templates and scripts show readers: one YAML file per capability, every locale in each.

A file `strings/<capability>.yml` maps locale -> key -> text. Keys are unique across files.

These are the package's defaults. A project adds or overrides strings in a folder of its own (helpcenter-i18n's
`strings_dir`, `docs/strings/` by default): one file per locale, `<locale>.yml`, mapping key -> text. That is how a
help center puts its own words in place of the package's, and how it adds a locale the package has no strings for.
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


class StringsError(ValueError):
    """A project strings file that cannot be used; the message names the file, the line and the fix."""


# The project's strings folder for the build under way; helpcenter-i18n sets it when a build starts.
_project_folder: Path | None = None


def use_project_strings(folder: Path | None) -> None:
    """Strings from `folder` (`<locale>.yml` files) add to and override the package's; None: the package's alone."""
    global _project_folder
    _project_folder = Path(folder) if folder is not None and Path(folder).is_dir() else None


def _project_files(folder: Path) -> tuple[tuple[str, float], ...]:
    return tuple((str(file), file.stat().st_mtime) for file in sorted(folder.glob("*.yml")))


@lru_cache(maxsize=8)
def _load_project(files: tuple[tuple[str, float], ...]) -> dict[str, dict[str, object]]:
    """The project's strings by locale; keyed by the files' modification times, so `mkdocs serve` sees edits."""
    table: dict[str, dict[str, object]] = {}
    for name, _ in files:
        file = Path(name)
        try:
            data = yaml.safe_load(file.read_text(encoding="utf-8"))
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = f":{mark.line + 1}" if mark else ""
            raise StringsError(f"{file}{line}: not valid YAML ({getattr(error, 'problem', error)}). Fix: write one "
                               f"`key: text` per line, quoting texts that contain a colon.") from None
        if data is None:
            continue
        if not isinstance(data, dict):
            raise StringsError(f"{file}:1: expected `key: text` lines for locale '{file.stem}'. Fix: write one "
                               f"`key: text` per line.")
        for key, value in data.items():
            if not (isinstance(value, str) and value.strip()) and not (
                    isinstance(value, list) and value and all(isinstance(item, str) for item in value)):
                raise StringsError(f"{file}: '{key}' has no text. Fix: give it the text readers of "
                                   f"'{file.stem}' should see (`{key}: …`).")
        table[file.stem] = {str(key): value for key, value in data.items()}
    return table


def all_strings(directory: Path = STRINGS_DIR) -> dict[str, dict[str, object]]:
    table = _load(str(directory))
    if directory != STRINGS_DIR or _project_folder is None:
        return table
    project = _load_project(_project_files(_project_folder))
    if not project:
        return table
    merged = {locale: dict(strings) for locale, strings in table.items()}
    for locale, strings in project.items():
        merged.setdefault(locale, {}).update(strings)
    return merged


def _shown(path: Path) -> str:
    """A path as the writer would type it: relative to the working folder where it lies inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def missing_strings_error(locales: list[str], folder: Path) -> str | None:
    """The build's stop message when a configured locale lacks keys: which keys, and the project file to add them
    to; None when every locale has every key."""
    missing = missing_keys(locales)
    if not missing:
        return None
    lines = []
    for locale, keys in missing.items():
        shown = ", ".join(keys[:8]) + (f" and {len(keys) - 8} more" if len(keys) > 8 else "")
        lines.append(f"locale '{locale}' has no text for {len(keys)} reader-visible string(s): {shown}. Fix: add "
                     f"them to {_shown(folder / (locale + '.yml'))} (`key: text`); `helpcenter i18n strings {locale}` "
                     f"prints every key with its English text to start from.")
    return "\n".join(lines)


def strings_for(locale: str, default_locale: str = "en", directory: Path = STRINGS_DIR) -> dict[str, object]:
    """Every string for `locale`; a key missing there (a test forbids it) falls back to the default locale."""
    table = all_strings(directory)
    merged = dict(table.get(default_locale, {}))
    merged.update(table.get(locale, {}))
    return merged


def strings_to_translate(locale: str, default_locale: str = "en", every: bool = False) -> str:
    """A `docs/strings/<locale>.yml` to start from: the keys `locale` lacks (every key with `every`), each with
    the default locale's text (or the locale's own, where it has one) to translate."""
    table = all_strings()
    source, own = table.get(default_locale, {}), table.get(locale, {})
    keys = sorted(source) if every else sorted(set(source) - set(own))
    values = {key: own.get(key, source[key]) for key in keys}
    header = (f"# Reader-visible strings for '{locale}': translate each text; keep {{placeholders}} as they are.\n"
              if values else "")
    return header + (yaml.safe_dump(values, allow_unicode=True, sort_keys=False, width=120) if values else "")


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
