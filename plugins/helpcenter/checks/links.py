"""Links and anchors between Markdown files, resolved the way the built site will serve them.

Each locale is its own build (mkdocs-static-i18n, folder layout): a page readers of `zh` get is the zh file, or
the English file standing in for a missing translation. So every page's links are resolved once per locale
build it appears in: an English page linking to `#an-anchor` of a page that has a translation must find that
anchor in the translation too.
"""

from __future__ import annotations

import difflib
import posixpath
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from ..articles.model import page_url
from .findings import Finding
from .htmlparse import Element
from .sources import SourcePage, Sources

GATE = "links"
_LINK_ATTRIBUTES = {"a": "href", "img": "src", "source": "src", "video": "src", "audio": "src", "iframe": "src"}


def names_an_element(fragment: str) -> bool:
    """A fragment such as '#article=3005' passes values to the page's script; only others are element ids."""
    return bool(fragment) and "=" not in fragment


@dataclass(frozen=True)
class Link:
    element: Element
    url: str
    line: int | None


@dataclass(frozen=True)
class ExternalLink:
    url: str
    src: str
    line: int | None


@dataclass
class SiteSpace:
    """The addresses a build of the sources will publish."""

    sources: Sources
    site_url: str = ""  # mkdocs.yml site_url: links to it are internal
    fallback: bool = True  # static-i18n fallback_to_default
    theme_files: set[str] = field(default_factory=set)  # files of the theme's custom_dir that are copied to the site
    pages: dict[str, SourcePage] = field(default_factory=dict)  # site path ('zh/security/x/') -> page served there
    files: set[str] = field(default_factory=set)  # site paths of other files
    builds: dict[str, list[SourcePage]] = field(default_factory=dict)  # locale -> pages of that locale's build

    def __post_init__(self):
        sources = self.sources
        for locale in sources.locales:
            prefix = self.prefix(locale)
            paths = {p for loc, p in sources.pages if loc == locale or (self.fallback and loc == sources.default_locale)}
            self.builds[locale] = [sources.page(locale, path, self.fallback) for path in sorted(paths)]
            for page, path in zip(self.builds[locale], sorted(paths)):
                self.pages[prefix + page_url(path)] = page
        for name in sources.static_files:
            first, _, rest = name.partition("/")
            if first == sources.default_locale and self.fallback:
                self.files.update(self.prefix(locale) + rest for locale in sources.locales)
            elif first in sources.locales:
                self.files.add(self.prefix(first) + rest)
            else:
                self.files.add(name)
        self.files.update(self.theme_files)

    def prefix(self, locale: str) -> str:
        return "" if locale == self.sources.default_locale else f"{locale}/"

    def url_of(self, page: SourcePage, locale: str) -> str:
        return self.prefix(locale) + page_url(page.path)

    @property
    def site_path(self) -> str:
        """Path part of site_url ('/' or '/help/'): absolute links start with it."""
        path = urlsplit(self.site_url).path or "/"
        return path if path.endswith("/") else path + "/"

    def lookup(self, site_path: str):
        """The page or file at a site path ('zh/security/x/', 'zh/security/x/index.html'), or None."""
        path = site_path.lstrip("/")
        if path.endswith("index.html"):
            path = path[: -len("index.html")]
        if path in self.pages:
            return self.pages[path]
        if path + "/" in self.pages:
            return self.pages[path + "/"]
        if path in self.files:
            return path
        return None


def page_links(page: SourcePage) -> list[Link]:
    """Every link and embedded resource in a page, with its line (permalinks of headings left out)."""
    links = []
    locator = page.lines.locator()
    for element in page.parsed.elements:
        attribute = _LINK_ATTRIBUTES.get(element.tag)
        if attribute is None or attribute not in element.attrs or "headerlink" in element.classes():
            continue
        url = element.attrs[attribute].strip()
        line = locator.find([f"]({url}", f"\"{url}\"", url, unquote(url), url.split("#")[0] or None])
        links.append(Link(element, url, line))
    return links


def _relative(target: str, start: str) -> str:
    """Relative URL from the page at site path `start` to site path `target` (both ending in '/' for pages)."""
    relative = posixpath.relpath(target or ".", start.rstrip("/") or ".")
    return relative + ("/" if target.endswith("/") and not relative.endswith("/") else "")


class LinkChecker:
    def __init__(self, space: SiteSpace):
        self.space = space
        self.sources = space.sources

    # -- one link ------------------------------------------------------------------------------------------
    def problem(self, page: SourcePage, locale: str, url: str) -> tuple[str, str] | None:
        """(message, fix) when `url` on `page` does not resolve in the `locale` build, else None."""
        parts = urlsplit(url)
        site = urlsplit(self.space.site_url) if self.space.site_url else None
        if parts.scheme or parts.netloc:
            if site and parts.netloc == site.netloc and parts.scheme in ("http", "https", ""):
                return self._at_site_path(page, locale, parts.path, parts.fragment, url)
            return None  # external (listed separately) or mailto:, tel: …
        if not parts.path:
            return self._anchor(page, locale, page, parts.fragment) if parts.fragment else None
        if parts.path.startswith("/"):
            return self._at_site_path(page, locale, parts.path, parts.fragment, url)
        path = unquote(parts.path)
        target_uri = posixpath.normpath(posixpath.join(posixpath.dirname(page.src_uri), path)).lstrip("/")
        if posixpath.splitext(path)[1] == ".md":
            return self._markdown_target(page, locale, target_uri, parts.fragment, url)
        if posixpath.splitext(path)[1]:
            if self._static_file(locale, target_uri):
                return None
            return (f"link to '{url}': there is no {self.sources.display_root}/{target_uri}.",
                    "save the file there, or correct the path (it is relative to this file's folder).")
        # Not a file MkDocs knows: it stays as written and the browser resolves it against the page's address.
        here = self.space.url_of(page, locale)
        resolved = posixpath.normpath(posixpath.join(here, path)) + ("/" if path.endswith("/") else "")
        if resolved.startswith("../"):
            return (f"link to '{url}' points outside the site.", "link to a page of the help center with a relative .md path.")
        return self._at_site_path(page, locale, "/" + resolved.lstrip("./"), parts.fragment, url, checked_prefix=True)

    def _static_file(self, locale: str, target_uri: str) -> bool:
        first, _, rest = target_uri.partition("/")
        if first in (locale, self.sources.default_locale):
            return self.space.lookup(self.space.prefix(locale) + rest) is not None
        return target_uri in self.sources.static_files or target_uri in self.space.theme_files

    def _markdown_target(self, page, locale, target_uri, fragment, url):
        first, _, rest = target_uri.partition("/")
        sources = self.sources
        if first in (locale, sources.default_locale):
            target = sources.page(locale, rest, self.space.fallback)
            if target is None:
                return (f"link to '{url}': there is no {sources.display_root}/{first}/{rest}.",
                        self._suggest_markdown(page, first, rest))
            return self._anchor(page, locale, target, fragment) if fragment else None
        if first in sources.locales:
            target = sources.page(first, rest, self.space.fallback)
            if target is None:
                return (f"link to '{url}': there is no {sources.display_root}/{first}/{rest}.",
                        self._suggest_markdown(page, first, rest))
            # An address from the site's root works on every locale's copy of an English page, too.
            address = self.space.site_path + self.space.url_of(target, first)
            return (f"link to '{url}' points at a {first} Markdown file, which is not part of the {locale} site "
                    "(each language is built on its own).",
                    f"link to the page's address instead: {address}{'#' + fragment if fragment else ''}")
        return (f"link to '{url}': {sources.display_root}/{target_uri} is outside the language folders, so it is "
                "not published.", "link to a page inside a language folder.")

    def _at_site_path(self, page, locale, path, fragment, url, checked_prefix=False):
        site_path = self.space.site_path
        if not checked_prefix:
            if not path.startswith(site_path):
                return (f"link to '{url}' points outside the site (it does not start with {site_path}).",
                        "use a relative link to the page's .md file.")
            path = "/" + path[len(site_path):]
        target = self.space.lookup(unquote(path))
        if target is None:
            return (f"link to '{url}': no page or file is published at /{path.lstrip('/')}.",
                    self._suggest_address(page, locale, path))
        if isinstance(target, SourcePage) and fragment:
            return self._anchor(page, locale, target, fragment)
        return None

    def _anchor(self, page, locale, target: SourcePage, fragment):
        fragment = unquote(fragment)
        if not names_an_element(fragment) or fragment in target.parsed.ids():
            return None
        where = "this page" if target is page else target.src
        headings = [h for h in target.parsed.headings if h.id]
        close = difflib.get_close_matches(fragment, [h.id for h in headings], n=1)
        listed = ", ".join(f"#{h.id} ({h.text})" for h in headings[:8]) + (", …" if len(headings) > 8 else "")
        fix = f"did you mean #{close[0]}? " if close else ""
        fix += f"Sections of {where}: {listed}." if headings else f"{where} has no sections to link to; drop '#{fragment}'."
        return (f"anchor '#{fragment}' is not on {where}.", fix)

    def _suggest_markdown(self, page, locale, rest) -> str:
        """A page of that locale whose file name is close to the one written, as a link from this file."""
        candidates = sorted({p for loc, p in self.sources.pages if loc in (locale, self.sources.default_locale)})
        names = {}
        for candidate in candidates:
            names.setdefault(posixpath.basename(candidate), candidate)
        close = difflib.get_close_matches(posixpath.basename(rest), list(names), n=1, cutoff=0.7)
        if close:
            target = f"{locale}/{names[close[0]]}"
            return f"did you mean {posixpath.relpath(target, posixpath.dirname(page.src_uri))}?"
        return "check the file name and the ../ steps (paths are relative to this file's folder)."

    def _suggest_address(self, page, locale, path) -> str:
        wanted = path.lstrip("/")
        close = difflib.get_close_matches(wanted, list(self.space.pages), n=1, cutoff=0.6)
        here = self.space.url_of(page, locale)
        if close:
            return f"did you mean {_relative(close[0], here)} ? Linking to the .md file lets the build check it."
        return "link to the page's .md file with a relative path; the build checks those."

    # -- every page of every locale ----------------------------------------------------------------------------
    def findings(self) -> list[Finding]:
        findings = []
        links_of = {}
        for locale in self.sources.locales:
            for page in self.space.builds[locale]:
                key = (page.locale, page.path)
                if key not in links_of:
                    links_of[key] = page_links(page)
                for link in links_of[key]:
                    if page.locale != locale and self.problem(page, page.locale, link.url) is not None:
                        continue  # broken in its own locale already: reported once, there
                    problem = self.problem(page, locale, link.url)
                    if problem is None:
                        continue
                    message, fix = problem
                    if page.locale != locale:
                        message = (f"in the {locale} site (this {page.locale} page stands in for the missing "
                                   f"translation) {message}")
                    findings.append(Finding(GATE, page.src, message, link.line, fix))
        return findings

    def external(self) -> list[ExternalLink]:
        """Links to other sites (http/https), each with where it is written."""
        site = urlsplit(self.space.site_url).netloc if self.space.site_url else None
        result = []
        for page in self.sources.pages.values():
            for link in page_links(page):
                parts = urlsplit(link.url)
                if parts.scheme in ("http", "https") and parts.netloc and parts.netloc != site:
                    result.append(ExternalLink(link.url, page.src, link.line))
        return result


def link_findings(space: SiteSpace) -> tuple[list[Finding], list[ExternalLink]]:
    """Dead links and anchors in every locale build, and the external links (checked only on request)."""
    checker = LinkChecker(space)
    return checker.findings(), checker.external()
