"""Search as a reader sees it, measured in headless Chromium on built sites.

For each site and locale it reports:
- first result: ms from navigation start to the first result on screen, for a query typed into the search
  box as soon as the page is interactive (DOMContentLoaded, also reported), median and slowest of --runs
  cold loads;
- payload: bytes the locale's search downloads (index and scripts), raw and gzip;
- query latency: ms from a query message to the worker's result (median and 95th percentile), once loaded.

Sites measured: our corpus (the shipped docs), and a synthetic corpus of --articles articles per locale
(written by scripts/bench_build.py's generator), each built with the prebuilt index and with the index built
in the browser, and optionally (--baseline) with plain Material + static-i18n.

    .venv/bin/python scripts/bench_search.py                      # our corpus only
    .venv/bin/python scripts/bench_search.py --articles 1000 --locales 11 --baseline
    .venv/bin/python scripts/bench_search.py --page-floor --runs 15  # the page's own start, without search
"""

from __future__ import annotations

import argparse
import copy
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from helpcenter.static_server import serve_directory

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("HELPCENTER_CHROMIUM", "/usr/bin/chromium")
OUR_SCRIPTS = ["assets/javascripts/search-start.js", "assets/javascripts/search.js",
               "assets/javascripts/search-worker.js", "assets/javascripts/search-analysis.js",
               "assets/javascripts/search-engine.js",
               "assets/javascripts/vendor/lunr.js"]
ALL_LOCALES = ["en", "zh", "zh-TW", "ja", "ko", "ru", "es", "vi", "tr", "pt", "fr"]


# -- building ---------------------------------------------------------------------------------------------

def build(config: dict | None, root: Path, site: Path, name: str) -> float:
    """Build `config` (written to root/mkdocs-<name>.yml), or root/mkdocs.yml when config is None."""
    config_file = root / (f"mkdocs-{name}.yml" if config is not None else "mkdocs.yml")
    if config is not None:
        config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_file), "-d", str(site)],
                            capture_output=True, text=True, cwd=root, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    if result.returncode != 0:
        raise SystemExit(f"build {name} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return time.perf_counter() - start


def _name(entry) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


def with_search_options(config: dict, **options) -> dict:
    config = copy.deepcopy(config)
    config["plugins"] = [{"helpcenter-search": {**(e.get("helpcenter-search") or {} if isinstance(e, dict) else {}),
                                                **options}} if _name(e) == "helpcenter-search" else e
                         for e in config["plugins"]]
    return config


sys.path.insert(0, str(ROOT / "scripts"))


def synthetic_configs(root: Path, articles: int, locale_count: int) -> tuple[dict, dict, list[str]]:
    """(our config, plain Material config, locales) for a synthetic corpus written under root."""
    import bench_build  # the corpus generator of the build benchmark

    corpus = bench_build.write_corpus(root, articles, locale_count)
    ours = bench_build.our_config(root, corpus.locales)
    synonyms = yaml.safe_load((ROOT / "docs" / "search-synonyms.yml").read_text(encoding="utf-8"))
    (root / "search-synonyms.yml").write_text(yaml.safe_dump(
        {k: v for k, v in synonyms.items() if k == "all" or k in corpus.locales}, allow_unicode=True), encoding="utf-8")
    ours = with_search_options(ours, synonyms="search-synonyms.yml")
    return ours, bench_build.plain_config(root, corpus.locales), corpus.locales


# -- measuring --------------------------------------------------------------------------------------------

def serve(site: Path) -> str:
    return serve_directory(site)[0]


def _size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, compresslevel=6))


def payload(site: Path, locale: str, ours: bool) -> dict:
    """Bytes the search of one locale's pages downloads: its index and the scripts only search needs."""
    folder = site / ("" if locale == "en" else locale) / "search"
    if ours:
        index = next((folder / n for n in ("helpcenter_index.json", "helpcenter_docs.json") if (folder / n).exists()))
        scripts = [site / s for s in OUR_SCRIPTS if (site / s).exists()]  # sites built before a script existed
    else:
        index = site / "search" / "search_index.json"  # static-i18n's merged index, for every locale
        scripts = sorted((site / "assets/javascripts/workers").glob("search.*.min.js"))
    index_raw, index_gz = _size(index)
    script_sizes = [_size(p) for p in scripts]
    return {"index_raw": index_raw, "index_gzip": index_gz,
            "scripts_raw": sum(s[0] for s in script_sizes), "scripts_gzip": sum(s[1] for s in script_sizes)}


def sample_queries(site: Path, locale: str, ours: bool, count: int = 12) -> list[str]:
    """Words from the locale's own titles, as a reader would type them."""
    folder = site / ("" if locale == "en" else locale) / "search"
    own = (folder / "search_index.json").exists()  # the locale's own index lists locations relative to its root
    path = folder / "search_index.json" if own else site / "search/search_index.json"
    docs = json.loads(path.read_text(encoding="utf-8"))["docs"]
    prefix = "" if locale == "en" else f"{locale}/"
    titles = [d["title"].replace("\u200b", "") for d in docs
              if "#" not in d["location"] and (own or d["location"].startswith(prefix))
              and (own or locale != "en" or not re.match(r"[a-z]{2}(-[A-Z]{2})?/", d["location"]))]
    queries = []
    for title in titles[:: max(1, len(titles) // count)][:count]:
        if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", title):
            run = re.findall(r"[\u3040-\u30ff\u4e00-\u9fff]+", title)[0]
            queries.append(run[:4])
        else:
            words = [w for w in re.findall(r"\w+", title) if len(w) >= 4] or title.split()[:1]
            queries.append(" ".join(words[:2]))
    return [q for q in queries if q]


# Types the query the moment the page is interactive (DOMContentLoaded) from inside the page, so the time
# the test harness takes to reach the page is not counted, and notes when the first result is on screen.
_TYPE_AT_INTERACTIVE = """(query) => {
  window.__firstResult = null;
  new MutationObserver((changes, observer) => {
    if (document.querySelector(".md-search-result__item")) {
      window.__firstResult = performance.now();
      observer.disconnect();
    }
  }).observe(document, {childList: true, subtree: true});
  document.addEventListener("DOMContentLoaded", () => setTimeout(() => {
    const box = document.querySelector("input.md-search__input");
    box.focus();
    box.value = query;
    box.dispatchEvent(new KeyboardEvent("keyup", {key: "End", bubbles: true}));
  }));
}"""


def first_result_ms(browser, url: str, query: str, runs: int) -> tuple[float, float, float]:
    """(first result, DOMContentLoaded) in ms after navigation start, medians of `runs` cold loads, and the
    slowest first result."""
    times, interactive = [], []
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.add_init_script(f"({_TYPE_AT_INTERACTIVE})({json.dumps(query)})")
        page.goto(url, wait_until="domcontentloaded")
        page.wait_for_function("window.__firstResult !== null", timeout=120_000)
        times.append(page.evaluate("window.__firstResult"))
        interactive.append(page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"))
        context.close()
    return statistics.median(times), statistics.median(interactive), max(times)


_LATENCY_JS = """async ({queries, setup}) => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const worker = new Worker(config.search);
  const next = type => new Promise(resolve => {
    const listen = event => { if (event.data.type === type) { worker.removeEventListener("message", listen); resolve(event.data); } };
    worker.addEventListener("message", listen);
  });
  const ready = next(1);
  if (setup) {
    const index = await (await fetch(setup)).json();
    worker.postMessage({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}});
  }
  await ready;
  const times = [];
  for (const query of queries) {
    const start = performance.now();
    const result = next(3);
    worker.postMessage({type: 2, data: query});
    await result;
    times.push(performance.now() - start);
  }
  worker.terminate();
  return times;
}"""


def query_latency(browser, url: str, queries: list[str], setup: str | None) -> tuple[float, float]:
    context = browser.new_context()
    page = context.new_page()
    page.goto(url, wait_until="load")
    times = sorted(page.evaluate(_LATENCY_JS, {"queries": queries * 3, "setup": setup}))
    context.close()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def measure(browser, label: str, site: Path, locales: list[str], ours: bool, runs: int) -> list[dict]:
    base = serve(site)
    rows = []
    for locale in locales:
        url = base + ("" if locale == "en" else f"{locale}/")
        queries = sample_queries(site, locale, ours)
        row = {"site": label, "locale": locale, **payload(site, locale, ours)}
        row["first_result_ms"], row["interactive_ms"], row["first_result_slowest_ms"] = first_result_ms(
            browser, url, queries[0], runs)
        row["query_ms_median"], row["query_ms_p95"] = query_latency(
            browser, url, queries, None if ours else base + "search/search_index.json")
        rows.append(row)
        print(_line(row), flush=True)
    return rows


def _line(row: dict) -> str:
    kib = lambda n: f"{n / 1024:,.0f}"
    return (f"| {row['site']} | {row['locale']} | {row['first_result_ms']:,.0f} | "
            f"{row['first_result_slowest_ms']:,.0f} | {row['interactive_ms']:,.0f} | "
            f"{kib(row['index_raw'])} / {kib(row['index_gzip'])} | {kib(row['scripts_raw'])} / {kib(row['scripts_gzip'])} | "
            f"{row['query_ms_median']:.1f} / {row['query_ms_p95']:.1f} |")


# -- what the page costs before anyone can type -----------------------------------------------------------

_BUNDLE = re.compile(r'<script src="assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>')


def page_floor(browser, site: Path, runs: int) -> list[tuple[str, list[float]]]:
    """DOMContentLoaded of the home page as built, of the same page without Material's bundle, and of a blank
    page, in cold loads taken in turn (so load on the machine affects all three alike)."""
    work = Path(tempfile.mkdtemp(prefix="bench-floor-"))
    shutil.copytree(site, work / "site")
    home = (work / "site" / "index.html").read_text(encoding="utf-8")
    if not _BUNDLE.search(home):
        raise SystemExit("the home page does not load Material's bundle the way this script expects")
    (work / "site" / "without-material-js.html").write_text(_BUNDLE.sub("", home), encoding="utf-8")
    (work / "site" / "blank.html").write_text("<!doctype html><title>blank</title><p>blank</p>", encoding="utf-8")
    base = serve(work / "site")
    pages = [("home page as built", ""), ("home page without Material's bundle", "without-material-js.html"),
             ("blank page", "blank.html")]
    times: dict[str, list[float]] = {name: [] for name, _ in pages}
    for _ in range(runs):
        for name, path in pages:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.goto(base + path, wait_until="load")
            times[name].append(page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"))
            context.close()
    shutil.rmtree(work, ignore_errors=True)
    return list(times.items())


HEADER = ("| site | locale | first result (ms) | slowest first result (ms) | page interactive (ms) | "
          "index KiB raw / gzip | search scripts KiB raw / gzip | query ms median / p95 |\n"
          "|---|---|---|---|---|---|---|---|")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="an already built site of our corpus (default: build it)")
    parser.add_argument("--articles", type=int, default=0, help="also a synthetic corpus of this many articles per locale")
    parser.add_argument("--locales", type=int, default=11, help="how many locales the synthetic corpus has")
    parser.add_argument("--measure", default="en,zh,ja", help="locales to measure (comma separated)")
    parser.add_argument("--baseline", action="store_true", help="also plain Material + static-i18n (synthetic corpus)")
    parser.add_argument("--no-browser-built", action="store_true", help="skip the variant without a prebuilt index")
    parser.add_argument("--skip-ours", action="store_true", help="do not measure our corpus")
    parser.add_argument("--runs", type=int, default=3, help="cold page loads per measurement (median)")
    parser.add_argument("--reuse", action="store_true", help="measure sites already built under --keep again")
    parser.add_argument("--keep", type=Path, help="keep corpora and sites here (default: a temporary folder)")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON")
    parser.add_argument("--page-floor", action="store_true",
                        help="instead: DOMContentLoaded of our home page with and without Material's bundle, and of a "
                             "blank page (what any search waits for before the reader can type)")
    args = parser.parse_args(argv)

    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-search-"))
    work.mkdir(parents=True, exist_ok=True)
    if args.page_floor:
        return measure_page_floor(args.site or work / "ours-corpus", args.runs, build_site=args.site is None)
    measured = [loc for loc in args.measure.split(",") if loc]
    plan: list[tuple[str, Path, list[str], bool]] = []
    if not args.skip_ours:
        site = args.site
        if site is None:
            site = work / "ours-corpus"
            seconds = build(None, ROOT, site, "corpus")
            print(f"built our corpus in {seconds:.0f} s")
        plan.append(("our corpus, prebuilt", site, measured, True))
    if args.articles:
        root = work / f"synthetic-{args.articles}x{args.locales}"
        if not args.reuse:
            shutil.rmtree(root, ignore_errors=True)
            ours, plain, locales = synthetic_configs(root, args.articles, args.locales)
        else:
            import bench_build
            locales = [loc for loc in bench_build.LOCALES if (root / "docs" / loc).is_dir()]
            ours = with_search_options(bench_build.our_config(root, locales), synonyms="search-synonyms.yml")
            plain = bench_build.plain_config(root, locales)
        chosen = [loc for loc in measured if loc in locales]
        label = f"{args.articles}x{len(locales)}"
        variants = [("prebuilt", "prebuilt", {"prebuilt_index": True}, True)]
        if not args.no_browser_built:
            variants.append(("browser", "built in browser", {"prebuilt_index": False}, True))
        if args.baseline:
            variants.append(("plain", "plain Material + static-i18n", None, False))
        for name, title, options, ours_variant in variants:
            site = root / f"site-{name}"
            if not (args.reuse and site.is_dir()):
                config = with_search_options(ours, **options) if options is not None else plain
                seconds = build(config, root, site, name)
                print(f"built {label}, {title}, in {seconds:.0f} s", flush=True)
            plan.append((f"{label}, {title}", site, chosen, ours_variant))

    from playwright.sync_api import sync_playwright

    rows = []
    print(HEADER, flush=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for label, site, locales, ours in plan:
            rows += measure(browser, label, site, locales, ours, args.runs)
        browser.close()
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0


def measure_page_floor(site: Path, runs: int, build_site: bool) -> int:
    if build_site:
        print(f"built our corpus in {build(None, ROOT, site, 'corpus'):.0f} s")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        rows = page_floor(browser, site, runs)
        browser.close()
    print(f"| page | DOMContentLoaded ms, median of {runs} | fastest – slowest |\n|---|---:|---|")
    for name, times in rows:
        print(f"| {name} | {statistics.median(times):,.0f} | {min(times):,.0f} – {max(times):,.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
