"""How long `helpcenter check` takes: the source checks a writer runs before each commit, and the site checks.

    .venv/bin/python scripts/bench_checks.py                  # source checks on the shipped content, 5 runs
    .venv/bin/python scripts/bench_checks.py --site DIR       # also the checks of a built site (mkdocs build -d DIR)

Each run is a fresh `helpcenter check` process, as a writer starts it (Python start-up and imports included).
Prints the median and the range of wall-clock seconds, and the machine's load average for context.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(args: list[str]) -> float:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "helpcenter.cli", "check", *args], cwd=ROOT,
                            capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"helpcenter check {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return elapsed


def report(label: str, args: list[str], runs: int) -> None:
    times = [timed(args) for _ in range(runs)]
    print(f"| {label} | {runs} | {statistics.median(times):.2f} | {min(times):.2f}–{max(times):.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--site", help="a built site to check as well")
    args = parser.parse_args()
    markdown_files = sum(1 for _ in (ROOT / "docs").rglob("*.md"))
    print(f"{markdown_files} Markdown files; load average before: {os.getloadavg()[0]:.2f}; {os.cpu_count()} cores\n")
    print("| command | runs | median s | range s |\n| --- | --- | --- | --- |")
    report("helpcenter check", [], args.runs)
    if args.site:
        pages = sum(1 for _ in Path(args.site).rglob("*.html"))
        report(f"helpcenter check --site ({pages} pages)", ["--site", str(Path(args.site).resolve())], max(1, args.runs // 2))
    print(f"\nload average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
