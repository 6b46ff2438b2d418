"""Templates: compiled once per build, and quicker attribute lookups.

Every locale build makes a new Jinja environment, which would parse and compile Material's ~50 templates
again. Jinja's bytecode cache (keyed by template name and file, checked against the source) lets the later
environments load the compiled code instead.

Templates read `x.name` through Environment.getattr, which tries the attribute and, when there is none,
the item: for the keys of plain dicts and for attributes an object lacks (Material asks every page and
section for `meta`, `encrypted`, `typeset`, ...), that raises and catches one or two exceptions, about 400
times a page. `lookup_attribute` gives the same results without them.

Material's navigation draws every item of the page's section on every page: the same HTML for each page of a
folder, apart from the page's own item. `NavigationRenderCache` keeps what its `render` macro made of an
inactive item and gives it to the next page whose links to that item's pages come out the same.
"""

from __future__ import annotations

import os
import types

from jinja2 import Environment
from jinja2.bccache import BytecodeCache, Bucket
from jinja2.runtime import Context, Macro

_DICT_ATTRIBUTES = frozenset(dir(dict))


class MemoryBytecodeCache(BytecodeCache):
    """Jinja bytecode kept in memory for the life of the process (and inherited by forked workers)."""

    def __init__(self):
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()

    def __len__(self) -> int:
        return len(self._code)


def lookup_attribute(environment: Environment, obj, attribute: str):
    """Environment.getattr(obj, attribute), with the same result."""
    if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:  # a plain dict has no other attributes
        try:
            return obj[attribute]
        except KeyError:
            return environment.undefined(obj=obj, name=attribute)
    try:
        return getattr(obj, attribute)
    except AttributeError:
        pass
    if not isinstance(obj, type) and not hasattr(type(obj), "__getitem__"):  # obj[attribute] would raise TypeError
        return environment.undefined(obj=obj, name=attribute)
    try:
        return obj[attribute]
    except (TypeError, LookupError, AttributeError):
        return environment.undefined(obj=obj, name=attribute)


def use_quick_lookups(environment: Environment) -> None:
    environment.getattr = types.MethodType(lookup_attribute, environment)


def _material_nav_item_template() -> str:
    import material
    return os.path.join(os.path.dirname(material.__file__), "templates", "partials", "nav-item.html")


# The macro whose results are kept, and what each of its results depends on; any other template (such as an
# override of this partial) is rendered as usual.
NAV_ITEM_TEMPLATE = _material_nav_item_template()
NAV_ITEM_MACRO = ("render", ("nav_item", "path", "level", "parent"))


class NavigationRenderCache(Context):
    """A Jinja context that keeps the navigation items Material's `partials/nav-item.html` draws.

    What `render(nav_item, path, level, parent)` draws for an item that is not active (neither the page nor
    one of its sections) depends on the item, its arguments, settings that hold for the whole build, and the
    page only through the links, which are relative to the page's folder. Two pages in the same parent folder
    get the same links unless one of the item's pages lies in a page's own folder; those are drawn anew.
    The kept results live in the environment (one per locale build), so they never outlive the navigation.
    """

    def call(__self, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own signature)
        if type(__obj) is not Macro or __obj._func.__code__.co_filename != NAV_ITEM_TEMPLATE \
                or (__obj.name, __obj.arguments) != NAV_ITEM_MACRO or not 3 <= len(args) <= 4:
            return super().call(__obj, *args, **kwargs)
        key = _render_key(__self, args)
        if key is None:
            return super().call(__obj, *args, **kwargs)
        kept = __self.environment.navigation_renders
        found = kept.get(key)
        if found is not None and found[0] is args[0]:
            return found[1]
        html = super().call(__obj, *args, **kwargs)
        kept[key] = (args[0], html)  # the item is kept with its key, so its id() cannot be reused meanwhile
        return html


def _render_key(context: Context, args: tuple):
    item, path, level = args[:3]
    if getattr(item, "active", True) or hasattr(item, "pages"):
        return None
    parent_active = getattr(args[3], "active", None) if len(args) > 3 else None
    page = context.resolve_or_missing("page")
    url = getattr(page, "url", None)
    if not isinstance(url, str):
        where = ("base", str(context.resolve_or_missing("base_url")))
    else:
        folder = _folder_parts(url)
        urls = _item_urls(context.environment, item)
        if urls is None or not folder or any(u[:len(folder)] == folder for u in urls):
            return None
        where = ("folder", folder[:-1], len(folder))
    return id(item), path, level, parent_active, where


def _folder_parts(url: str) -> tuple[str, ...]:
    """The folder MkDocs makes links relative to (get_relative_url): the URL without a file name."""
    folder, _, name = url.rpartition("/")
    return tuple(part for part in (folder if "." in name else url).split("/") if part and part != ".")


def _item_urls(environment: Environment, item):
    """The path parts of every page URL in the item and below it; None when one is not a plain site path."""
    kept = environment.navigation_urls
    found = kept.get(id(item))
    if found is not None and found[0] is item:
        return found[1]
    urls: list[tuple[str, ...]] | None = []
    stack = [item]
    while stack:
        current = stack.pop()
        url = getattr(current, "url", None)
        if isinstance(url, str):
            if ".." in url or url.startswith("/") or "://" in url or "\\" in url:
                urls = None
                break
            urls.append(tuple(part for part in url.split("/") if part and part != "."))
        stack.extend(getattr(current, "children", None) or ())
    kept[id(item)] = (item, urls)
    return urls


def use_navigation_render_cache(environment: Environment) -> None:
    environment.context_class = NavigationRenderCache
    environment.navigation_renders = {}
    environment.navigation_urls = {}
