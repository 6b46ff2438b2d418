"""HTML that Markdown produces from a file: raw tags left open or closed twice, and ids used twice."""

from __future__ import annotations

from .findings import Finding
from .sources import SourcePage

GATE = "html"


def markup_findings(page: SourcePage) -> list[Finding]:
    findings = []
    for problem in page.parsed.problems:
        locator = page.lines.locator()
        line = [locator.find([problem.needle]) for _ in range(problem.occurrence)][-1]
        tag = problem.needle.strip("</>").split()[0] if problem.needle else "tag"
        fix = (f"add the missing </{tag}> where the element should end (raw HTML in Markdown is not closed for you)."
               if not problem.needle.startswith("</") else f"remove the extra </{tag}> or add the <{tag}> it closes.")
        findings.append(Finding(GATE, page.src, problem.message, line, fix))
    for identifier, elements in page.parsed.duplicate_ids().items():
        needles = [f"#{identifier}", f"id=\"{identifier}\"", f"id='{identifier}'", identifier]
        locator = page.lines.locator()
        lines = [locator.find(needles) for _ in elements]  # the second use is the one to change
        line = lines[1] if lines[1] != lines[0] else lines[0]
        findings.append(Finding(GATE, page.src, f"id '{identifier}' is used {len(elements)} times on this page.", line,
                                "give each element its own id: a link to #" + identifier + " can only reach one."))
    return findings
