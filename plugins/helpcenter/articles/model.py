"""The article model: every article and category of every locale, read once per build.

Every other part of the help center asks this model; none re-reads front matter on its own.
"""

from __future__ import annotations

import datetime as _dt
import fnmatch
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .frontmatter import ContentError, split_front_matter, parse_date

# Ordered from least to most important; `critical` and `urgent` are security-critical.
PRIORITIES = ("normal", "promoted", "critical", "urgent")
REQUIRED_FIELDS = ("id", "title", "description", "category")
STATES = ("translated", "outdated", "fallback")


@dataclass(frozen=True)
class Category:
    id: str
    locale: str
    title: str
    description: str
    icon: str
    order: int
    src: str


@dataclass(frozen=True)
class Article:
    id: int
    locale: str
    path: str  # relative to the locale folder, e.g. "security/enable-2fa.md"
    src: str  # as writers see it, e.g. "docs/zh/security/enable-2fa.md"
    title: str
    description: str
    category: str
    tags: tuple[str, ...]
    priority: str
    updated: _dt.date | None
    machine_translated: bool
    source_revision: str | None
    redirect_from: tuple[str, ...]
    revision: str  # content hash of the source file, changes whenever the file does
    body: str

    @property
    def critical(self) -> bool:
        return PRIORITIES.index(self.priority) >= PRIORITIES.index("critical")

    @property
    def rank(self) -> int:
        return PRIORITIES.index(self.priority)


def page_url(path: str, locale_prefix: str = "") -> str:
    """Site-relative URL of a page with directory URLs: 'a/b.md' -> 'a/b/', 'a/index.md' -> 'a/'."""
    pure = PurePosixPath(path)
    stem = pure.with_suffix("")
    url = (str(stem.parent) if stem.name in ("index", "README") else str(stem)).strip(".")
    url = url.strip("/")
    return locale_prefix + (url + "/" if url else "")


@dataclass
class HelpCenter:
    """All locales' articles and categories, with the lookups the rest of the site needs."""

    locales: list[str]
    default_locale: str
    articles: dict[tuple[str, int], Article] = field(default_factory=dict)
    categories: dict[tuple[str, str], Category] = field(default_factory=dict)
    pages: dict[tuple[str, str], str] = field(default_factory=dict)  # (locale, path) -> src of non-article pages
    # Lookups are asked once per page; they are computed once per build (the model is not changed after loading).
    _memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def _remember(self, key, compute):
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    # -- lookups ---------------------------------------------------------------------------------
    def ids(self) -> list[int]:
        return self._remember("ids", lambda: sorted(
            a.id for (loc, _), a in self.articles.items() if loc == self.default_locale))

    def source(self, article_id: int) -> Article:
        return self.articles[(self.default_locale, article_id)]

    def article(self, article_id: int, locale: str) -> Article:
        """The article as a reader of `locale` sees it: the translation, or the English fallback."""
        return self.articles.get((locale, article_id)) or self.source(article_id)

    def by_path(self, path: str, locale: str | None = None) -> Article | None:
        paths = self._remember("paths", lambda: {(loc, a.path): a for (loc, _), a in self.articles.items()})
        return paths.get((locale or self.default_locale, path))

    def state(self, article_id: int, locale: str) -> str:
        return "translated" if (locale, article_id) in self.articles else "fallback"

    def locale_prefix(self, locale: str) -> str:
        return "" if locale == self.default_locale else f"{locale}/"

    def url(self, article: Article, locale: str) -> str:
        return page_url(article.path, self.locale_prefix(locale))

    def category(self, category_id: str, locale: str) -> Category:
        return self.categories.get((locale, category_id)) or self.categories[(self.default_locale, category_id)]

    def ordered_categories(self, locale: str) -> list[Category]:
        def compute():
            ids = [c.id for (loc, _), c in self.categories.items() if loc == self.default_locale]
            return sorted((self.category(cid, locale) for cid in ids), key=lambda c: (c.order, c.id))
        return self._remember(("categories", locale), compute)

    def articles_for(self, locale: str, category: str | None = None) -> list[Article]:
        """Articles a reader of `locale` can open (translations and fallbacks), most important first."""
        def compute():
            result = [self.article(i, locale) for i in self.ids()]
            if category is not None:
                result = [a for a in self.articles_for(locale) if a.category == category]
            return sorted(result, key=lambda a: (-a.rank, a.path))
        return self._remember(("articles", locale, category), compute)

    def promoted(self, locale: str, limit: int) -> list[Article]:
        """The important articles of the home page, most important first. No category takes more than a third
        of the places while other categories have important articles left, so a category with many critical
        articles does not hide the everyday questions of the others."""
        ranked = [a for a in self.articles_for(locale) if a.rank > 0]
        share = max(1, -(-limit // 3))
        chosen: list[Article] = []
        per_category: dict[str, int] = {}
        for article in ranked:
            if len(chosen) < limit and per_category.get(article.category, 0) < share:
                chosen.append(article)
                per_category[article.category] = per_category.get(article.category, 0) + 1
        chosen += [a for a in ranked if a not in chosen][:limit - len(chosen)]
        return sorted(chosen, key=ranked.index)

    def next_free_id(self) -> int:
        return max((a.id for a in self.articles.values()), default=1000) + 1


# -- loading ---------------------------------------------------------------------------------------

def _is_other_page(path: str, other_pages: list[str]) -> bool:
    return any(fnmatch.fnmatch(path, pattern) for pattern in other_pages)


def _check_type(meta, fm, src, name, kind, fix):
    value = meta.get(name)
    if value is not None and not isinstance(value, kind):
        raise ContentError(src, f"must be {fix}, not {value!r}", line=fm.field_lines.get(name), field=name,
                           fix=f"write {name} as {fix}.")
    return value


def _read_article(src: str, text: str, fm, locale: str, path: str) -> Article:
    meta = fm.meta
    line = fm.field_lines.get
    for name in REQUIRED_FIELDS:
        if meta.get(name) in (None, ""):
            raise ContentError(src, "is missing", line=1, field=name,
                               fix=f"add '{name}: …' to the front matter (every article needs {', '.join(REQUIRED_FIELDS)}).")
    article_id = meta["id"]
    if isinstance(article_id, bool) or not isinstance(article_id, int) or article_id <= 0:
        raise ContentError(src, f"must be a positive whole number, not {article_id!r}", line=line("id"), field="id",
                           fix="use a number such as 'id: 1042' (helpcenter new picks the next free one).")
    for name in ("title", "description", "category"):
        _check_type(meta, fm, src, name, str, "text")
    tags = meta.get("tags") or []
    if isinstance(tags, str):
        tags = [tags]
    if not isinstance(tags, list) or not all(isinstance(t, (str, int)) for t in tags):
        raise ContentError(src, "must be a list of words", line=line("tags"), field="tags",
                           fix="write tags as a list, e.g. 'tags: [2fa, passkeys]'.")
    priority = meta.get("priority") or "normal"
    if priority not in PRIORITIES:
        raise ContentError(src, f"'{priority}' is not a priority", line=line("priority"), field="priority",
                           fix=f"use one of: {', '.join(PRIORITIES)}.")
    updated = meta.get("updated")
    if updated is not None:
        updated = parse_date(updated, src, "updated", line("updated"))
    machine = meta.get("machine_translated", False)
    if not isinstance(machine, bool):
        raise ContentError(src, f"must be true or false, not {machine!r}", line=line("machine_translated"),
                           field="machine_translated", fix="write 'machine_translated: true' or remove the line.")
    source_revision = meta.get("source_revision")
    redirects = meta.get("redirect_from") or []
    if isinstance(redirects, str):
        redirects = [redirects]
    return Article(
        id=article_id, locale=locale, path=path, src=src,
        title=str(meta["title"]).strip(), description=str(meta["description"]).strip(),
        category=str(meta["category"]).strip(), tags=tuple(str(t) for t in tags), priority=priority,
        updated=updated, machine_translated=machine,
        source_revision=str(source_revision) if source_revision is not None else None,
        redirect_from=tuple(str(r).strip("/") for r in redirects),
        revision=hashlib.sha256(text.encode("utf-8")).hexdigest()[:12],
        body=fm.body,
    )


def _read_category(src: str, fm, locale: str, category_id: str) -> Category:
    meta = fm.meta
    if not meta.get("title"):
        raise ContentError(src, "is missing", line=1, field="title",
                           fix="add 'title: …' (the category's name readers see).")
    order = meta.get("order", 100)
    if isinstance(order, bool) or not isinstance(order, int):
        raise ContentError(src, f"must be a whole number, not {order!r}", line=fm.field_lines.get("order"),
                           field="order", fix="write e.g. 'order: 3' (categories are listed by it).")
    return Category(id=category_id, locale=locale, title=str(meta["title"]), description=str(meta.get("description", "")),
                    icon=str(meta.get("icon", "material/folder-outline")), order=order, src=src)


class ContentErrors(Exception):
    """Every content problem found in one pass, so writers fix them all at once."""

    def __init__(self, errors: list[ContentError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def load_help_center(docs_dir: str | os.PathLike, locales: list[str], default_locale: str,
                     other_pages: list[str] | None = None, display_root: str | None = None) -> HelpCenter:
    """Read every locale folder under docs_dir and validate the whole model.

    Raises ContentErrors listing every problem (file, line, field, fix).
    """
    docs = Path(docs_dir)
    other_pages = other_pages or []
    shown = display_root if display_root is not None else os.path.relpath(docs, Path.cwd()) if docs.is_absolute() else str(docs)
    shown = shown.replace(os.sep, "/").rstrip("/")
    hc = HelpCenter(locales=list(locales), default_locale=default_locale)
    errors: list[ContentError] = []

    for entry in sorted(docs.iterdir()) if docs.is_dir() else []:
        if entry.is_dir() and not entry.name.startswith((".", "_")) and entry.name not in locales \
                and any(entry.rglob("*.md")):
            errors.append(ContentError(f"{shown}/{entry.name}/", f"folder '{entry.name}' is not a configured locale",
                                       fix=f"add '{entry.name}' to the i18n plugin's languages in mkdocs.yml, "
                                           f"or move its files into one of: {', '.join(locales)}."))

    raw: list[tuple[str, str, str, object, str]] = []
    unreadable: set[tuple[str, str]] = set()  # reported already; their translations are not reported again
    for locale in locales:
        root = docs / locale
        if not root.is_dir():
            continue
        for file in sorted(root.rglob("*.md")):
            path = file.relative_to(root).as_posix()
            if any(part.startswith((".", "_")) for part in PurePosixPath(path).parts):
                continue
            src = f"{shown}/{locale}/{path}"
            text = file.read_text(encoding="utf-8")
            try:
                fm = split_front_matter(text, src)
            except ContentError as error:
                errors.append(error)
                unreadable.add((locale, path))
                continue
            raw.append((locale, path, src, fm, text))

    # Categories first: articles are checked against them.
    for locale, path, src, fm, text in raw:
        parts = PurePosixPath(path).parts
        if len(parts) == 2 and parts[1] == "index.md" and not _is_other_page(path, other_pages):
            try:
                cat = _read_category(src, fm, locale, parts[0])
                hc.categories[(locale, cat.id)] = cat
            except ContentError as error:
                errors.append(error)
    known = sorted(c.id for (loc, _), c in hc.categories.items() if loc == default_locale)

    seen: dict[tuple[str, int], str] = {}
    for locale, path, src, fm, text in raw:
        parts = PurePosixPath(path).parts
        if path == "index.md" or (len(parts) == 2 and parts[1] == "index.md") or _is_other_page(path, other_pages):
            hc.pages[(locale, path)] = src
            continue
        try:
            article = _read_article(src, text, fm, locale, path)
        except ContentError as error:
            errors.append(error)
            unreadable.add((locale, path))
            continue
        if article.category not in known:
            errors.append(ContentError(src, f"'{article.category}' is not a category", line=fm.field_lines.get("category"),
                                       field="category",
                                       fix=f"use one of: {', '.join(known)} (a category is a folder with an index.md in {shown}/{default_locale}/)."))
            continue
        key = (locale, article.id)
        if key in seen:
            errors.append(ContentError(src, f"id {article.id} is already used by {seen[key]}", line=fm.field_lines.get("id"),
                                       field="id", fix=f"give this article its own id (the next free one is "
                                                       f"{max(i for _, i in seen) + 1})."))
            unreadable.add((locale, path))
            continue
        seen[key] = src
        hc.articles[key] = article

    # Translations must match their English source by path and id.
    sources = {a.path: a for (loc, _), a in hc.articles.items() if loc == default_locale}
    for (locale, article_id), article in list(hc.articles.items()):
        if locale == default_locale:
            continue
        source = sources.get(article.path)
        if source is None and (default_locale, article.path) in unreadable:
            del hc.articles[(locale, article_id)]  # its English source is broken and already reported
        elif source is None:
            errors.append(ContentError(article.src, "this translation has no English source",
                                       fix=f"translations live at the same path as the English article: create "
                                           f"{shown}/{default_locale}/{article.path} or move this file to the English article's path."))
            del hc.articles[(locale, article_id)]
        elif source.id != article.id:
            errors.append(ContentError(article.src, f"is {article.id} but the English article has id {source.id}",
                                       field="id", line=1, fix=f"set 'id: {source.id}' (a translation keeps the id of its source)."))
            del hc.articles[(locale, article_id)]
    if errors:
        raise ContentErrors(errors)
    return hc
