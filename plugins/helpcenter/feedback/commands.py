"""`helpcenter feedback serve|export|report`: the collector, the raw votes and the report."""

from __future__ import annotations

import datetime as _dt
import sys
from pathlib import Path


def _run_serve(args) -> int:
    from .collector import CollectorSettings, parse_trusted_proxy, serve

    if args.serve_site and not args.site:
        print("error: --serve-site needs --site DIR (the built site to serve)", file=sys.stderr)
        return 2
    try:
        settings = CollectorSettings(
            db=args.db, site=args.site, allow_origins=args.allow_origin or [], rate_limit=args.rate_limit,
            serve_site=args.serve_site, trusted_proxies=[parse_trusted_proxy(t) for t in args.trusted_proxy or []],
            header_timeout=args.header_timeout, body_timeout=args.body_timeout,
            keep_alive_timeout=args.keep_alive_timeout, max_connections=args.max_connections,
            max_connections_per_client=args.max_connections_per_client)
        serve(settings, host=args.host, port=args.port, log_level=args.log_level)
    except (ValueError, OSError) as error:  # a wrong --db, --site or option: one line naming it, no traceback
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


def _run_export(args) -> int:
    from .export import write_export
    from .store import read_records

    try:
        records = read_records(args.db)
    except (FileNotFoundError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="") as out:
            write_export(records, out, args.format)
    else:
        write_export(records, sys.stdout, args.format)
    return 0


def _run_report(args) -> int:
    from .report import build_report, render_html, render_markdown, site_articles
    from .store import read_records

    try:
        records = read_records(args.db)
        catalogue = site_articles(args.site) if args.site else None
        since = _dt.date.fromisoformat(args.since) if args.since else None
    except (FileNotFoundError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    report = build_report(records, catalogue=catalogue, since=since, min_votes=args.min_votes,
                          comments=not args.public, top=args.top)
    from ..i18n.strings import strings_for
    strings = strings_for(args.locale)
    base_url = args.base_url if args.base_url.endswith("/") else args.base_url + "/"
    text = (render_html(report, strings, args.locale, base_url) if args.format == "html"
            else render_markdown(report, strings, base_url, args.locale))
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def register(subparsers) -> None:
    from .votes import DEFAULT_RATE_LIMIT

    parser = subparsers.add_parser("feedback", help="collect readers' votes, export them, report on them")
    commands = parser.add_subparsers(dest="feedback_command", required=True)

    serve = commands.add_parser("serve", help="run the vote collector (POST /api/feedback, GET /api/health, GET /api/metrics)")
    serve.add_argument("--db", default="feedback.sqlite3",
                       help="where votes are kept: a SQLite file (created if missing) or a PostgreSQL URL, "
                            "postgresql://user:password@host/dbname (any number of collectors may share it)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8001, help="port to listen on (default 8001)")
    serve.add_argument("--site", help="built site folder: its articles.json rejects unknown articles and locales")
    serve.add_argument("--serve-site", action="store_true", help="also serve the built site (--site) on the same origin")
    serve.add_argument("--allow-origin", action="append", metavar="ORIGIN",
                       help="allow the widget on this origin to post (CORS), e.g. https://help.example.com; repeatable")
    serve.add_argument("--rate-limit", type=int, default=DEFAULT_RATE_LIMIT, metavar="N",
                       help=f"at most N votes per minute per client address (default {DEFAULT_RATE_LIMIT}; 0 = no limit)")
    serve.add_argument("--trusted-proxy", action="append", metavar="CIDR",
                       help="a reverse proxy whose X-Forwarded-For names the reader, e.g. 10.0.0.0/8 or 172.17.0.1; "
                            "repeatable. Loopback is always trusted. Behind a proxy that is not on this machine (a "
                            "container, a load balancer) pass its address or network, or every reader looks like one "
                            "client (one rate-limit bucket for all)")
    serve.add_argument("--header-timeout", type=float, default=10.0, metavar="S",
                       help="close a connection whose request line and headers take longer (default 10)")
    serve.add_argument("--body-timeout", type=float, default=10.0, metavar="S",
                       help="answer 408 to a vote whose body takes longer (default 10)")
    serve.add_argument("--keep-alive-timeout", type=float, default=5.0, metavar="S",
                       help="close an idle kept-alive connection after this long (default 5)")
    serve.add_argument("--max-connections", type=int, default=1000, metavar="N",
                       help="open connections at most; more are answered 503 and closed (default 1000; the file "
                            "limit, ulimit -n, is raised to fit, or the cap lowered to fit it)")
    serve.add_argument("--max-connections-per-client", type=int, default=50, metavar="N",
                       help="open connections of one address at most (default 50; 0 = no cap); trusted proxies "
                            "are not capped")
    serve.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    serve.set_defaults(func=_run_serve)

    export = commands.add_parser("export", help="write every stored vote as CSV or JSON")
    export.add_argument("--db", required=True, help="the collector's SQLite file or PostgreSQL URL")
    export.add_argument("--format", choices=["csv", "json"], default="csv")
    export.add_argument("--output", "-o", help="file to write (default: standard output)")
    export.set_defaults(func=_run_export)

    report = commands.add_parser("report", help="which articles help readers and which fail them")
    report.add_argument("--db", required=True, help="the collector's SQLite file or PostgreSQL URL")
    report.add_argument("--site", help="built site folder: article titles and links come from its articles.json")
    report.add_argument("--base-url", default="/",
                        help="links to articles start with this, e.g. https://help.example.com/ (default /)")
    report.add_argument("--format", choices=["markdown", "html"], default="markdown")
    report.add_argument("--output", "-o", help="file to write (default: standard output)")
    report.add_argument("--public", action="store_true",
                        help="leave out readers' comments and search terms (for publishing in the help center)")
    report.add_argument("--locale", default="en", help="language of the report's headings (default en)")
    report.add_argument("--since", metavar="YYYY-MM-DD", help="only votes received on or after this day")
    report.add_argument("--min-votes", type=int, default=1, help="leave out articles with fewer votes")
    report.add_argument("--top", type=int, default=20, help="articles in the 'needs attention' list")
    report.set_defaults(func=_run_report)
