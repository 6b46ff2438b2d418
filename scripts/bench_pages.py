"""Page-load benchmark: Lighthouse (mobile profile, simulated slow 4G) on the built site as the project's server
serves it (`helpcenter feedback serve --serve-site`: precompressed copies, cache lifetimes, CSP).

For each locale it measures the home page, a category page, an article, a fallback article (one the locale shows
in the default locale's language, if it has any) and the contact page, and writes a Markdown table (the four
category scores, LCP, TBT, CLS, bytes transferred) into docs/en/team/build-performance.md, between the
`bench_pages` markers (added at the end the first time).

Lighthouse comes from npm at a pinned version, installed into a folder of its own (`npm install --prefix`);
Chromium is Debian's (/usr/bin/chromium), headless.

    .venv/bin/python scripts/bench_pages.py                       # site/, en zh ja fr
    .venv/bin/python scripts/bench_pages.py --site /tmp/site --locales en,zh --no-write
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE_VERSION = "12.8.2"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update"]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGE = ROOT / "docs" / "en" / "team" / "build-performance.md"
START, END = "<!-- bench_pages:start -->", "<!-- bench_pages:end -->"


def ensure_lighthouse(folder: Path) -> Path:
    binary = folder / "node_modules" / ".bin" / "lighthouse"
    installed = folder / "node_modules" / "lighthouse" / "package.json"
    if not (binary.exists() and json.loads(installed.read_text())["version"] == LIGHTHOUSE_VERSION):
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(folder), f"lighthouse@{LIGHTHOUSE_VERSION}",
                        "--no-audit", "--no-fund"], check=True)
    return binary


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(site: Path, port: int, db: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "plugins"))
    server = subprocess.Popen([sys.executable, "-m", "helpcenter.cli", "feedback", "serve", "--serve-site",
                               "--site", str(site), "--db", str(db), "--port", str(port), "--log-level", "warning"],
                              env=env)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the site server did not start")


def pages_to_measure(site: Path, locales: list[str]) -> list[tuple[str, str, str]]:
    """(locale, kind, path) for each page to measure; a fallback article from the locale, else from any locale."""
    catalogue = json.loads((site / "articles.json").read_text(encoding="utf-8"))
    default = catalogue["default_locale"]
    fallbacks = [a for a in catalogue["articles"] if a.get("state") not in (None, "translated")
                 and a["locale"] != default]
    pages = []
    for locale in locales:
        prefix = "" if locale == default else f"{locale}/"
        category = next(c for c in catalogue["categories"] if c["locale"] == locale)
        article = next(a for a in catalogue["articles"] if a["locale"] == locale and a.get("state") == "translated")
        pages += [(locale, "home", prefix), (locale, "category", category["url"] if category["url"].startswith(prefix)
                                             else prefix + category["url"]),
                  (locale, "article", _in_locale(article["url"], prefix))]
        fallback = next((a for a in fallbacks if a["locale"] == locale), None)
        if fallback is not None:
            pages.append((locale, "fallback article", _in_locale(fallback["url"], prefix)))
        pages.append((locale, "contact", prefix + "contact/"))
    if not any(kind == "fallback article" for _, kind, _ in pages) and fallbacks:
        other = fallbacks[0]
        prefix = "" if other["locale"] == default else f"{other['locale']}/"
        pages.append((other["locale"], "fallback article", _in_locale(other["url"], prefix)))
    return pages


def _in_locale(url: str, prefix: str) -> str:
    return url if url.startswith(prefix) else prefix + url


def measure(lighthouse: Path, url: str, output: Path) -> dict:
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    subprocess.run([str(lighthouse), url, "--quiet", "--output=json", f"--output-path={output}",
                    f"--only-categories={','.join(CATEGORIES)}", "--form-factor=mobile",
                    "--throttling-method=simulate", f"--chrome-flags={' '.join(CHROME_FLAGS)}"],
                   check=True, env=env)
    report = json.loads(output.read_text(encoding="utf-8"))
    audits = report["audits"]
    return {
        **{name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES},
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "bytes": audits["total-byte-weight"]["numericValue"],
    }


def table(rows: list[tuple[str, str, str, dict]]) -> str:
    lines = ["| locale | page | performance | accessibility | best practices | SEO | LCP | TBT | CLS | transferred |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for locale, kind, path, r in rows:
        lines.append(f"| {locale} | {kind} (`/{path}`) | {r['performance']} | {r['accessibility']} | "
                     f"{r['best-practices']} | {r['seo']} | {r['lcp']:.1f} s | {r['tbt']:.0f} ms | "
                     f"{r['cls']:.3f} | {r['bytes'] / 1024:.0f} KiB |")
    return "\n".join(lines)


def write_section(text: str, page: Path = PAGE) -> None:
    content = page.read_text(encoding="utf-8")
    block = f"{START}\n{text}\n{END}"
    if START in content and END in content:
        content = content[:content.index(START)] + block + content[content.index(END) + len(END):]
    else:
        content = content.rstrip("\n") + "\n\n## Page load (Lighthouse)\n\n" + block + "\n"
    page.write_text(content, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (mkdocs build)")
    parser.add_argument("--locales", default="en,zh,ja,fr")
    parser.add_argument("--lighthouse-dir", type=Path, default=ROOT / ".cache" / "lighthouse",
                        help="where npm installs Lighthouse (default .cache/lighthouse)")
    parser.add_argument("--no-write", action="store_true", help="print the table only")
    args = parser.parse_args()
    if not (args.site / "articles.json").is_file():
        raise SystemExit(f"{args.site} is not a built site: run `mkdocs build` (or pass --site)")
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} not found: apt-get install chromium")
    lighthouse = ensure_lighthouse(args.lighthouse_dir)
    port = free_port()
    work = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    server = start_server(args.site, port, work / "votes.sqlite3")
    rows = []
    try:
        for locale, kind, path in pages_to_measure(args.site, [c.strip() for c in args.locales.split(",")]):
            result = measure(lighthouse, f"http://127.0.0.1:{port}/{path}", work / "report.json")
            rows.append((locale, kind, path, result))
            print(f"{locale:6} {kind:17} perf {result['performance']:3}  a11y {result['accessibility']:3}  "
                  f"bp {result['best-practices']:3}  seo {result['seo']:3}  LCP {result['lcp']:.1f} s  "
                  f"TBT {result['tbt']:.0f} ms  CLS {result['cls']:.3f}  {result['bytes'] / 1024:.0f} KiB",
                  flush=True)
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)
    load = os.getloadavg()[0]
    text = (f"Lighthouse {LIGHTHOUSE_VERSION}, mobile profile (simulated slow 4G, 4x CPU slowdown), headless "
            f"Debian Chromium, against `helpcenter feedback serve --serve-site` on loopback; load average "
            f"{load:.1f} while measuring. `python scripts/bench_pages.py --site <built site>`:\n\n" + table(rows))
    print(text)
    if not args.no_write:
        write_section(text)


if __name__ == "__main__":
    main()
