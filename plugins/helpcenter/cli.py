"""`helpcenter …`: parses arguments and calls the cores. Each room adds its subcommands in `register`."""

from __future__ import annotations

import argparse
import importlib
import sys

# Rooms that contribute subcommands: each module has `register(subparsers)`.
COMMAND_MODULES = [
    "helpcenter.articles.commands",
    "helpcenter.feedback.commands",
    "helpcenter.i18n.commands",
    "helpcenter.checks.commands",
    "helpcenter.contact.commands",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="helpcenter", description="Tools for writers, translators and CI.")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
