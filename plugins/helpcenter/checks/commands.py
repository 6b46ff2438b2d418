"""`helpcenter check`: the quality gates for writers (before each commit) and CI."""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from .findings import GATES, sort_findings


def _run_check(args) -> int:
    from .external import external_findings
    from .run import check_site, check_sources, load_settings

    started = time.perf_counter()
    if args.a11y and not args.site:
        print("error: --a11y checks a built site: add --site DIR (build it with `mkdocs build -d DIR`).", file=sys.stderr)
        return 2
    if args.site and not Path(args.site, "index.html").is_file():
        print(f"error: {args.site} is not a built site (no index.html): build it with `mkdocs build -d {args.site}`.",
              file=sys.stderr)
        return 2
    settings = load_settings(args.config)
    report = check_sources(settings)
    findings = list(report.findings)
    scope = f"{report.files} Markdown files in {report.locales} languages"
    if args.site:
        site_findings, site_pages = check_site(settings, args.site, report.space)
        findings += site_findings
        scope += f", {site_pages} built pages in {args.site}"
    if args.a11y:
        from .accessibility import audit_site
        if report.hc is None:
            print("error: fix the content errors above before the accessibility check.", file=sys.stderr)
        else:
            try:
                findings += audit_site(report.hc, args.site, args.site.rstrip("/"))
            except RuntimeError as error:
                print(f"error: {error}", file=sys.stderr)
                return 2
        scope += ", accessibility of every kind of page in every language"
    if args.external:
        findings += external_findings(report.external, timeout=settings.options.external_timeout)
    findings = sort_findings(findings)

    for finding in findings:
        print(finding)
    if args.list_external:
        for link in sorted(report.external, key=lambda link: (link.url, link.src)):
            print(f"{link.src}:{link.line or ''}: {link.url}")
    counts = Counter(f.gate for f in findings)
    elapsed = time.perf_counter() - started
    if findings:
        per_gate = ", ".join(f"{gate} {counts[gate]}" for gate in GATES if counts[gate])
        print(f"helpcenter check: {len(findings)} problem{'s' if len(findings) != 1 else ''} ({per_gate}) in {scope}; "
              f"{elapsed:.1f} s.", file=sys.stderr)
    else:
        print(f"helpcenter check: no problems in {scope}; {elapsed:.1f} s.", file=sys.stderr)
    if not args.external:
        unique = len({link.url for link in report.external})
        print(f"External links: {unique} (not fetched; --list-external lists them, --external checks them).",
              file=sys.stderr)
    return 1 if findings else 0


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "check", help="check links, unsafe content, structure and HTML (add --site DIR for a built site)",
        description="Quality gates: links and anchors, content safety, page structure and HTML. Without --site "
                    "only the Markdown is read (no build).")
    parser.add_argument("--config", default="mkdocs.yml", help="path to mkdocs.yml")
    parser.add_argument("--site", metavar="DIR", help="also check this built site's HTML (links, anchors, ids, H1)")
    parser.add_argument("--a11y", action="store_true",
                        help="with --site: run axe-core in headless Chromium on every kind of page of every locale")
    parser.add_argument("--external", action="store_true", help="also fetch every external link (slow; not for CI)")
    parser.add_argument("--list-external", action="store_true", help="list external links and where they are written")
    parser.set_defaults(func=_run_check)
