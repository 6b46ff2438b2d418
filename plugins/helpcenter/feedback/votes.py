"""What a vote is and how a posted one is checked, without any web framework.

The collector, the export and the report share these definitions, so a field is named in one place.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

MAX_COMMENT = 2000
MAX_SEARCH = 200
MAX_BODY_BYTES = 8 * 1024
# Votes per minute per client address: a whole office voting at once stays under it, a flood does not.
DEFAULT_RATE_LIMIT = 30
# The largest id both stores hold (a signed 64-bit integer); larger ones would fail in storage, not here.
MAX_ARTICLE = 2**63 - 1
# \Z, not $: `$` also matches before a trailing newline, and a locale "en\n" would split tables downstream.
REASON_PATTERN = re.compile(r"^[a-z][a-z0-9_-]{0,39}\Z")
LOCALE_PATTERN = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*\Z")
REVISION_PATTERN = re.compile(r"^[0-9a-f]{6,64}\Z")
# The widget's per-tab reader id (random, kept in sessionStorage); only its salted hash is stored.
TAB_PATTERN = re.compile(r"^[A-Za-z0-9_-]{8,64}\Z")
# Text no store should hold: lone UTF-16 surrogates (not encodable as UTF-8) and control characters (C0, DEL, C1).
# Comments may keep line breaks and tabs; everything else must be on one line.
_UNSTORABLE = re.compile(r"[\ud800-\udfff\x00-\x1f\x7f-\x9f]")
_UNSTORABLE_IN_COMMENT = re.compile(r"[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# `website` is the widget's honeypot: people never see it, form-filling robots do. `tab` tells readers apart.
FIELDS = ("article", "locale", "helpful", "reason", "comment", "revision", "search", "tab", "website")
# Columns of a stored vote, in export order.
COLUMNS = ("id", "received_at", "article", "locale", "helpful", "reason", "comment", "revision", "search", "client")


class VoteError(ValueError):
    """A posted vote that is not stored; `status` is the HTTP status the collector answers with."""

    def __init__(self, message: str, status: int = 422, field: str | None = None):
        super().__init__(message)
        self.status = status
        self.field = field

    def as_json(self) -> dict:
        body = {"error": str(self)}
        if self.field:
            body["field"] = self.field
        return body


@dataclass(frozen=True)
class Vote:
    article: int
    locale: str
    helpful: bool
    reason: str | None = None
    comment: str | None = None
    revision: str | None = None
    search: str | None = None
    tab: str | None = None  # never stored: only folded into the client hash


@dataclass(frozen=True)
class SiteCatalogue:
    """What a built site allows: (article, locale) pairs from articles.json, reason codes from feedback.json."""

    pairs: frozenset[tuple[int, str]]
    locales: frozenset[str]
    reasons: frozenset[str] | None = None
    comment_limit: int = MAX_COMMENT

    @classmethod
    def from_site(cls, site_dir: str | Path) -> "SiteCatalogue":
        site = Path(site_dir)
        path = site / "articles.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            pairs = frozenset((int(e["id"]), str(e["locale"])) for e in data["articles"])
            locales = frozenset(str(loc) for loc in data.get("locales") or {loc for _, loc in pairs})
        except FileNotFoundError:
            raise ValueError(f"{path} does not exist: build the site first (mkdocs build) or pass the built site's folder") from None
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{path} is not a help center catalogue ({error}): rebuild the site") from None
        reasons, comment_limit = None, MAX_COMMENT
        settings = site / "feedback.json"
        if settings.exists():
            try:
                document = json.loads(settings.read_text(encoding="utf-8"))
                reasons = frozenset(str(code) for code in document["reasons"])
                comment_limit = int(document.get("comment_limit", MAX_COMMENT))
                if not 1 <= comment_limit <= MAX_COMMENT:
                    raise ValueError(f"comment_limit {comment_limit} is outside 1…{MAX_COMMENT}")
            except (ValueError, KeyError, TypeError) as error:
                raise ValueError(f"{settings} is not valid ({error}): rebuild the site") from None
        return cls(pairs=pairs, locales=locales, reasons=reasons, comment_limit=comment_limit)


def _optional_text(data: dict, name: str, limit: int, unstorable: re.Pattern = _UNSTORABLE) -> str | None:
    value = data.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise VoteError(f"'{name}' must be text", field=name)
    bad = unstorable.search(value)
    if bad:
        what = "a lone surrogate" if "\ud800" <= bad.group() <= "\udfff" else f"the control character U+{ord(bad.group()):04X}"
        raise VoteError(f"'{name}' contains {what}; send plain UTF-8 text", field=name)
    value = value.strip()
    if len(value) > limit:
        raise VoteError(f"'{name}' is longer than {limit} characters", field=name)
    return value or None


def parse_vote(data: object, catalogue: SiteCatalogue | None = None) -> Vote:
    """Check a decoded JSON body; raises VoteError naming the first wrong field."""
    if not isinstance(data, dict):
        raise VoteError("the body must be a JSON object")
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise VoteError(f"unknown field '{unknown[0]}'; allowed: {', '.join(FIELDS[:-1])}", field=unknown[0])
    if data.get("website", "") not in ("", None):  # anything but empty (even 0, [] or false) is a robot's
        raise VoteError("the form's hidden field must stay empty", field="website")
    article = data.get("article")
    if isinstance(article, bool) or not isinstance(article, int) or not 0 < article <= MAX_ARTICLE:
        raise VoteError("'article' must be a positive whole number (the article's id)", field="article")
    locale = data.get("locale")
    if not isinstance(locale, str) or not LOCALE_PATTERN.match(locale):
        raise VoteError("'locale' must be a locale code such as 'en' or 'zh-TW'", field="locale")
    helpful = data.get("helpful")
    if not isinstance(helpful, bool):
        raise VoteError("'helpful' must be true or false", field="helpful")
    reason = data.get("reason")
    if reason is not None:
        if not isinstance(reason, str) or not REASON_PATTERN.match(reason):
            raise VoteError("'reason' must be a reason code such as 'outdated'", field="reason")
        if helpful:
            raise VoteError("'reason' is only given with \"helpful\": false", field="reason")
    revision = data.get("revision")
    if revision is not None and (not isinstance(revision, str) or not REVISION_PATTERN.match(revision)):
        raise VoteError("'revision' must be the page's hexadecimal revision hash", field="revision")
    tab = data.get("tab")
    if tab is not None and (not isinstance(tab, str) or not TAB_PATTERN.match(tab)):
        raise VoteError("'tab' must be the widget's reader id (8 to 64 letters, digits, '_' or '-')", field="tab")
    comment = _optional_text(data, "comment", MAX_COMMENT, _UNSTORABLE_IN_COMMENT)
    if comment is not None:
        comment = comment.replace("\r\n", "\n").replace("\r", "\n")
    search = _optional_text(data, "search", MAX_SEARCH)
    if catalogue is not None:
        if comment is not None and len(comment) > catalogue.comment_limit:
            raise VoteError(f"'comment' is longer than {catalogue.comment_limit} characters", field="comment")
        if locale not in catalogue.locales:
            raise VoteError(f"unknown locale '{locale}'", field="locale")
        if (article, locale) not in catalogue.pairs:
            raise VoteError(f"unknown article {article} in locale '{locale}'", field="article")
        if reason is not None and catalogue.reasons is not None and reason not in catalogue.reasons:
            raise VoteError(f"unknown reason '{reason}'; allowed: {', '.join(sorted(catalogue.reasons))}", field="reason")
    return Vote(article=article, locale=locale, helpful=helpful, reason=reason, comment=comment,
                revision=revision, search=search, tab=tab)
