"""Page structure: complete front matter (the article model's own validation), one H1, no skipped heading level."""

from __future__ import annotations

from ..articles.model import ContentErrors
from .findings import Finding
from .sources import SourcePage

GATE = "structure"


def model_findings(errors: ContentErrors) -> list[Finding]:
    """The article model's content errors (front matter, ids, categories, translations) as findings."""
    return [content_error_finding(error) for error in errors.errors]


def content_error_finding(error) -> Finding:
    message = f"field '{error.field}': {error.message}" if error.field else error.message
    return Finding(GATE, error.path, message, error.line, error.fix)


def heading_findings(page: SourcePage, title_is_h1: bool) -> list[Finding]:
    """Material (or our template) shows the page title as an H1 above the body, so body headings start at H2.
    With `title_is_h1` (articles, home, categories: the title is front matter or the template's) an H1 in the
    body is a second one; other pages may replace the title with one H1 of their own."""
    findings = []
    previous = 1
    h1_seen = title_is_h1
    for position, heading in enumerate(page.parsed.headings):
        level = heading.level
        line = page.heading_line(position)
        shown = f"'{heading.text}'" if heading.text else f"<h{level}>"
        if level == 1 and h1_seen:
            fix = ("delete this heading: the page title (front matter 'title') is already the page's H1; "
                   "start sections with '## '.") if title_is_h1 else "make it '## …': a page has one H1."
            findings.append(Finding(GATE, page.src, f"second H1 {shown}.", line, fix))
        elif level > previous + 1:
            findings.append(Finding(GATE, page.src, f"H{level} {shown} follows H{previous}: it skips a level.", line,
                                    f"make it H{previous + 1} ('{'#' * (previous + 1)} …'), or add the missing "
                                    f"H{previous + 1} section above it."))
        h1_seen = h1_seen or level == 1
        previous = level
    return findings
