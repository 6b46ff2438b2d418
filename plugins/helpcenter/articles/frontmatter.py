"""Front matter parsing with errors that name the file, the line, the field and the fix."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

import yaml


class _Loader(yaml.SafeLoader):
    """Safe YAML that leaves dates as text, so a bad date is reported with its field and line."""


# The same loader on libyaml (about ten times faster); errors are reported by _Loader, whose wording they keep.
_FastLoader = type("_FastLoader", (getattr(yaml, "CSafeLoader", yaml.SafeLoader),), {})

_Loader.yaml_implicit_resolvers = _FastLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _compose_and_load(raw: str, loader_class) -> tuple:
    """The document's node (for field lines) and its data, parsed once."""
    loader = loader_class(raw)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else {})
    finally:
        loader.dispose()


class ContentError(Exception):
    """A problem a writer or translator caused, with where it is and how to fix it."""

    def __init__(self, path: str, message: str, *, line: int | None = None, field: str | None = None, fix: str = ""):
        self.path = path
        self.line = line
        self.field = field
        self.message = message
        self.fix = fix
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        what = f"field '{self.field}': {self.message}" if self.field else self.message
        return f"{where}: {what}" + (f" Fix: {self.fix}" if self.fix else "")


@dataclass
class FrontMatter:
    meta: dict
    body: str
    field_lines: dict[str, int]  # field name -> 1-based line in the file
    body_line: int  # 1-based line where the body starts


def split_front_matter(text: str, path: str) -> FrontMatter:
    """Split a Markdown file into its YAML front matter and body.

    Raises ContentError for a missing closing fence, invalid YAML or a non-mapping front matter.
    """
    text = text.lstrip("\ufeff")
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return FrontMatter({}, text, {}, 1)
    for end in range(1, len(lines)):
        if lines[end].rstrip() in ("---", "..."):
            break
    else:
        raise ContentError(path, "front matter is not closed", line=1,
                           fix="add a line with '---' after the last front matter field.")
    raw = "\n".join(lines[1:end])
    try:
        try:
            node, meta = _compose_and_load(raw, _FastLoader)
        except yaml.YAMLError:
            node, meta = _compose_and_load(raw, _Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ContentError(path, f"invalid YAML in front matter ({problem})", line=line,
                           fix="check quoting and indentation; quote values that contain ': ' or start with a symbol.") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ContentError(path, "front matter must be a set of 'field: value' lines", line=2,
                           fix="write one 'field: value' per line between the '---' fences.")
    field_lines = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            field_lines[str(key_node.value)] = key_node.start_mark.line + 2
    body = "\n".join(lines[end + 1:])
    return FrontMatter(meta, body, field_lines, end + 2)


def parse_date(value, path: str, field: str, line: int | None) -> _dt.date:
    """Accept a YAML date or an ISO 'YYYY-MM-DD' string."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ContentError(path, f"'{value}' is not a date", line=line, field=field,
                           fix="write the date as YYYY-MM-DD, e.g. 2026-03-31.") from None
