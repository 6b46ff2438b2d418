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
REASON_PATTERN = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")
LOCALE_PATTERN = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
REVISION_PATTERN = re.compile(r"^[0-9a-f]{6,64}$")
# `website` is the widget's honeypot: people never see it, form-filling robots do.
FIELDS = ("article", "locale", "helpful", "reason", "comment", "revision", "search", "website")
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


@dataclass(frozen=True)
class SiteCatalogue:
    """What a built site allows: (article, locale) pairs from articles.json, reason codes from feedback.json."""

    pairs: frozenset[tuple[int, str]]
    locales: frozenset[str]
    reasons: frozenset[str] | None = None

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
        reasons = None
        settings = site / "feedback.json"
        if settings.exists():
            try:
                reasons = frozenset(str(code) for code in json.loads(settings.read_text(encoding="utf-8"))["reasons"])
            except (ValueError, KeyError, TypeError) as error:
                raise ValueError(f"{settings} is not valid ({error}): rebuild the site") from None
        return cls(pairs=pairs, locales=locales, reasons=reasons)


def _optional_text(data: dict, name: str, limit: int) -> str | None:
    value = data.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise VoteError(f"'{name}' must be text", field=name)
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
    if data.get("website"):
        raise VoteError("the form's hidden field must stay empty", field="website")
    article = data.get("article")
    if isinstance(article, bool) or not isinstance(article, int) or article <= 0:
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
    comment = _optional_text(data, "comment", MAX_COMMENT)
    search = _optional_text(data, "search", MAX_SEARCH)
    if catalogue is not None:
        if locale not in catalogue.locales:
            raise VoteError(f"unknown locale '{locale}'", field="locale")
        if (article, locale) not in catalogue.pairs:
            raise VoteError(f"unknown article {article} in locale '{locale}'", field="article")
        if reason is not None and catalogue.reasons is not None and reason not in catalogue.reasons:
            raise VoteError(f"unknown reason '{reason}'; allowed: {', '.join(sorted(catalogue.reasons))}", field="reason")
    return Vote(article=article, locale=locale, helpful=helpful, reason=reason, comment=comment,
                revision=revision, search=search)
