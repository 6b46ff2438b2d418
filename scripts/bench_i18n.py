"""Translation-state benchmark: how long the one git log and the state of every translation take.

Measures the shipped help center, then synthetic repositories of ARTICLES English articles translated into
LOCALES locales with COMMITS later English edits (random files, random Translation-Impact), each with
translations marked at random points of the history:

    .venv/bin/python scripts/bench_i18n.py --sizes 200x10x300,1000x10x1000

Prints a Markdown table: git log seconds, state seconds (model excluded), median of --runs runs.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from helpcenter.articles.history import docs_log  # noqa: E402
from helpcenter.articles.model import load_help_center  # noqa: E402
from helpcenter.i18n.translation import translation_report  # noqa: E402
from helpcenter.project import load_model, load_project  # noqa: E402

GIT_ENV = dict(os.environ, GIT_AUTHOR_NAME="Bench", GIT_AUTHOR_EMAIL="bench@example.com",
               GIT_COMMITTER_NAME="Bench", GIT_COMMITTER_EMAIL="bench@example.com")
LOCALE_CODES = ["en", "zh", "ja", "ko", "es", "ru", "zh-TW", "pt", "fr", "tr", "vi"]


def git(repo: Path, *args: str, stdin: str | None = None) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          env=GIT_ENV, input=stdin).stdout


def article(article_id: int, text: str, revision: str | None = None) -> str:
    extra = f"source_revision: {revision}\n" if revision else ""
    return (f"---\nid: {article_id}\ntitle: Article {article_id}\ndescription: About {article_id}.\n"
            f"category: general\n{extra}---\n\n{text}\n")


def synthetic(root: Path, articles: int, locales: int, commits: int, seed: int = 7) -> tuple[Path, list[str]]:
    rng = random.Random(seed)
    docs = root / "docs"
    codes = LOCALE_CODES[:locales]
    for code in codes:
        (docs / code / "general").mkdir(parents=True)
        (docs / code / "general" / "index.md").write_text("---\ntitle: General\n---\n", encoding="utf-8")
    for i in range(articles):
        (docs / "en" / "general" / f"a{i}.md").write_text(article(1000 + i, f"Version 0 of {i}."), encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Initial articles")
    history = [git(root, "rev-parse", "HEAD").strip()]
    for n in range(commits):
        i = rng.randrange(articles)
        path = docs / "en" / "general" / f"a{i}.md"
        path.write_text(article(1000 + i, f"Version {n + 1} of {i}."), encoding="utf-8")
        impact = rng.choice(["none", "minor", "major", ""])
        message = f"Edit {i}" + (f"\n\nTranslation-Impact: {impact}" if impact else "")
        git(root, "commit", "-q", "-a", "-m", message)
        history.append(git(root, "rev-parse", "HEAD").strip())
    for code in codes[1:]:
        for i in range(articles):
            if rng.random() < 0.7:
                revision = rng.choice(history)
                (docs / code / "general" / f"a{i}.md").write_text(article(1000 + i, f"翻译 {i}", revision),
                                                                 encoding="utf-8")
    return docs, codes


def measure(docs: Path, codes: list[str], runs: int, hc=None) -> tuple[float, float, int]:
    hc = hc or load_help_center(docs, codes, "en")
    log_times, state_times = [], []
    for _ in range(runs):
        start = time.perf_counter()
        log = docs_log(docs)
        log_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        report = translation_report(hc, log, docs)
        state_times.append(time.perf_counter() - start)
    outdated = sum(1 for s in report.statuses.values() if s.state == "outdated")
    return statistics.median(log_times), statistics.median(state_times), outdated


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="200x10x300", help="ARTICLESxLOCALESxCOMMITS, comma separated")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print("| Corpus | Translations | Commits | git log (s) | State (s) | Outdated |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    project = load_project(ROOT / "mkdocs.yml")
    hc = load_model(project)
    log_s, state_s, outdated = measure(project.docs_dir, project.locales, args.runs, hc)
    commits = len(docs_log(project.docs_dir).commits)
    translations = sum(1 for (loc, _) in hc.articles if loc != hc.default_locale)
    print(f"| shipped ({len(hc.ids())} articles x {len(project.locales)} locales) | {translations} | {commits} | "
          f"{log_s:.3f} | {state_s:.3f} | {outdated} |")
    for size in args.sizes.split(","):
        articles, locales, commits = (int(x) for x in size.split("x"))
        with tempfile.TemporaryDirectory() as tmp:
            docs, codes = synthetic(Path(tmp), articles, locales, commits)
            hc = load_help_center(docs, codes, "en")
            log_s, state_s, outdated = measure(docs, codes, args.runs, hc)
            translations = sum(1 for (loc, _) in hc.articles if loc != "en")
            print(f"| synthetic {articles} x {locales} | {translations} | {commits} | {log_s:.3f} | {state_s:.3f} | "
                  f"{outdated} |")


if __name__ == "__main__":
    main()
