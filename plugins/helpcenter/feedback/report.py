"""`helpcenter feedback report`: per article and locale, how often readers found it helpful, why not,
what they said, and how that changes over time. Markdown (publishable, without comments) or a
standalone HTML page whose charts are inline SVG drawn by matplotlib."""

from __future__ import annotations

import datetime as _dt
import html
import io
import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

Z_95 = 1.959964  # two-sided 95% normal quantile
RECENT_COMMENTS = 5
# Columns of the table of articles that need attention, in the Markdown and the HTML report.
_ARTICLE_COLUMNS = ("col_article", "col_locale", "col_votes", "col_helpful", "col_score", "col_reasons")


def wilson_lower_bound(successes: int, trials: int, z: float = Z_95) -> float:
    """Lower end of the Wilson score interval: a share that a handful of votes cannot push to the top."""
    if trials <= 0:
        return 0.0
    p = successes / trials
    z2 = z * z
    centre = p + z2 / (2 * trials)
    margin = z * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials))
    return max(0.0, (centre - margin) / (1 + z2 / trials))


def wilson_upper_bound(successes: int, trials: int, z: float = Z_95) -> float:
    return 1.0 - wilson_lower_bound(trials - successes, trials, z) if trials else 1.0


@dataclass
class ArticleStats:
    article: int
    locale: str
    title: str | None = None
    url: str | None = None
    votes: int = 0
    helpful: int = 0
    reasons: Counter = field(default_factory=Counter)
    comments: list[tuple[str, str | None, str]] = field(default_factory=list)  # (received_at, reason, text)
    searches: Counter = field(default_factory=Counter)

    @property
    def share(self) -> float:
        return self.helpful / self.votes if self.votes else 0.0

    @property
    def failing_score(self) -> float:
        """How surely this article fails readers: the Wilson lower bound of its share of 'No' votes."""
        return wilson_lower_bound(self.votes - self.helpful, self.votes)


@dataclass
class Report:
    received: int  # rows in the log
    counted: int  # after folding repeat votes
    helpful: int
    first: str | None
    last: str | None
    articles: list[ArticleStats]  # needs attention first
    locales: list[tuple[str, int, int]]  # (locale, votes, helpful)
    reasons: Counter
    trend: list[tuple[_dt.date, int, int]]  # (Monday of the week, votes, helpful)
    comments: bool

    @property
    def folded(self) -> int:
        return self.received - self.counted


def fold_repeats(records: list[dict]) -> list[dict]:
    """One vote per reader, article and locale per day: the reader's last word counts. Readers are told
    apart by the collector's daily client hash (of the address and the widget's per-tab id, so readers
    sharing an address are not merged); votes without one are all counted. Comments are not folded:
    build_report lists those of replaced votes too."""
    latest: dict = {}
    kept = []
    for record in records:
        if not record.get("client"):
            kept.append(record)
            continue
        key = (record["client"], record["received_at"][:10], record["article"], record["locale"])
        latest[key] = record
    kept.extend(latest.values())
    return sorted(kept, key=lambda r: r["id"])


def site_titles(site_dir: str | Path) -> dict[tuple[int, str], tuple[str, str]]:
    """(id, locale) -> (title, site-relative url) from a built site's articles.json."""
    path = Path(site_dir) / "articles.json"
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist: pass the built site's folder with --site")
    data = json.loads(path.read_text(encoding="utf-8"))
    return {(int(e["id"]), e["locale"]): (e["title"], e["url"]) for e in data["articles"]}


def _week(received_at: str) -> _dt.date:
    day = _dt.date.fromisoformat(received_at[:10])
    return day - _dt.timedelta(days=day.weekday())


def build_report(records: list[dict], titles: dict | None = None, since: _dt.date | None = None,
                 min_votes: int = 1, comments: bool = True, top: int = 20) -> Report:
    titles = titles or {}
    if since is not None:
        records = [r for r in records if r["received_at"][:10] >= since.isoformat()]
    counted = fold_repeats(records)
    stats: dict[tuple[int, str], ArticleStats] = {}
    locales: dict[str, list[int]] = {}
    reasons: Counter = Counter()
    weeks: dict[_dt.date, list[int]] = {}
    for record in counted:
        key = (record["article"], record["locale"])
        entry = stats.get(key)
        if entry is None:
            title, url = titles.get(key, (None, None))
            entry = stats[key] = ArticleStats(article=key[0], locale=key[1], title=title, url=url)
        entry.votes += 1
        entry.helpful += int(record["helpful"])
        if not record["helpful"] and record.get("reason"):
            entry.reasons[record["reason"]] += 1
            reasons[record["reason"]] += 1
        if comments and record.get("search"):
            entry.searches[record["search"]] += 1
        totals = locales.setdefault(record["locale"], [0, 0])
        totals[0] += 1
        totals[1] += int(record["helpful"])
        week = weeks.setdefault(_week(record["received_at"]), [0, 0])
        week[0] += 1
        week[1] += int(record["helpful"])
    if comments:  # every comment, also one whose vote a later vote of the same reader replaced
        for record in records:
            if record.get("comment"):
                stats[(record["article"], record["locale"])].comments.append(
                    (record["received_at"], record.get("reason"), record["comment"]))
    for entry in stats.values():
        entry.comments = sorted(entry.comments, reverse=True)[:RECENT_COMMENTS]
    ranked = sorted((s for s in stats.values() if s.votes >= min_votes),
                    key=lambda s: (-s.failing_score, -s.votes, s.article, s.locale))
    trend = []
    if weeks:
        week, last = min(weeks), max(weeks)
        while week <= last:  # weeks without votes are shown as gaps, not skipped
            trend.append((week, *weeks.get(week, [0, 0])))
            week += _dt.timedelta(days=7)
    return Report(
        received=len(records), counted=len(counted), helpful=sum(int(r["helpful"]) for r in counted),
        first=records[0]["received_at"][:10] if records else None,
        last=records[-1]["received_at"][:10] if records else None,
        articles=ranked[:top] if top else ranked,
        locales=sorted(((loc, v[0], v[1]) for loc, v in locales.items()), key=lambda t: (-t[1], t[0])),
        reasons=reasons, trend=trend, comments=comments,
    )


# -- rendering ------------------------------------------------------------------------------------

def _s(strings: dict, key: str, **values) -> str:
    text = str(strings.get(key, key))
    return text.format(**values) if values else text


def _percent(value: float) -> str:
    return f"{value * 100:.0f}%"


def _reason_label(strings: dict, code: str) -> str:
    return str(strings.get(f"feedback.reason.{code}", code))


def _md(text: str) -> str:
    """Reader-written text made safe for a Markdown table cell: no HTML, no links or images (`[x](javascript:…)`,
    `![](https://tracker…)`), no table breaks, one line."""
    text = html.escape(" ".join(str(text).split()), quote=False)
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]").replace("|", "\\|")


def _article_label(entry: ArticleStats) -> str:
    return entry.title or f"#{entry.article}"


def render_markdown(report: Report, strings: dict, base_url: str = "/") -> str:
    out = [f"# {_s(strings, 'feedback.report.title')}", ""]
    if not report.counted:
        return "\n".join(out + [_s(strings, "feedback.report.empty"), ""])
    out += [_s(strings, "feedback.report.summary", votes=report.counted, share=_percent(report.helpful / report.counted),
               start=report.first, end=report.last), ""]
    if report.folded:
        out += [_s(strings, "feedback.report.folded", count=report.folded), ""]
    out += [f"## {_s(strings, 'feedback.report.attention')}", "", _s(strings, "feedback.report.attention_note"), ""]
    out.append("| " + " | ".join(_s(strings, f"feedback.report.{h}") for h in _ARTICLE_COLUMNS) + " |")
    out.append("| --- | --- | ---: | ---: | ---: | --- |")
    for entry in report.articles:
        label = _md(_article_label(entry))
        if entry.url:
            label = f"[{label}]({base_url}{entry.url})"
        reasons = ", ".join(f"{_md(_reason_label(strings, code))} ({count})" for code, count in entry.reasons.most_common(3))
        out.append(f"| {label} | {entry.locale} | {entry.votes} | {_percent(entry.share)} | "
                   f"{_percent(entry.failing_score)} | {reasons} |")
    out += ["", f"## {_s(strings, 'feedback.report.locales')}", "",
            f"| {_s(strings, 'feedback.report.col_locale')} | {_s(strings, 'feedback.report.col_votes')} | "
            f"{_s(strings, 'feedback.report.col_helpful')} |", "| --- | ---: | ---: |"]
    out += [f"| {loc} | {votes} | {_percent(helpful / votes)} |" for loc, votes, helpful in report.locales]
    if report.reasons:
        out += ["", f"## {_s(strings, 'feedback.report.reasons')}", ""]
        out += [f"- {_md(_reason_label(strings, code))}: {count}" for code, count in report.reasons.most_common()]
    out += ["", f"## {_s(strings, 'feedback.report.trend')}", "",
            f"| {_s(strings, 'feedback.report.col_week')} | {_s(strings, 'feedback.report.col_votes')} | "
            f"{_s(strings, 'feedback.report.col_helpful')} |", "| --- | ---: | ---: |"]
    out += [f"| {week.isoformat()} | {votes} | {_percent(helpful / votes) if votes else '–'} |"
            for week, votes, helpful in report.trend]
    if report.comments:
        commented = [e for e in report.articles if e.comments]
        if commented:
            out += ["", f"## {_s(strings, 'feedback.report.comments')}", ""]
            for entry in commented:
                out += [f"### {_md(_article_label(entry))} ({entry.locale})", ""]
                for received_at, reason, text in entry.comments:
                    why = f" — {_md(_reason_label(strings, reason))}" if reason else ""
                    out.append(f"- {received_at[:10]}{why}: {_md(text)}")
                out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# -- HTML with charts ----------------------------------------------------------------------------

def _svg(figure, salt: str) -> str:
    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": salt, "svg.fonttype": "none"}):
        figure.savefig(buffer, format="svg", bbox_inches="tight")
    import matplotlib.pyplot as plt
    plt.close(figure)
    text = buffer.getvalue()
    text = text[text.index("<svg"):]
    # Several charts share one page: give every id (and every reference to one) the chart's prefix.
    text = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{salt}-{m.group(1)}"', text)
    text = re.sub(r'url\(#([^)]+)\)', lambda m: f"url(#{salt}-{m.group(1)})", text)
    return re.sub(r'href="#([^"]+)"', lambda m: f'href="#{salt}-{m.group(1)}"', text)


def _trend_chart(report: Report, strings: dict) -> str:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, votes_axis = plt.subplots(figsize=(8, 3))
    weeks = [week for week, _, _ in report.trend]
    votes_axis.bar(weeks, [v for _, v, _ in report.trend], width=5, color="#b39ddb",
                   label=_s(strings, "feedback.report.col_votes"))
    votes_axis.set_ylabel(_s(strings, "feedback.report.col_votes"))
    share_axis = votes_axis.twinx()
    points = [(w, h / v) for w, v, h in report.trend if v]
    share_axis.plot([w for w, _ in points], [s * 100 for _, s in points], color="#4527a0", marker="o",
                    label=_s(strings, "feedback.report.col_helpful"))
    share_axis.set_ylim(0, 100)
    share_axis.set_ylabel(_s(strings, "feedback.report.col_helpful") + " (%)")
    figure.autofmt_xdate()
    return _svg(figure, "trend")


def _attention_chart(report: Report, strings: dict) -> str:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    shown = report.articles[:15]
    figure, axis = plt.subplots(figsize=(8, 0.4 * len(shown) + 1))
    labels = [f"#{e.article} {e.locale} (n={e.votes})" for e in shown]
    shares = [e.share * 100 for e in shown]
    low = [(e.share - wilson_lower_bound(e.helpful, e.votes)) * 100 for e in shown]
    high = [(wilson_upper_bound(e.helpful, e.votes) - e.share) * 100 for e in shown]
    axis.barh(labels, shares, xerr=[low, high], color="#ffb300", ecolor="#4527a0", capsize=3)
    axis.invert_yaxis()
    axis.set_xlim(0, 100)
    axis.set_xlabel(_s(strings, "feedback.report.col_helpful") + " (%)")
    return _svg(figure, "attention")


def _reasons_chart(report: Report, strings: dict) -> str:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    items = report.reasons.most_common()
    figure, axis = plt.subplots(figsize=(8, 0.4 * len(items) + 1))
    axis.barh([code for code, _ in items], [count for _, count in items], color="#7e57c2")
    axis.invert_yaxis()
    axis.set_xlabel(_s(strings, "feedback.report.col_votes"))
    return _svg(figure, "reasons")


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK SC",sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#212121}
h1,h2,h3{color:#311b92}table{border-collapse:collapse;width:100%;margin:1rem 0}
th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right}figure{margin:1rem 0}svg{max-width:100%;height:auto}
.hc-report-comments li{margin:.3rem 0}
"""


def render_html(report: Report, strings: dict, locale: str = "en", base_url: str = "/") -> str:
    """A standalone page: inline CSS and inline SVG charts, no external requests."""
    e = html.escape
    title = _s(strings, "feedback.report.title")
    parts = [f"<!doctype html>\n<html lang=\"{e(locale)}\">\n<head><meta charset=\"utf-8\">",
             # Nothing runs and nothing loads, whatever a reader's comment contains.
             "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
             f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{e(title)}</title>",
             f"<style>{_CSS}</style></head>\n<body>\n<h1>{e(title)}</h1>"]
    if not report.counted:
        parts.append(f"<p>{e(_s(strings, 'feedback.report.empty'))}</p></body></html>\n")
        return "\n".join(parts)
    parts.append(f"<p>{e(_s(strings, 'feedback.report.summary', votes=report.counted, share=_percent(report.helpful / report.counted), start=report.first, end=report.last))}</p>")
    if report.folded:
        parts.append(f"<p>{e(_s(strings, 'feedback.report.folded', count=report.folded))}</p>")
    parts.append(f"<h2>{e(_s(strings, 'feedback.report.trend'))}</h2><figure>{_trend_chart(report, strings)}</figure>")
    parts.append(f"<h2>{e(_s(strings, 'feedback.report.attention'))}</h2>"
                 f"<p>{e(_s(strings, 'feedback.report.attention_note'))}</p>")
    if report.articles:
        parts.append(f"<figure>{_attention_chart(report, strings)}</figure>")
    numeric = ("col_votes", "col_helpful", "col_score")
    head = "".join(("<th class=\"n\">" if h in numeric else "<th>") + e(_s(strings, "feedback.report." + h)) + "</th>"
                   for h in _ARTICLE_COLUMNS)
    rows = []
    for entry in report.articles:
        label = e(_article_label(entry))
        if entry.url:
            label = f"<a href=\"{e(base_url + entry.url)}\">{label}</a>"
        reasons = ", ".join(f"{e(_reason_label(strings, c))} ({n})" for c, n in entry.reasons.most_common(3))
        rows.append(f"<tr><td>{label}</td><td>{e(entry.locale)}</td><td class=\"n\">{entry.votes}</td>"
                    f"<td class=\"n\">{_percent(entry.share)}</td><td class=\"n\">{_percent(entry.failing_score)}</td>"
                    f"<td>{reasons}</td></tr>")
    parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
    parts.append(f"<h2>{e(_s(strings, 'feedback.report.locales'))}</h2><table><thead><tr>"
                 f"<th>{e(_s(strings, 'feedback.report.col_locale'))}</th><th class=\"n\">{e(_s(strings, 'feedback.report.col_votes'))}</th>"
                 f"<th class=\"n\">{e(_s(strings, 'feedback.report.col_helpful'))}</th></tr></thead><tbody>"
                 + "".join(f"<tr><td>{e(loc)}</td><td class=\"n\">{v}</td><td class=\"n\">{_percent(h / v)}</td></tr>"
                           for loc, v, h in report.locales) + "</tbody></table>")
    if report.reasons:
        parts.append(f"<h2>{e(_s(strings, 'feedback.report.reasons'))}</h2><figure>{_reasons_chart(report, strings)}</figure><ul>"
                     + "".join(f"<li>{e(_reason_label(strings, c))}: {n}</li>" for c, n in report.reasons.most_common())
                     + "</ul>")
    if report.comments:
        commented = [entry for entry in report.articles if entry.comments]
        if commented:
            parts.append(f"<h2>{e(_s(strings, 'feedback.report.comments'))}</h2>")
            for entry in commented:
                items = "".join(
                    f"<li><time>{e(at[:10])}</time>{' — ' + e(_reason_label(strings, reason)) if reason else ''}: {e(text)}</li>"
                    for at, reason, text in entry.comments)
                parts.append(f"<h3>{e(_article_label(entry))} ({e(entry.locale)})</h3><ul class=\"hc-report-comments\">{items}</ul>")
    parts.append("</body>\n</html>\n")
    return "\n".join(parts)
