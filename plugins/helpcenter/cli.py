"""`helpcenter …`: parses arguments and calls the cores. Each room adds its subcommands in `register`."""

from __future__ import annotations

import argparse
import importlib
import sys

from . import engine  # noqa: F401  (first: under ProperDocs alone it answers the commands' mkdocs imports)

# Rooms that contribute subcommands: each module has `register(subparsers)`.
COMMAND_MODULES = [
    "helpcenter.articles.commands",
    "helpcenter.feedback.commands",
    "helpcenter.i18n.commands",
    "helpcenter.checks.commands",
    "helpcenter.contact.commands",
    "helpcenter.scaffold",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="helpcenter", description="Tools for writers, translators and CI.")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


# Packages that come with one of helpcenter's extras rather than with helpcenter itself.
EXTRAS = {"starlette": "collector", "uvicorn": "collector", "matplotlib": "report", "jieba": "cjk",
          "fugashi": "cjk", "ipadic": "cjk", "psycopg": "postgres", "psycopg_pool": "postgres"}


def missing_extra(error: ModuleNotFoundError, command: str) -> str | None:
    """The error for a package that one of our extras brings, with the install command; None for any other."""
    extra = EXTRAS.get((error.name or "").partition(".")[0])
    if extra is None:
        return None
    return (f"error: `helpcenter {command}` needs {error.name}, which comes with helpcenter's {extra} extra. "
            f"Fix: pip install 'helpcenter[{extra}]'")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except ModuleNotFoundError as error:
        message = missing_extra(error, args.command)
        if message is None:
            raise
        print(message, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
