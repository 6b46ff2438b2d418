"""Content safety: nothing in an article may run code in a reader's browser, and every image says what it shows.

The gate judges the HTML that Markdown renders (what readers would get), so `<script>` shown in a code block
is fine and the same text as raw HTML is not.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import urlsplit

from .findings import Finding
from .htmlparse import Element, ParsedHtml
from .sources import SourceLines

GATE = "safety"
# Elements that run code or load another document's code into the page.
ACTIVE_ELEMENTS = frozenset({"script", "object", "embed", "applet", "base", "frame", "frameset"})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "data", "poster", "cite", "background", "ping",
                            "xlink:href", "srcset", "longdesc", "manifest"})
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")
_IGNORED_IN_URL = re.compile(r"[\x00-\x20]")  # browsers drop these before reading a URL's scheme


def unsafe_scheme(url: str) -> str | None:
    """The active scheme a URL starts with ('javascript:'…), however it is spaced or capitalised."""
    compact = _IGNORED_IN_URL.sub("", url).lower()
    return next((scheme for scheme in UNSAFE_SCHEMES if compact.startswith(scheme)), None)


def iframe_allowed(element: Element, hosts: list[str]) -> bool:
    parts = urlsplit(element.attrs.get("src", "").strip())
    return parts.scheme == "https" and parts.hostname is not None and parts.hostname.lower() in {h.lower() for h in hosts}


def _urls(name: str, value: str) -> list[str]:
    if name == "srcset":
        return [candidate.strip().split(" ")[0] for candidate in value.split(",") if candidate.strip()]
    return [value]


def safety_findings(src: str, parsed: ParsedHtml, lines: SourceLines, iframe_hosts: list[str]) -> list[Finding]:
    """Every active element, event handler, script URL, unlisted iframe and image without alt text in a page."""
    return located_findings(src, lines, unsafe_content(parsed, iframe_hosts))


# What is unsafe in a page, before its source line is looked up: (element, needles, message, fix).
Unsafe = tuple[Element, list[str], str, str]


def unsafe_content(parsed: ParsedHtml, iframe_hosts: list[str]) -> list[Unsafe]:
    """What safety_findings reports, without the source lines (most pages have nothing to report, and
    their source need not be read)."""
    found: list[Unsafe] = []

    def report(element: Element, needles: list[str], message: str, fix: str):
        found.append((element, needles, message, fix))

    for element in parsed.elements:
        tag = element.tag
        if tag in ACTIVE_ELEMENTS:
            report(element, [f"<{tag}"], f"<{tag}> would run code in readers' browsers.",
                   f"remove the <{tag}> element; to show code, put it in a fenced code block (```html).")
        elif tag == "iframe" and not iframe_allowed(element, iframe_hosts):
            source = element.attrs.get("src", "")
            allowed = ", ".join(iframe_hosts) or "none"
            report(element, ["<iframe"], f"<iframe src=\"{source}\"> embeds a page that is not on the allowed list.",
                   "link to the page instead; to embed from a trusted host, add it to 'iframe_hosts' of the "
                   f"helpcenter-checks plugin in mkdocs.yml (allowed now: {allowed}; https only).")
        for name, value in element.attrs.items():
            if name.startswith("on"):
                report(element, [f"{name}=", name], f"the {name}= attribute on <{tag}> would run code in readers' browsers.",
                       f"remove {name}=\"…\" (event handlers are not allowed in content).")
            elif name == "srcdoc":
                report(element, ["srcdoc"], f"the srcdoc= attribute on <{tag}> embeds a whole document.",
                       "remove srcdoc=\"…\".")
            elif name in URL_ATTRIBUTES:
                for url in _urls(name, value):
                    scheme = unsafe_scheme(url)
                    if scheme:
                        shown = url if len(url) <= 60 else url[:57] + "…"
                        report(element, [url[:40], scheme], f"{scheme} URL in {name}= ({shown}) is not allowed.",
                               "link to an https:// page or to a file in docs/ instead"
                               + (" (save the image as a file and link to it)." if scheme == "data:" else "."))
        if tag == "img" and not element.attrs.get("alt", "").strip():
            source = element.attrs.get("src", "")
            report(element, [f"]({source}", source, posixpath.basename(source)], f"image '{source}' has no alt text.",
                   f"describe what the image shows: ![What the image shows]({source}) "
                   f"or <img alt=\"What the image shows\" …>.")
    return found


def located_findings(src: str, lines: SourceLines, unsafe: list[Unsafe]) -> list[Finding]:
    locator = lines.locator()
    return [Finding(GATE, src, message, locator.find([element.raw] + needles + [f"<{element.tag}"]), fix)
            for element, needles, message, fix in unsafe]
