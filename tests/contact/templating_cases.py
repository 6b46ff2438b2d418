"""The shared URL templating cases (tests/contact/cases/templating.json), expanded for Python and the browser."""

from __future__ import annotations

import json
from pathlib import Path

CASES_FILE = Path(__file__).parent / "cases" / "templating.json"


def _expand(value):
    if isinstance(value, dict) and "repeat" in value:
        return value.get("repeat_url", "") + value["repeat"] * value["times"] + value.get("then", "")
    return value


def templating_cases() -> list[dict]:
    cases = []
    for case in json.loads(CASES_FILE.read_text(encoding="utf-8"))["cases"]:
        expanded = dict(case)
        expanded["context"] = {key: _expand(value) for key, value in case["context"].items()}
        if "url" in case:
            expanded["url"] = _expand(case["url"])
        cases.append(expanded)
    return cases
