"""`helpcenter feedback export`: every stored vote as CSV or JSON."""

from __future__ import annotations

import csv
import json
from typing import IO

from .votes import COLUMNS

# Spreadsheets run a cell that starts with one of these as a formula; readers' comments must stay text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def write_export(records: list[dict], out: IO[str], fmt: str) -> None:
    if fmt == "json":
        json.dump(records, out, ensure_ascii=False, indent=1)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for record in records:
            writer.writerow([_csv_cell(record[name]) for name in COLUMNS])
    else:
        raise ValueError(f"unknown format '{fmt}': use csv or json")
