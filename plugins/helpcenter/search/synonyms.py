"""Synonyms writers edit: words readers type that should find the same articles.

The file (docs/search-synonyms.yml by default) maps `all` (every locale) or a locale to a list of groups;
each group is a list of words or phrases that mean the same thing:

    all:
      - [2FA, two-factor, authenticator, Google Authenticator]
    zh:
      - [提币, 提现]

At build time every field that contains a phrase of a group also gets the group's token; in the browser a
query that contains a phrase of a group asks for that token too. Both sides match phrases the same way
(`phrase_in` here, `phraseIn` in search-analysis.js).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..articles.frontmatter import ContentError
from .text import normalize, pieces

ALL = "all"


@dataclass(frozen=True)
class SynonymGroup:
    token: str  # the term every phrase of the group adds to the index, e.g. "~syn3"
    phrases: tuple[tuple[tuple[str, str], ...], ...]  # each phrase as normalised pieces
    words: tuple[str, ...]  # as written, for segmenter dictionaries and error messages


def _fail(src: str, node, message: str, fix: str) -> ContentError:
    return ContentError(src, message, line=node.start_mark.line + 1 if node is not None else None, fix=fix)


def read_synonyms(path: Path, locales: list[str], display: str | None = None) -> dict[str, list[list[str]]]:
    """locale (or 'all') -> groups of words, validated; a missing file means no synonyms."""
    src = display or str(path)
    if not path.exists():
        return {}
    text = path.read_text(encoding="utf-8")
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise ContentError(src, f"is not valid YAML: {getattr(error, 'problem', error)}",
                           line=mark.line + 1 if mark else None,
                           fix="write one group per line, e.g. '  - [提币, 提现]'.") from None
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        raise _fail(src, root, "must map locales to groups of synonyms",
                    "start with a locale or 'all' and a colon, e.g. 'zh:'.")
    result: dict[str, list[list[str]]] = {}
    for key_node, value_node in root.value:
        locale = key_node.value
        if locale != ALL and locale not in locales:
            raise _fail(src, key_node, f"'{locale}' is not a locale of this help center",
                        f"use 'all' or one of: {', '.join(locales)}.")
        if not isinstance(value_node, yaml.SequenceNode):
            raise _fail(src, value_node, f"'{locale}' must be a list of groups",
                        "write each group on its own line, e.g. '  - [KYC, identity verification]'.")
        groups = []
        for group_node in value_node.value:
            if not isinstance(group_node, yaml.SequenceNode) or not all(
                    isinstance(n, yaml.ScalarNode) and str(n.value).strip() for n in group_node.value):
                raise _fail(src, group_node, "a group must be a list of words",
                            "write it as '[word, other word]'.")
            words = [str(n.value).strip() for n in group_node.value]
            if len(words) < 2:
                raise _fail(src, group_node, f"the group {words} has only one word",
                            "add the words readers use for the same thing, or remove the line.")
            groups.append(words)
        result[locale] = result.get(locale, []) + groups
    return result


def groups_for(synonyms: dict[str, list[list[str]]], locale: str) -> list[SynonymGroup]:
    """The groups that apply to one locale's index ('all' first), with their index tokens."""
    groups = []
    for number, words in enumerate(synonyms.get(ALL, []) + synonyms.get(locale, [])):
        phrases = tuple(tuple(pieces(normalize(w, locale))) for w in words)
        groups.append(SynonymGroup(token=f"~syn{number}", phrases=tuple(p for p in phrases if p),
                                   words=tuple(words)))
    return groups


def phrase_in(phrase: tuple[tuple[str, str], ...], text_pieces: list[tuple[str, str]]) -> bool:
    """A phrase of one CJK run is found inside any run; otherwise its pieces must follow each other."""
    if len(phrase) == 1 and phrase[0][0] == "cjk":
        return any(kind == "cjk" and phrase[0][1] in value for kind, value in text_pieces)
    size = len(phrase)
    for start in range(len(text_pieces) - size + 1):
        if all(text_pieces[start + k] == phrase[k] for k in range(size)):
            return True
    return False


def matching_tokens(groups: list[SynonymGroup], text_pieces: list[tuple[str, str]]) -> list[str]:
    """Tokens of the groups with a phrase in the text (same result as phrase_in over every phrase, but one
    pass over the text: long article bodies meet many groups)."""
    starts: dict[tuple[str, str], list[int]] = {}
    for position, piece in enumerate(text_pieces):
        starts.setdefault(piece, []).append(position)
    runs = [value for kind, value in text_pieces if kind == "cjk"]
    found = []
    for group in groups:
        for phrase in group.phrases:
            if len(phrase) == 1 and phrase[0][0] == "cjk":
                hit = any(phrase[0][1] in run for run in runs)
            else:
                size = len(phrase)
                hit = any(tuple(text_pieces[start:start + size]) == phrase for start in starts.get(phrase[0], ()))
            if hit:
                found.append(group.token)
                break
    return found


def dictionary_words(synonyms: dict[str, list[list[str]]], locale: str) -> list[str]:
    """Words the segmenter must keep whole (e.g. 提币, 二次验证) so index and query agree on them."""
    return [w for words in synonyms.get(ALL, []) + synonyms.get(locale, []) for w in words]
