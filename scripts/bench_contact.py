"""The contact page as a reader uses it, measured on a built site.

Reports, per locale:
- page data: bytes of the contact page's data attribute (articles, channels, strings), raw and gzip;
- index: ms to download and prepare the locale's search index for suggestions (median of --runs cold loads);
- ranking: ms per keystroke to rank suggestions (median and 95th percentile over --runs rounds of the queries);
and, in Python, µs per channel URL filled for a 5,000-character description cut to fit 2,000 characters.

    NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs build --strict -d /tmp/site
    .venv/bin/python scripts/bench_contact.py /tmp/site
"""

from __future__ import annotations

import argparse
import gzip
import html
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from helpcenter.contact.templating import Limits, fill  # noqa: E402
from helpcenter.static_server import serve_directory  # noqa: E402

QUERIES = {
    "en": ["my account was hacked", "withdrawal pending", "2fa lost phone", "deposit not arrived memo"],
    "zh": ["账户被盗", "提币一直没到账", "忘记密码", "合约爆仓"],
    "ja": ["アカウント 乗っ取り", "出金 遅い", "パスワード", "二段階認証"],
    "fr": ["compte piraté", "retrait en attente", "mot de passe", "frais de trading"],
}


def serve(site: Path) -> str:
    return serve_directory(site)[0]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def bench_fill(rounds: int) -> float:
    template = "https://support.quillfeather.example/hc/{locale}/requests/new?tf_subject={subject}&tf_description={query}"
    typed = ("提币 & 充值 #42 \"urgent\"\n" * 300)[:5000]
    start = time.perf_counter()
    for _ in range(rounds):
        fill(template, {"locale": "zh", "query": typed}, Limits(query=5000, url=2000))
    return (time.perf_counter() - start) / rounds * 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path, help="a built site (mkdocs build -d DIR)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    base = serve(args.site)
    print(f"{'locale':8} {'data raw':>9} {'data gz':>8} {'index ms':>9} {'rank p50':>9} {'rank p95':>9}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
        for locale, queries in QUERIES.items():
            url = base + ("" if locale == "en" else f"{locale}/") + "contact/"
            page_html = (args.site / ("" if locale == "en" else locale) / "contact" / "index.html").read_text(encoding="utf-8")
            data = html.unescape(re.search(r"data-hc-contact='([^']*)'", page_html).group(1)).encode("utf-8")
            loads, ranks = [], []
            for _ in range(args.runs):
                context = browser.new_context()
                page = context.new_page()
                page.goto(url)
                timing = page.evaluate("""async queries => {
                    const data = JSON.parse(document.getElementById('hc-contact').getAttribute('data-hc-contact'));
                    const base = new URL(document.getElementById('hc-page').dataset.base.replace(/\\/?$/, '/'), location.href);
                    const start = performance.now();
                    const index = await (await fetch(new URL(data.search_indexes[0], base))).json();
                    const corpus = hcContact.buildCorpus(data.articles, hcContact.sectionsFromIndex(index, data, true));
                    const load = performance.now() - start;
                    const ranks = [];
                    for (const query of queries) {
                      for (let end = 1; end <= query.length; end++) {   // every keystroke
                        const t = performance.now();
                        hcContact.rankArticles(corpus, query.slice(0, end), {topic: null, limit: 5});
                        ranks.push(performance.now() - t);
                      }
                    }
                    return {load, ranks};
                }""", queries)
                loads.append(timing["load"])
                ranks.extend(timing["ranks"])
                context.close()
            print(f"{locale:8} {len(data):>9} {len(gzip.compress(data)):>8} {statistics.median(loads):>9.1f} "
                  f"{statistics.median(ranks):>9.2f} {percentile(ranks, 0.95):>9.2f}")
        browser.close()
    print(f"fill(): {bench_fill(2000):.0f} µs per URL (5,000 characters typed, cut to fit 2,000)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
