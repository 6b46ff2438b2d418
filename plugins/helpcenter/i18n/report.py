"""The translation status report as data, a terminal table, Markdown (also the site's status page) and JSON.

Text here is for the team (translators, CI), not for readers, so it is not in the UI strings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable

from .translation import TranslationReport, TranslationStatus, sort_statuses

FAIL_ON = ("outdated-critical", "outdated", "missing-critical", "missing")


@dataclass(frozen=True)
class LocaleSummary:
    locale: str
    name: str
    total: int
    translated: int  # up to date
    outdated: int
    missing: int
    outdated_critical: int
    missing_critical: int
    unmarked: int

    def percent(self, count: int) -> float:
        return round(100 * count / self.total, 1) if self.total else 0.0

    def as_dict(self) -> dict:
        return {"locale": self.locale, "name": self.name, "total": self.total,
                **{state: getattr(self, state) for state in ("translated", "outdated", "missing")},
                "percent": {state: self.percent(getattr(self, state)) for state in ("translated", "outdated", "missing")},
                "outdated_critical": self.outdated_critical, "missing_critical": self.missing_critical,
                "unmarked": self.unmarked}


def summarize(report: TranslationReport, locales: list[str], names: dict[str, str] | None = None) -> list[LocaleSummary]:
    summaries = []
    for locale in locales:
        statuses = report.for_locale(locale)
        count = lambda state, critical=False: sum(  # noqa: E731
            1 for s in statuses if s.state == state and (s.critical or not critical))
        summaries.append(LocaleSummary(
            locale=locale, name=(names or {}).get(locale, locale), total=len(statuses),
            translated=count("translated"), outdated=count("outdated"), missing=count("missing"),
            outdated_critical=count("outdated", True), missing_critical=count("missing", True),
            unmarked=sum(1 for s in statuses if s.unmarked)))
    return summaries


def failures(summaries: list[LocaleSummary], fail_on: str) -> list[str]:
    """Why `--fail-on fail_on` fails, one line per locale (empty when it passes)."""
    attribute = fail_on.replace("-", "_")
    what = fail_on.replace("-critical", "")
    return [f"{s.locale}: {getattr(s, attribute)} {'security-critical ' if 'critical' in fail_on else ''}"
            f"article(s) {what}" for s in summaries if getattr(s, attribute)]


def article_row(status: TranslationStatus) -> dict:
    changes = [{"commit": c.commit, "date": c.date.isoformat() if c.date else None, "impact": c.impact,
                "subject": c.subject} for c in status.changes]
    return {
        "locale": status.locale, "id": status.article_id, "path": status.path, "title": status.source.title,
        "priority": status.source.priority, "critical": status.critical, "state": status.state,
        "impact": status.impact, "reader_notice": status.reader_notice,
        "source_revision": status.translation.source_revision if status.translation else None,
        "source": status.source.src, "translation": status.translation.src if status.translation else None,
        "changes": changes,
    }


def _notes(report: TranslationReport, statuses: list[TranslationStatus], detailed: bool = False) -> list[str]:
    notes = [str(p) for p in (s.problem for s in statuses) if p is not None]
    unmarked = [s for s in statuses if s.unmarked]
    if detailed:
        notes += [f"{s.translation.src}: no source_revision, so English changes to it cannot be tracked. Fix: check it "
                  f"against the English article, then run 'helpcenter i18n mark {s.locale} {s.path}'." for s in unmarked]
    else:
        by_locale: dict[str, int] = {}
        for s in unmarked:
            by_locale[s.locale] = by_locale.get(s.locale, 0) + 1
        notes += [f"{locale}: {count} translation(s) without source_revision, so English changes to them cannot be "
                  f"tracked (listed with --articles). Fix: check them against English, then run "
                  f"'helpcenter i18n mark {locale} PATH…' or 'helpcenter i18n mark {locale} --all'."
                  for locale, count in by_locale.items()]
    if not report.history:
        notes.append("The docs are not in a git repository: translations recorded with a commit cannot be checked.")
    return notes + report.notes


# -- plain text --------------------------------------------------------------------------------------

def render_table(report: TranslationReport, summaries: list[LocaleSummary], articles: bool) -> str:
    headers = ["Locale", "Articles", "Translated", "Outdated", "Missing", "Critical outdated", "Language"]
    rows = [[s.locale, str(s.total), f"{s.translated} ({s.percent(s.translated)}%)",
             f"{s.outdated} ({s.percent(s.outdated)}%)", f"{s.missing} ({s.percent(s.missing)}%)",
             str(s.outdated_critical), s.name] for s in summaries]
    lines = _columns(headers, rows)
    statuses = [st for s in summaries for st in report.for_locale(s.locale)]
    shown = sort_statuses(statuses) if articles else [
        st for st in sort_statuses(statuses) if st.critical and st.state == "outdated"]
    if shown:
        lines += ["", "Articles (security-critical first):" if articles else "Security-critical articles out of date:"]
        lines += _columns(["Locale", "Id", "State", "Impact", "Priority", "Path", "Title"],
                          [[st.locale, str(st.article_id), st.state, _impact_text(st), st.source.priority, st.path,
                            st.source.title] for st in shown])
    notes = _notes(report, statuses, articles)
    if notes:
        lines += ["", "Notes:"] + [f"  {n}" for n in notes]
    return "\n".join(lines)


def _impact_text(status: TranslationStatus) -> str:
    if not status.changes:
        return "-"
    since = status.source_updated
    return f"{status.impact}" + (f" since {since.isoformat()}" if since and status.state == "outdated" else "")


def _columns(headers: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in [headers] + rows) for i in range(len(headers))]
    fmt = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    return [fmt(headers), fmt(["-" * w for w in widths])] + [fmt(r) for r in rows]


# -- Markdown ----------------------------------------------------------------------------------------

def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def markdown_link(title: str, href: str) -> str:
    return f"[{_cell(title)}]({href})"


def render_markdown(report: TranslationReport, summaries: list[LocaleSummary], articles: bool,
                    link: Callable[[str], str] | None = None, heading_level: int = 2,
                    anchor: Callable[[str, str], str] = markdown_link) -> str:
    """Markdown for pull requests and the site's status page. `link` turns a site URL into an href, `anchor`
    writes the link from the title and the href."""
    hc = report.hc
    h = "#" * heading_level
    link = link or (lambda url: url)

    def article_link(status: TranslationStatus) -> str:
        shown = hc.article(status.article_id, status.locale)
        return anchor(status.source.title, link(hc.url(shown, status.locale)))

    lines = ["| Locale | Language | Articles | Translated | Outdated | Missing | Critical outdated | Critical missing |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for s in summaries:
        lines.append(f"| `{s.locale}` | {_cell(s.name)} | {s.total} | {s.translated} ({s.percent(s.translated)}%) | "
                     f"{s.outdated} ({s.percent(s.outdated)}%) | {s.missing} ({s.percent(s.missing)}%) | "
                     f"{s.outdated_critical} | {s.missing_critical} |")
    statuses = sort_statuses([st for s in summaries for st in report.for_locale(s.locale)])
    critical = [st for st in statuses if st.critical and st.state == "outdated"]
    lines += ["", f"{h} Security-critical translations out of date", ""]
    if critical:
        lines += _article_table(critical, article_link)
    else:
        lines.append("None: every security-critical translation matches its English source.")
    if articles:
        for s in summaries:
            mine = [st for st in statuses if st.locale == s.locale]
            outdated = [st for st in mine if st.state == "outdated"]
            missing = [st for st in mine if st.state == "missing"]
            lines += ["", f"{h} {_cell(s.name)} (`{s.locale}`)", ""]
            if outdated:
                lines += [f"Outdated ({len(outdated)}):", ""] + _article_table(outdated, article_link)
            else:
                lines.append("No outdated translations.")
            if missing:
                lines += ["", f'??? note "Missing ({len(missing)})"', ""]
                lines += ["    " + row for row in _article_table(missing, article_link, changes=False)]
    notes = _notes(report, statuses, articles)
    if notes:
        lines += ["", f"{h} Notes", ""] + [f"- {_cell(n)}" for n in notes]
    return "\n".join(lines) + "\n"


def _article_table(statuses: list[TranslationStatus], article_link, changes: bool = True) -> list[str]:
    if not changes:
        return ["| Locale | Id | Article | Priority |", "| --- | ---: | --- | --- |"] + [
            f"| `{st.locale}` | {st.article_id} | {article_link(st)} | {st.source.priority} |" for st in statuses]
    rows = ["| Locale | Id | Article | Priority | State | Impact | English changes since translation |",
            "| --- | ---: | --- | --- | --- | --- | --- |"]
    for st in statuses:
        since = "; ".join(f"{c.date.isoformat() if c.date else ''} {c.impact}: {_cell(c.subject)}".strip()
                            for c in st.changes[:3]) + (" …" if len(st.changes) > 3 else "")
        rows.append(f"| `{st.locale}` | {st.article_id} | {article_link(st)} | {st.source.priority} | {st.state} | "
                    f"{st.impact or '-'} | {since or '-'} |")
    return rows


# -- JSON --------------------------------------------------------------------------------------------

def render_json(report: TranslationReport, summaries: list[LocaleSummary]) -> str:
    statuses = sort_statuses([st for s in summaries for st in report.for_locale(s.locale)])
    return json.dumps({
        "default_locale": report.hc.default_locale,
        "history": report.history,
        "locales": [s.as_dict() for s in summaries],
        "articles": [article_row(st) for st in statuses],
        "problems": [{"file": p.path, "line": p.line, "field": p.field, "message": p.message, "fix": p.fix}
                     for p in (st.problem for st in statuses) if p is not None],
        "notes": _notes(report, statuses, detailed=True),
    }, ensure_ascii=False, indent=1)
