"""Templates: compiled once per build, and quicker attribute lookups.

Every locale build makes a new Jinja environment, which would parse and compile Material's ~50 templates
again. Jinja's bytecode cache (keyed by template name and file, checked against the source) lets the later
environments load the compiled code instead.

Templates read `x.name` through Environment.getattr, which tries the attribute and, when there is none,
the item: for the keys of plain dicts and for attributes an object lacks (Material asks every page and
section for `meta`, `encrypted`, `typeset`, ...), that raises and catches one or two exceptions, about 400
times a page. `lookup_attribute` gives the same results without them.

Material's navigation draws every item of the page's section on every page: the same HTML for each page of a
folder, apart from the page's own item; and it translates the same words on every page. `KeptMacroResults`
keeps what those macros return and gives it to the next call whose result would come out the same.
"""

from __future__ import annotations

import functools
import os
import types

from jinja2 import Environment
from jinja2.bccache import BytecodeCache, Bucket
from jinja2.runtime import Context, Macro

_DICT_ATTRIBUTES = frozenset(dir(dict))
_NONE_ATTRIBUTES = frozenset(dir(None))


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


def compile_ahead(environment: Environment, names) -> set[str]:
    """Compile the named templates and every template they name (extends, include, import) into the
    environment's bytecode cache; processes forked afterwards find the code there and need not compile the
    templates themselves. Names built at render time (`"partials/" ~ x`) are compiled when first used."""
    from jinja2 import TemplateNotFound, meta

    compiled: set[str] = set()
    waiting = list(names)
    while waiting:
        name = waiting.pop()
        if name in compiled:
            continue
        try:
            source = environment.loader.get_source(environment, name)[0]
        except TemplateNotFound:
            continue  # an optional template of the theme; rendering reports a missing one that is needed
        compiled.add(name)
        environment.get_template(name)
        waiting.extend(found for found in meta.find_referenced_templates(environment.parse(source)) if found)
    return compiled


def page_templates(files) -> list[str]:
    """The templates pages ask for in their front matter (`template:`), for pages read so far."""
    return sorted({file.page.meta["template"] for file in files.documentation_pages()
                   if file.page is not None and isinstance(file.page.meta.get("template"), str)})


def lookup_attribute(environment: Environment, obj, attribute: str):
    """Environment.getattr(obj, attribute), with the same result."""
    if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:  # a plain dict has no other attributes
        try:
            return obj[attribute]
        except KeyError:
            return environment.undefined(obj=obj, name=attribute)
    if obj is None and attribute not in _NONE_ATTRIBUTES:  # e.g. `.page` of another locale's file, in sitemaps
        return environment.undefined(obj=obj, name=attribute)
    key = _config_option_keys(type(obj)).get(attribute)
    if key is not None:  # what the option's descriptor returns, without its isinstance check
        try:
            return obj[key]
        except KeyError:
            pass  # fails below as it would
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


@functools.lru_cache(maxsize=None)
def _config_option_keys(cls: type) -> dict[str, str]:
    """attribute -> key of the options of a MkDocs Config class (`config.site_name` is config["site_name"])."""
    from mkdocs.config.base import BaseConfigOption, Config
    keys: dict[str, str] = {}
    if issubclass(cls, Config):
        for klass in reversed(cls.__mro__):
            keys.update({name: option._name for name, option in vars(klass).items()
                         if isinstance(option, BaseConfigOption)})
    return keys


def use_quick_lookups(environment: Environment) -> None:
    environment.getattr = types.MethodType(lookup_attribute, environment)


def _material_template(name: str) -> str:
    import material
    return os.path.join(os.path.dirname(material.__file__), "templates", *name.split("/"))


# The macros whose results are kept, with their arguments; the same macros of any other template (such as an
# override of these partials) are run as usual.
NAV_ITEM_TEMPLATE = _material_template("partials/nav-item.html")
NAV_ITEM_MACRO = ("render", ("nav_item", "path", "level", "parent"))
LANGUAGE_TEMPLATE = _material_template("partials/language.html")
TRANSLATE_MACRO = ("t", ("key",))


class KeptMacroResults(Context):
    """A Jinja context that keeps what two of Material's macros return, for the next calls of the same build.

    - `t(key)` of `partials/language.html` translates a key into the build's language (about 25 calls a
      page, each building the language's whole table).
    - `render(nav_item, path, level, parent)` of `partials/nav-item.html` draws a navigation item. For an item
      that is not active (neither the page nor one of its sections) the HTML depends on the item, the
      arguments, settings that hold for the whole build, and the page only through the links, which are
      relative to the page's folder. Two pages in the same parent folder get the same links unless one of
      the item's pages lies in a page's own folder; those are drawn anew.

    The kept results live in the environment (one per locale build), so they never outlive the navigation.
    """

    def call(__self, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own signature)
        if type(__obj) is Macro:
            template = __obj._func.__code__.co_filename
            if template == LANGUAGE_TEMPLATE and (__obj.name, __obj.arguments) == TRANSLATE_MACRO \
                    and len(args) == 1 and isinstance(args[0], str):
                kept = __self.environment.kept_translations
                found = kept.get(args[0])
                if found is None:
                    found = kept[args[0]] = Context.call(__self, __obj, *args, **kwargs)
                return found
            if template == NAV_ITEM_TEMPLATE and (__obj.name, __obj.arguments) == NAV_ITEM_MACRO \
                    and 3 <= len(args) <= 4:
                key = _render_key(__self, args)
                if key is not None:
                    kept = __self.environment.kept_navigation
                    found = kept.get(key)
                    if found is not None and found[0] is args[0]:
                        return found[1]
                    html = Context.call(__self, __obj, *args, **kwargs)
                    kept[key] = (args[0], html)  # the item is kept with its key, so its id() is not reused
                    return html
        return Context.call(__self, __obj, *args, **kwargs)


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


@functools.lru_cache(maxsize=4096)  # asked for every navigation item of every page
def _folder_parts(url: str) -> tuple[str, ...]:
    """The folder MkDocs makes links relative to (get_relative_url): the URL without a file name."""
    folder, _, name = url.rpartition("/")
    return _url_parts(folder if "." in name else url)


def _url_parts(url: str) -> tuple[str, ...]:
    return tuple(part for part in url.split("/") if part and part != ".")


def _item_urls(environment: Environment, item):
    """The path parts of every page URL in the item and below it; None when one is not a plain site path."""
    kept = environment.kept_navigation_urls
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
            urls.append(_url_parts(url))
        stack.extend(getattr(current, "children", None) or ())
    kept[id(item)] = (item, urls)
    return urls


def keep_macro_results(environment: Environment) -> None:
    environment.context_class = KeptMacroResults
    environment.kept_translations = {}
    environment.kept_navigation = {}
    environment.kept_navigation_urls = {}
