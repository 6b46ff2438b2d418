"""A finding: one problem a gate found, with where it is and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass

# Gates in the order they are reported.
GATES = ("structure", "safety", "links", "html", "a11y")


@dataclass(frozen=True)
class Finding:
    gate: str  # one of GATES
    path: str  # as writers see it, e.g. "docs/zh/security/enable-2fa.md" or "site/zh/security/enable-2fa/index.html"
    message: str
    line: int | None = None
    fix: str = ""

    @property
    def where(self) -> str:
        return self.path if self.line is None else f"{self.path}:{self.line}"

    def __str__(self) -> str:
        return f"{self.where}: [{self.gate}] {self.message}" + (f" Fix: {self.fix}" if self.fix else "")


def sort_findings(findings) -> list[Finding]:
    """By file, then line, then gate: a writer fixes one file from top to bottom."""
    unique = dict.fromkeys(findings)  # the same problem reached twice is reported once
    return sorted(unique, key=lambda f: (f.path, f.line or 0, GATES.index(f.gate) if f.gate in GATES else 99, f.message))
