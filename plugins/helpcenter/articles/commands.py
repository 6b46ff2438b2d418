"""`helpcenter new`: start an article with the next free id and valid front matter."""

from __future__ import annotations

import re
import sys
import unicodedata

from ..project import load_model, load_project
from .model import ContentErrors


def slugify(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:60].rstrip("-") or "article"


def new_article_text(article_id: int, title: str, category: str, description: str) -> str:
    safe_title = title.replace('"', '\\"')
    safe_description = description.replace('"', '\\"')
    return (f"---\nid: {article_id}\ntitle: \"{safe_title}\"\ndescription: \"{safe_description}\"\n"
            f"category: {category}\ntags: []\n---\n\n"
            "Explain in one or two sentences who this article is for and what it solves.\n\n"
            "## Steps\n\n1. First step.\n")


def create_article(project, category: str, title: str, description: str = "", slug: str | None = None):
    hc = load_model(project)
    known = [c.id for c in hc.ordered_categories(project.default_locale)]
    if category not in known:
        raise ValueError(f"'{category}' is not a category. Use one of: {', '.join(known)}.")
    target = project.docs_dir / project.default_locale / category / f"{slug or slugify(title)}.md"
    if target.exists():
        raise FileExistsError(f"{target} already exists: choose another title or pass --slug.")
    article_id = hc.next_free_id()
    target.write_text(new_article_text(article_id, title, category, description or title), encoding="utf-8")
    return target, article_id


def _run_new(args) -> int:
    project = load_project(args.config)
    try:
        target, article_id = create_article(project, args.category, args.title, args.description, args.slug)
    except ContentErrors as errors:
        print(f"Fix the content errors first:\n{errors}", file=sys.stderr)
        return 1
    except (ValueError, FileExistsError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"Created {target.relative_to(project.root)} with id {article_id}")
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("new", help="create an article with the next free id")
    parser.add_argument("title", help="the article's title")
    parser.add_argument("--category", "-c", required=True, help="category id (a folder with an index.md)")
    parser.add_argument("--description", "-d", default="", help="one sentence for search results and lists")
    parser.add_argument("--slug", help="file name without .md (default: from the title)")
    parser.add_argument("--config", default="mkdocs.yml", help="path to mkdocs.yml")
    parser.set_defaults(func=_run_new)
