"""Translation state: what each translation was translated from, and what changed in English since.

A translation records its source in front matter: `source_revision` is the git commit of the English file it
was translated from, or `sha256:<hash>` of the English file's content where git history was absent. Writers
say how much an English edit matters with a commit trailer, `Translation-Impact: none|minor|major`
(default minor): `none` leaves translations current, `minor` makes them outdated for translators, `major`
also shows readers a notice. Uncommitted English edits count once they are committed (the impact lives in
the commit message).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..articles.frontmatter import ContentError, split_front_matter
from ..articles.history import DocsLog, commits_between, is_shallow, resolve_commit
from ..articles.model import Article, HelpCenter

IMPACTS = ("none", "minor", "major")  # from least to most
DEFAULT_IMPACT = "minor"
IMPACT_TRAILER = "Translation-Impact"
CONTENT_PREFIX = "sha256:"
STATES = ("translated", "outdated", "missing")  # `missing` is the site's `fallback`
_HEX = re.compile(r"^[0-9a-f]{7,40}$")


@dataclass(frozen=True)
class SourceChange:
    """A commit that changed the English source after the translation's source_revision."""

    commit: str  # empty for a content-hash comparison (no commit to name)
    date: _dt.date | None
    impact: str
    subject: str


@dataclass(frozen=True)
class TranslationStatus:
    article_id: int
    locale: str
    path: str  # relative to the locale folder
    source: Article  # the English article
    translation: Article | None  # None when the translation is missing
    state: str  # one of STATES
    changes: tuple[SourceChange, ...] = ()  # newest first; includes `none` changes
    problem: ContentError | None = None  # a source_revision that cannot be checked

    @property
    def impact(self) -> str | None:
        """The strongest impact of the English changes since the translation (None without changes)."""
        if not self.changes:
            return None
        return max((c.impact for c in self.changes), key=IMPACTS.index)

    @property
    def critical(self) -> bool:
        return self.source.critical

    @property
    def reader_notice(self) -> bool:
        """Readers are told the translation may be out of date only after a `major` English change."""
        return self.state == "outdated" and self.impact == "major"

    @property
    def source_updated(self) -> _dt.date | None:
        """When English last changed in a way that made the translation outdated (major changes first)."""
        for level in ("major", "minor"):
            dates = [c.date for c in self.changes if c.impact == level and c.date]
            if dates:
                return max(dates)
        return None

    @property
    def unmarked(self) -> bool:
        return self.translation is not None and not self.translation.source_revision


@dataclass
class TranslationReport:
    """The state of every article in every non-default locale."""

    hc: HelpCenter
    statuses: dict[tuple[str, int], TranslationStatus]
    history: bool  # False when the docs are not in git: commit revisions could not be checked
    notes: list[str] = field(default_factory=list)  # problems that are not a file's fault (e.g. shallow clone)

    def for_locale(self, locale: str) -> list[TranslationStatus]:
        return sort_statuses([s for (loc, _), s in self.statuses.items() if loc == locale])

    def problems(self) -> list[ContentError]:
        return [s.problem for s in self.statuses.values() if s.problem is not None]

    def states(self) -> dict[tuple[str, int], str]:
        """The site's state overrides: only `outdated` differs from what the model knows."""
        return {key: "outdated" for key, s in self.statuses.items() if s.state == "outdated"}


def sort_statuses(statuses: list[TranslationStatus]) -> list[TranslationStatus]:
    """Security-critical first, then what needs work most (outdated, missing, current), then path."""
    order = {"outdated": 0, "missing": 1, "translated": 2}
    return sorted(statuses, key=lambda s: (not s.critical, -s.source.rank, order[s.state],
                                           -IMPACTS.index(s.impact or "none"), s.locale, s.path))


def impact_of(trailer: str | None) -> tuple[str, bool]:
    """The impact a commit declares, and whether the trailer was understood (unknown values count as minor)."""
    if not trailer:
        return DEFAULT_IMPACT, True
    # A commit may repeat the trailer; the strongest one wins.
    values = [v.strip().lower() for v in trailer.split(",") if v.strip()]
    known = [v for v in values if v in IMPACTS]
    if not known:
        return DEFAULT_IMPACT, False
    return max(known, key=IMPACTS.index), len(known) == len(values)


class _Ancestry:
    """Which docs commits each recorded revision already contains, from the log's (rewritten) parents."""

    def __init__(self, log: DocsLog):
        self.parents = {c.hash: c.parents for c in log.commits}
        self._cache: dict[str, set[str]] = {}

    def contains(self, revision: str) -> set[str]:
        if revision not in self._cache:
            seen: set[str] = set()
            stack = [revision]
            while stack:
                commit = stack.pop()
                if commit in seen:
                    continue
                seen.add(commit)
                stack.extend(self.parents.get(commit, ()))
            self._cache[revision] = seen
        return self._cache[revision]


def field_line(docs_dir: str | Path, article: Article, name: str) -> int | None:
    """The line of a front matter field, for error messages (the model keeps values, not lines)."""
    path = Path(docs_dir) / article.locale / article.path
    try:
        return split_front_matter(path.read_text(encoding="utf-8"), article.src).field_lines.get(name)
    except (OSError, ContentError):
        return None


def translation_report(hc: HelpCenter, log: DocsLog | None, docs_dir: str | Path) -> TranslationReport:
    """The state of every translation, from the model and the docs' git log (read once by the caller)."""
    statuses: dict[tuple[str, int], TranslationStatus] = {}
    notes: list[str] = []
    default = hc.default_locale
    commits = log.by_hash() if log else {}
    ancestry = _Ancestry(log) if log else None
    touching: dict[str, list] = {}  # English path -> commits that changed it, newest first
    for commit in log.commits if log else []:
        for name in commit.files:
            touching.setdefault(name, []).append(commit)
    unknown_impacts: set[str] = set()
    shallow: bool | None = None

    def revision_problem(article: Article, message: str, fix: str) -> ContentError:
        return ContentError(article.src, message, line=field_line(docs_dir, article, "source_revision"),
                            field="source_revision", fix=fix)

    def change(commit) -> SourceChange:
        impact, understood = impact_of(commit.trailers.get(IMPACT_TRAILER))
        if not understood and commit.hash not in unknown_impacts:
            unknown_impacts.add(commit.hash)
            notes.append(f"commit {commit.hash[:12]} ({commit.subject}): '{IMPACT_TRAILER}: "
                         f"{commit.trailers.get(IMPACT_TRAILER)}' is not one of {', '.join(IMPACTS)}; "
                         f"counted as {DEFAULT_IMPACT}.")
        return SourceChange(commit.hash, commit.date, impact, commit.subject)

    for locale in hc.locales:
        if locale == default:
            continue
        for article_id in hc.ids():
            source = hc.source(article_id)
            translation = hc.articles.get((locale, article_id))
            if translation is None:
                statuses[(locale, article_id)] = TranslationStatus(article_id, locale, source.path, source, None, "missing")
                continue
            revision = (translation.source_revision or "").strip()
            changes: list[SourceChange] = []
            problem = None
            state = "translated"
            english_commits = touching.get(f"{default}/{source.path}", [])
            if not revision:
                pass  # unmarked: nothing to compare with (reported by `helpcenter i18n status`)
            elif revision.startswith(CONTENT_PREFIX):
                if revision[len(CONTENT_PREFIX):] != source.revision:
                    state = "outdated"
                    changes = [SourceChange("", source.updated or (english_commits[0].date if english_commits else None),
                                            DEFAULT_IMPACT, "the English file changed since its recorded content hash")]
            elif log is None:
                pass  # no git history here: a commit revision cannot be checked
            else:
                full = _find_commit(revision, commits)
                if full is not None:
                    seen = ancestry.contains(full)
                    changes = [change(c) for c in english_commits if c.hash not in seen]
                else:
                    # Not a commit that touched the docs (or abbreviated ambiguously): ask git directly.
                    hexadecimal = bool(_HEX.match(revision.lower()))
                    resolved = resolve_commit(log.repo_root, revision) if hexadecimal else None
                    mark_fix = (f"compare the translation with the English article, then run "
                                f"'helpcenter i18n mark {locale} {source.path}' to record the revision it matches.")
                    if not hexadecimal:
                        state = "outdated"
                        problem = revision_problem(
                            translation, f"'{revision}' is neither a commit hash nor '{CONTENT_PREFIX}…'", mark_fix)
                    elif resolved is None:
                        if shallow is None:
                            shallow = is_shallow(log.repo_root)
                        if shallow:
                            problem = revision_problem(
                                translation, f"commit '{revision}' is not in this shallow clone's history",
                                "fetch the full history (e.g. actions/checkout with fetch-depth: 0) so "
                                "translation states can be checked.")
                        else:
                            state = "outdated"
                            problem = revision_problem(
                                translation, f"commit '{revision}' does not exist in this repository", mark_fix)
                    else:
                        path = log.repo_root / f"{log.docs_prefix}{default}/{source.path}"
                        since = commits_between(log.repo_root, resolved, path) or []
                        changes = [change(commits[h]) for h in since if h in commits]
            if changes and any(c.impact != "none" for c in changes):
                state = "outdated"
            statuses[(locale, article_id)] = TranslationStatus(article_id, locale, source.path, source, translation,
                                                               state, tuple(changes), problem)
    return TranslationReport(hc=hc, statuses=statuses, history=log is not None, notes=notes)


def _find_commit(revision: str, commits: dict) -> str | None:
    """The full hash of a (possibly abbreviated) revision among the docs commits."""
    revision = revision.lower()
    if revision in commits:
        return revision
    if len(revision) >= 7 and _HEX.match(revision):
        matches = [h for h in commits if h.startswith(revision)]
        if len(matches) == 1:
            return matches[0]
    return None


# -- recording the source revision -----------------------------------------------------------------

def source_revision_for(source: Article, log: DocsLog | None, uncommitted: set[str] | None) -> str:
    """What a translation made from the English file as it is now should record.

    The last commit of the English file when it is committed unchanged; otherwise its content hash.
    """
    rel = f"{source.locale}/{source.path}"
    if log is not None and uncommitted is not None and rel not in uncommitted:
        for commit in log.commits:
            if rel in commit.files:
                return commit.hash
    return CONTENT_PREFIX + source.revision


def with_front_matter_field(text: str, name: str, value: str, src: str) -> str:
    """`text` with one top-level front matter field set to `value`; every other line stays as it was."""
    fm = split_front_matter(text, src)
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    if not lines or lines[0].lstrip("\ufeff").rstrip() != "---":
        raise ContentError(src, "has no front matter", line=1,
                           fix="start the file with '---', the article's fields, and '---'.")
    entry = yaml.safe_dump({name: value}, allow_unicode=True, width=1000).strip()
    start = fm.field_lines.get(name)
    close = fm.body_line - 2  # 0-based index of the closing fence
    if start is None:
        lines.insert(close, entry)
    else:
        later = [line for line in fm.field_lines.values() if line > start]
        end = (min(later) if later else close + 1) - 1  # 0-based index after the field's last line
        lines[start - 1:end] = [entry]
    return newline.join(lines)


def without_front_matter_fields(text: str, names: tuple[str, ...], src: str) -> str:
    """`text` without the given top-level front matter fields (each with all its lines)."""
    fm = split_front_matter(text, src)
    lines = text.split("\n")
    close = fm.body_line - 2
    starts = sorted(fm.field_lines.values())
    drop: set[int] = set()
    for name in names:
        start = fm.field_lines.get(name)
        if start is None:
            continue
        later = [line for line in starts if line > start]
        end = min(later) if later else close + 1
        drop.update(range(start - 1, end - 1))
    return "\n".join(line for i, line in enumerate(lines) if i not in drop)


# Fields that belong to the English file only: a new translation starts without them.
SOURCE_ONLY_FIELDS = ("updated", "redirect_from", "source_revision", "machine_translated")


def new_translation_text(english_text: str, src: str, revision: str) -> str:
    """A translation's starting point: the English file with its front matter prepared for the translator."""
    text = without_front_matter_fields(english_text, SOURCE_ONLY_FIELDS, src)
    return with_front_matter_field(text, "source_revision", revision, src)
