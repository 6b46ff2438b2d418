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
    title: str | None = None  # in the locale voted in
    url: str | None = None
    category: str | None = None
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
    categories: list[tuple[str | None, int, int]] = field(default_factory=list)  # (category id or None, votes, helpful)
    catalogue: SiteArticles | None = None

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


@dataclass
class SiteArticles:
    """What a built site's articles.json says about its articles: titles and links per locale, categories."""

    titles: dict[tuple[int, str], tuple[str, str]]  # (id, locale) -> (title, site-relative url)
    categories: dict[int, str]  # article id -> category id
    category_titles: dict[tuple[str, str], str]  # (category id, locale) -> title
    default_locale: str = "en"

    def title(self, article: int, locale: str) -> str | None:
        """The article's title as readers of `locale` see it (the English one where it is not translated)."""
        for candidate in (locale, self.default_locale):
            if (article, candidate) in self.titles:
                return self.titles[(article, candidate)][0]
        return None

    def category_title(self, category: str, locale: str) -> str:
        return (self.category_titles.get((category, locale)) or self.category_titles.get((category, self.default_locale))
                or category)


def site_articles(site_dir: str | Path) -> SiteArticles:
    """The catalogue of a built site (its articles.json)."""
    path = Path(site_dir) / "articles.json"
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist: pass the built site's folder with --site")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return SiteArticles(
            titles={(int(e["id"]), e["locale"]): (e["title"], e["url"]) for e in data["articles"]},
            categories={int(e["id"]): e["category"] for e in data["articles"] if e.get("category")},
            category_titles={(c["id"], c["locale"]): c["title"] for c in data.get("categories", [])},
            default_locale=data.get("default_locale", "en"))
    except (ValueError, KeyError, TypeError) as error:
        raise ValueError(f"{path} is not a catalogue of articles ({error}): rebuild the site with mkdocs build") from None


def site_titles(site_dir: str | Path) -> dict[tuple[int, str], tuple[str, str]]:
    """(id, locale) -> (title, site-relative url) from a built site's articles.json."""
    return site_articles(site_dir).titles


def _week(received_at: str) -> _dt.date:
    day = _dt.date.fromisoformat(received_at[:10])
    return day - _dt.timedelta(days=day.weekday())


def build_report(records: list[dict], titles: dict | None = None, since: _dt.date | None = None,
                 min_votes: int = 1, comments: bool = True, top: int = 20,
                 catalogue: SiteArticles | None = None) -> Report:
    """`catalogue` (from site_articles) gives titles in every locale and the totals per category; `titles`
    alone (from site_titles) gives the titles of the locales voted in."""
    titles = catalogue.titles if catalogue is not None else (titles or {})
    if since is not None:
        records = [r for r in records if r["received_at"][:10] >= since.isoformat()]
    counted = fold_repeats(records)
    stats: dict[tuple[int, str], ArticleStats] = {}
    locales: dict[str, list[int]] = {}
    reasons: Counter = Counter()
    weeks: dict[_dt.date, list[int]] = {}
    categories: dict[str | None, list[int]] = {}
    for record in counted:
        key = (record["article"], record["locale"])
        entry = stats.get(key)
        if entry is None:
            title, url = titles.get(key, (None, None))
            category = catalogue.categories.get(key[0]) if catalogue is not None else None
            entry = stats[key] = ArticleStats(article=key[0], locale=key[1], title=title, url=url, category=category)
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
        if catalogue is not None:
            in_category = categories.setdefault(entry.category, [0, 0])
            in_category[0] += 1
            in_category[1] += int(record["helpful"])
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
        # Most votes first; votes on articles the site no longer has come last.
        categories=sorted(((c, v[0], v[1]) for c, v in categories.items()),
                          key=lambda t: (t[0] is None, -t[1], t[0] or "")),
        catalogue=catalogue,
    )


# -- rendering ------------------------------------------------------------------------------------

def _s(strings: dict, key: str, **values) -> str:
    text = str(strings.get(key, key))
    return text.format(**values) if values else text


def _percent(value: float) -> str:
    return f"{value * 100:.0f}%"


def _labelled(strings: dict, label: str) -> str:
    """`label` followed by the locale's colon ("Votes: ", "票数：", "Votes : "), ready for a value."""
    return _s(strings, "feedback.report.label", label=label)


def _reason_label(strings: dict, code: str) -> str:
    return str(strings.get(f"feedback.reason.{code}", code))


def _md(text: str) -> str:
    """Reader-written text made safe for a Markdown table cell: no HTML, no links or images (`[x](javascript:…)`,
    `![](https://tracker…)`), no table breaks, one line."""
    text = html.escape(" ".join(str(text).split()), quote=False)
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]").replace("|", "\\|")


def _article_label(entry: ArticleStats, report: Report | None = None, locale: str | None = None) -> str:
    """The article's title in the report's language where the site has it, else in the language voted in."""
    if report is not None and report.catalogue is not None and locale:
        title = report.catalogue.title(entry.article, locale)
        if title:
            return title
    return entry.title or f"#{entry.article}"


def _category_label(report: Report, strings: dict, category: str | None, locale: str) -> str:
    if category is None or report.catalogue is None:
        return _s(strings, "feedback.report.uncategorized")
    return report.catalogue.category_title(category, locale)


def _interval(entry: ArticleStats) -> tuple[float, float]:
    return wilson_lower_bound(entry.helpful, entry.votes), wilson_upper_bound(entry.helpful, entry.votes)


def render_markdown(report: Report, strings: dict, base_url: str = "/", locale: str | None = None) -> str:
    """The report as Markdown; `locale` is the report's language (titles from the site's catalogue in it)."""
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
        label = _md(_article_label(entry, report, locale))
        if entry.url:
            label = f"[{label}]({base_url}{entry.url})"
        reasons = _s(strings, "feedback.report.separator").join(
            f"{_md(_reason_label(strings, code))} ({count})" for code, count in entry.reasons.most_common(3))
        out.append(f"| {label} | {entry.locale} | {entry.votes} | {_percent(entry.share)} | "
                   f"{_percent(entry.failing_score)} | {reasons} |")
    if report.categories:
        out += ["", f"## {_s(strings, 'feedback.report.categories')}", "",
                f"| {_s(strings, 'feedback.report.col_category')} | {_s(strings, 'feedback.report.col_votes')} | "
                f"{_s(strings, 'feedback.report.col_helpful')} |", "| --- | ---: | ---: |"]
        out += [f"| {_md(_category_label(report, strings, category, locale or 'en'))} | {votes} | "
                f"{_percent(helpful / votes)} |" for category, votes, helpful in report.categories]
    out += ["", f"## {_s(strings, 'feedback.report.locales')}", "",
            f"| {_s(strings, 'feedback.report.col_locale')} | {_s(strings, 'feedback.report.col_votes')} | "
            f"{_s(strings, 'feedback.report.col_helpful')} |", "| --- | ---: | ---: |"]
    out += [f"| {loc} | {votes} | {_percent(helpful / votes)} |" for loc, votes, helpful in report.locales]
    if report.reasons:
        out += ["", f"## {_s(strings, 'feedback.report.reasons')}", ""]
        out += [f"- {_labelled(strings, _md(_reason_label(strings, code)))}{count}" for code, count in report.reasons.most_common()]
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
                out += [f"### {_md(_article_label(entry, report, locale))} ({entry.locale})", ""]
                for received_at, reason, text in entry.comments:
                    head = f"{received_at[:10]} — {_reason_label(strings, reason)}" if reason else received_at[:10]
                    out.append(f"- {_labelled(strings, _md(head))}{_md(text)}")
                out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# -- HTML ----------------------------------------------------------------------------------------

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
    # Fixed pt sizes would keep the chart wider than a phone; the stylesheet scales it to the page instead.
    text = re.sub(r'(<svg[^>]*?)\s(?:width|height)="[^"]*"', r"\1", text, count=1)
    text = re.sub(r'(<svg[^>]*?)\s(?:width|height)="[^"]*"', r"\1", text, count=1)
    return re.sub(r'href="#([^"]+)"', lambda m: f'href="#{salt}-{m.group(1)}"', text)


def _trend_chart(report: Report, strings: dict) -> str:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    # Small and with large type: it is drawn at the width of the page, a phone's included.
    with matplotlib.rc_context({"font.size": 13}):
        figure, votes_axis = plt.subplots(figsize=(6, 3.2))
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


def _attention_bars(report: Report, strings: dict, locale: str, base_url: str) -> str:
    """Share of "helpful" votes per article with its 95% interval, as text and HTML bars: the titles wrap and stay
    legible at any width, where labels inside a chart image would shrink with it."""
    e = html.escape
    items = []
    for entry in report.articles[:15]:
        low, high = _interval(entry)
        label = e(_article_label(entry, report, locale))
        if entry.url:
            label = f"<a href=\"{e(base_url + entry.url)}\">{label}</a>"
        meta = _s(strings, "feedback.report.bar_meta", votes=entry.votes, share=_percent(entry.share),
                  low=_percent(low), high=_percent(high))
        items.append(
            f"<li><span class=\"hc-bar-label\">{label} <span class=\"hc-locale\">{e(entry.locale)}</span></span>"
            f"<span class=\"hc-bar\" aria-hidden=\"true\"><span class=\"hc-bar-range\" style=\"left:{low * 100:.1f}%;"
            f"width:{(high - low) * 100:.1f}%\"></span><span class=\"hc-bar-fill\" style=\"width:{entry.share * 100:.1f}%\">"
            f"</span></span><span class=\"hc-bar-meta\">{e(meta)}</span></li>")
    return f"<ol class=\"hc-bars\">{''.join(items)}</ol>"


def _reason_bars(report: Report, strings: dict) -> str:
    e = html.escape
    items = report.reasons.most_common()
    most = max((count for _, count in items), default=1)
    return "<ul class=\"hc-bars\">" + "".join(
        f"<li><span class=\"hc-bar-label\">{e(_labelled(strings, _reason_label(strings, code)))}{count}</span>"
        f"<span class=\"hc-bar\" aria-hidden=\"true\"><span class=\"hc-bar-fill\" style=\"width:{count / most * 100:.1f}%\">"
        f"</span></span></li>" for code, count in items) + "</ul>"


_CSS = """
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK SC",sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#212121;line-height:1.45;overflow-wrap:anywhere}
h1,h2,h3{color:#311b92;line-height:1.25}table{border-collapse:collapse;width:100%;margin:1rem 0}
th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;white-space:nowrap}figure{margin:1rem 0}svg{width:100%;height:auto}
a{color:#4527a0}.hc-report-comments li{margin:.3rem 0}
.hc-bars{list-style:none;padding:0;margin:1rem 0}.hc-bars li{margin:0 0 .8rem}
.hc-bar-label{display:block}.hc-locale{color:#5c5c5c;font-size:.85em}.hc-bar-meta{display:block;color:#5c5c5c;font-size:.85em}
.hc-bar{display:block;position:relative;height:.7rem;background:#ede7f6;border-radius:.35rem;margin:.2rem 0;overflow:hidden}
.hc-bar-fill{position:absolute;left:0;top:.2rem;bottom:.2rem;background:#ffb300;border-radius:.2rem}
.hc-bar-range{position:absolute;top:0;bottom:0;background:#b39ddb}
@media (max-width:40rem){
body{margin:1rem auto;padding:0 .75rem}
table.hc-stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
table.hc-stack,table.hc-stack tbody,table.hc-stack tr,table.hc-stack td{display:block;width:100%}
table.hc-stack tr{border-bottom:1px solid #ddd;padding:.4rem 0}
table.hc-stack td{border:0;padding:.1rem 0;text-align:left}
table.hc-stack td[data-label]:not(:first-child)::before{content:attr(data-label);color:#5c5c5c}
}
"""


def render_html(report: Report, strings: dict, locale: str = "en", base_url: str = "/") -> str:
    """A standalone page: inline CSS and inline SVG, no external requests; readable from a phone's width up."""
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
        parts.append(_attention_bars(report, strings, locale, base_url))
    numeric = ("col_votes", "col_helpful", "col_score")
    head = "".join(("<th class=\"n\">" if h in numeric else "<th>") + e(_s(strings, "feedback.report." + h)) + "</th>"
                   for h in _ARTICLE_COLUMNS)
    # Shown before each value when a phone stacks the table's cells.
    names = {h: e(_labelled(strings, _s(strings, "feedback.report." + h))) for h in _ARTICLE_COLUMNS}
    rows = []
    for entry in report.articles:
        label = e(_article_label(entry, report, locale))
        if entry.url:
            label = f"<a href=\"{e(base_url + entry.url)}\">{label}</a>"
        reasons = e(_s(strings, "feedback.report.separator")).join(
            f"{e(_reason_label(strings, c))} ({n})" for c, n in entry.reasons.most_common(3))
        rows.append(f"<tr><td data-label=\"{names['col_article']}\">{label}</td>"
                    f"<td data-label=\"{names['col_locale']}\">{e(entry.locale)}</td>"
                    f"<td class=\"n\" data-label=\"{names['col_votes']}\">{entry.votes}</td>"
                    f"<td class=\"n\" data-label=\"{names['col_helpful']}\">{_percent(entry.share)}</td>"
                    f"<td class=\"n\" data-label=\"{names['col_score']}\">{_percent(entry.failing_score)}</td>"
                    + (f"<td data-label=\"{names['col_reasons']}\">{reasons}</td>" if reasons else "<td></td>") + "</tr>")
    parts.append(f"<table class=\"hc-stack\"><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")

    def totals(heading_key: str, first_column_key: str, rows: list[tuple[str, int, int]]) -> str:
        return (f"<h2>{e(_s(strings, heading_key))}</h2><table><thead><tr>"
                f"<th>{e(_s(strings, first_column_key))}</th><th class=\"n\">{e(_s(strings, 'feedback.report.col_votes'))}</th>"
                f"<th class=\"n\">{e(_s(strings, 'feedback.report.col_helpful'))}</th></tr></thead><tbody>"
                + "".join(f"<tr><td>{e(name)}</td><td class=\"n\">{v}</td><td class=\"n\">{_percent(h / v)}</td></tr>"
                          for name, v, h in rows) + "</tbody></table>")

    if report.categories:
        parts.append(totals("feedback.report.categories", "feedback.report.col_category",
                            [(_category_label(report, strings, c, locale), v, h) for c, v, h in report.categories]))
    parts.append(totals("feedback.report.locales", "feedback.report.col_locale", report.locales))
    if report.reasons:
        parts.append(f"<h2>{e(_s(strings, 'feedback.report.reasons'))}</h2>{_reason_bars(report, strings)}")
    if report.comments:
        commented = [entry for entry in report.articles if entry.comments]
        if commented:
            parts.append(f"<h2>{e(_s(strings, 'feedback.report.comments'))}</h2>")
            for entry in commented:
                items = "".join(
                    f"<li><time>{e(at[:10])}</time>{e(_labelled(strings, ' — ' + _reason_label(strings, reason) if reason else ''))}"
                    f"{e(text)}</li>"
                    for at, reason, text in entry.comments)
                parts.append(f"<h3>{e(_article_label(entry, report, locale))} ({e(entry.locale)})</h3>"
                             f"<ul class=\"hc-report-comments\">{items}</ul>")
    parts.append("</body>\n</html>\n")
    return "\n".join(parts)
