"""`helpcenter init DIR`: a new help center that builds with --strict and passes `helpcenter check` as written.

It writes the smallest complete project: mkdocs.yml naming the plugins, a home page, one category with one
article, the contact page with one e-mail channel, the search synonyms file, a publish workflow and a README with
the two commands. The words are the project's from then on; nothing in it is specific to any trade.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .i18n.locales import LOCALE_NAMES
from .i18n.strings import all_strings

LOCALE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")


class InitError(ValueError):
    """Arguments `init` cannot use, or a folder it must not write into; the message says how to fix it."""


@dataclass(frozen=True)
class Plan:
    folder: Path
    name: str
    locales: list[str]  # the first is the default
    site_url: str

    @property
    def support_address(self) -> str:
        host = urlsplit(self.site_url).hostname or "example.com"
        domain = host.removeprefix("help.").removeprefix("www.")
        return f"support@{domain}"


def plan(folder: str | Path, name: str, locales: str, site_url: str) -> Plan:
    codes = [code.strip() for code in locales.split(",") if code.strip()]
    if not codes:
        raise InitError("--locales needs at least one locale, e.g. --locales en,de,ja (the first is the default).")
    for code in codes:
        if not LOCALE.match(code):
            raise InitError(f"'{code}' is not a locale code. Fix: use codes such as en, de, pt, zh-TW.")
    if len(set(codes)) != len(codes):
        raise InitError("--locales names a locale twice.")
    parts = urlsplit(site_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InitError(f"--site-url '{site_url}' is not an http(s) address. Fix: e.g. --site-url https://help.example.com/")
    if not name.strip():
        raise InitError("--name is empty. Fix: e.g. --name \"Acme Help Center\".")
    target = Path(folder)
    if target.exists() and any(target.iterdir()):
        raise InitError(f"{target} is not empty: `init` never overwrites files. Fix: name a new or empty folder.")
    return Plan(folder=target, name=name.strip(), locales=codes, site_url=site_url.rstrip("/") + "/")


def language_name(code: str) -> str:
    """The language's name in itself, for the language switcher: ours, else Babel's (Material depends on it)."""
    if code in LOCALE_NAMES:
        return LOCALE_NAMES[code]
    try:
        from babel import Locale, UnknownLocaleError
        locale = Locale.parse(code.replace("-", "_"))
        name = locale.get_display_name(locale)
    except (ImportError, ValueError, UnknownLocaleError):
        return code
    return name[:1].upper() + name[1:] if name else code


def mkdocs_yml(p: Plan) -> str:
    languages = [{"locale": code, "name": language_name(code), "build": True, **({"default": True} if i == 0 else {})}
                 for i, code in enumerate(p.locales)]
    config = {
        "site_name": p.name,
        "site_url": p.site_url,
        "docs_dir": "docs",
        "use_directory_urls": True,
        "theme": {
            "name": "material",
            "language": p.locales[0],
            "font": False,  # system fonts: nothing is loaded from third parties
            "features": ["navigation.instant", "navigation.indexes", "navigation.prune", "navigation.top",
                         "search.suggest", "search.highlight"],
        },
        "markdown_extensions": ["admonition", "attr_list", "def_list", "md_in_html", "tables",
                                {"toc": {"permalink": True}}, "pymdownx.details", "pymdownx.superfences",
                                {"pymdownx.tabbed": {"alternate_style": True}}],
        "plugins": [
            {"i18n": {"docs_structure": "folder", "fallback_to_default": True, "reconfigure_material": True,
                      "reconfigure_search": False, "languages": languages}},
            {"helpcenter-articles": {"other_pages": ["contact.md"]}},
            "helpcenter-search",
            "helpcenter-build",
            "helpcenter-feedback",
            "helpcenter-i18n",
            "helpcenter-checks",
            {"helpcenter-contact": {"channels": [
                {"id": "email", "kind": "email",
                 "url": f"mailto:{p.support_address}?subject={{subject}}&body={{query}}%0D%0A%0D%0A{{article_url}}",
                 "response_time": "24h"}]}},
        ],
    }
    header = (f"# {p.name}: the help center's configuration. Articles live in docs/<locale>/<category>/; "
              "see README.md.\n")
    return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=120)


HOME = """\
---
title: "{name}"
description: "Answers to common questions, step by step."
---

Search for an answer, or pick a topic below. If you cannot find what you need, contact us.
"""

CATEGORY = """\
---
title: Getting started
description: Create your account and find your way around.
icon: material/rocket-launch
order: 1
---

The first steps with your account.
"""

ARTICLE = """\
---
id: 1001
title: Find answers in this help center
description: Search, browse topics, and reach support when an article does not solve your problem.
category: getting-started
tags: [search, help, support]
priority: promoted
---

This help center answers common questions step by step. Each article covers one task.

## Search

1. Type a few words that describe your problem in the search box at the top of any page.
2. Open the article whose title matches your question best.

## Browse by topic

Each topic on the home page lists its articles, the most important first.

## Contact support

If an article does not solve your problem, use **Still need help?** at the end of the article, or open the
[contact page](../contact.md). Say what you tried and what you saw, so we can help you faster.
"""

CONTACT = """\
---
# The contact page of every locale (other locales fall back to this file). Its topics, suggested articles and
# channels come from helpcenter-contact in mkdocs.yml; text written below appears above the form.
search:
  exclude: true
---
"""

SYNONYMS = """\
# Search synonyms: each line is a group of words readers use for the same thing. Groups under `all` apply to
# every language; groups under a locale code apply to that language only. Rebuild the site to apply changes.
all:
  - [sign in, log in, login]
"""

WORKFLOW = """\
name: Test and publish the help center

on:
  push:
    branches: [main]
  pull_request:

permissions: {}

concurrency:
  group: publish-${{ github.ref }}
  cancel-in-progress: ${{ github.event_name == 'pull_request' }}

jobs:
  build:
    runs-on: ubuntu-24.04
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@v6
        with:
          fetch-depth: 0   # "last updated" dates and translation state come from git history
      - uses: actions/setup-python@v6
        with:
          python-version: "3.12"
          cache: pip
      - run: pip install -r requirements.txt
      - name: Checks
        run: helpcenter check
      - name: Build
        run: mkdocs build --strict
      - if: github.event_name == 'push' && github.ref == 'refs/heads/main'
        uses: actions/upload-pages-artifact@v5
        with:
          path: site

  deploy:
    if: github.event_name == 'push' && github.ref == 'refs/heads/main'
    needs: build
    runs-on: ubuntu-24.04
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v5
"""

README = """\
# {name}

The help center at <{site_url}>, built with helpcenter (MkDocs, Material for MkDocs, mkdocs-static-i18n).

```sh
pip install -r requirements.txt
mkdocs serve            # the site at http://127.0.0.1:8000/, rebuilt after every edit
helpcenter check        # front matter, links, headings and unsafe HTML, in a few seconds
```

`mkdocs build --strict` writes the site to `site/`; `.github/workflows/publish.yml` publishes it to GitHub Pages.

- Articles: `docs/<locale>/<category>/<slug>.md`; start one with `helpcenter new --category getting-started "Title"`.
- Translations: the same path under another locale's folder; `helpcenter i18n new <locale> <path>` starts one and
  `helpcenter i18n status` shows what is missing or out of date.
- Reader-visible strings the package does not ship for a locale, or that you want worded your way:
  `docs/strings/<locale>.yml` (`helpcenter i18n strings <locale>` prints every key with its English text).
- Support channels: `helpcenter-contact` in `mkdocs.yml`.
"""


def files(p: Plan) -> dict[str, str]:
    """Every file of the new project, by path relative to its folder."""
    default = p.locales[0]
    extras = ["cjk"] if any(code.split("-")[0] in ("zh", "ja") for code in p.locales) else []
    requirement = f"helpcenter[{','.join(extras)}]" if extras else "helpcenter"
    return {
        "mkdocs.yml": mkdocs_yml(p),
        f"docs/{default}/index.md": HOME.format(name=p.name.replace('"', '\\"')),
        f"docs/{default}/contact.md": CONTACT,
        f"docs/{default}/getting-started/index.md": CATEGORY,
        f"docs/{default}/getting-started/find-answers.md": ARTICLE,
        "docs/search-synonyms.yml": SYNONYMS,
        "requirements.txt": f"{requirement}\n",
        ".github/workflows/publish.yml": WORKFLOW,
        ".gitignore": "site/\n.cache/\n__pycache__/\n",
        "README.md": README.format(name=p.name, site_url=p.site_url),
    }


def locales_without_strings(p: Plan) -> list[str]:
    """Locales the package ships no reader-visible strings for: the project supplies them before it builds."""
    return [code for code in p.locales if code not in all_strings()]


def write(p: Plan) -> list[Path]:
    written = []
    for rel, text in files(p).items():
        path = p.folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def _run_init(args) -> int:
    import sys

    try:
        p = plan(args.folder, args.name, args.locales, args.site_url)
    except InitError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    write(p)
    print(f"Wrote a help center in {p.folder}/ ({', '.join(p.locales)}; {p.locales[0]} is the default).")
    missing = locales_without_strings(p)
    steps = [f"cd {p.folder}"]
    for code in missing:
        steps.append(f"helpcenter i18n strings {code} > docs/strings/{code}.yml   # then translate the texts: "
                     f"helpcenter has no {code} strings of its own")
    steps += ["mkdocs serve", "helpcenter check"]
    print("Next:\n" + "\n".join(f"  {step}" for step in steps))
    return 0


def register(subparsers) -> None:
    init = subparsers.add_parser("init", help="start a new help center in a new folder")
    init.add_argument("folder", help="a new or empty folder")
    init.add_argument("--name", default="Help Center", help='the site name, e.g. "Acme Help Center"')
    init.add_argument("--locales", default="en", help="comma-separated locales, the default first: en,de,ja")
    init.add_argument("--site-url", default="https://help.example.com/", help="the public address of the site")
    init.set_defaults(func=_run_init)
