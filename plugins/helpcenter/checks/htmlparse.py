"""Read HTML (a rendered Markdown file or a built page) into what the gates look at: elements, ids, headings,
and the tag errors that matter (an element left open, an end tag with nothing to close)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset("area base br col embed hr img input keygen link meta param source track wbr".split())
# Elements whose end tag HTML lets authors leave out: leaving them open is not a mistake.
OPTIONAL_END = frozenset("body caption colgroup dd dt head html li optgroup option p rb rp rt rtc tbody td tfoot th "
                         "thead tr".split())
HEADING = re.compile(r"h([1-6])$")


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]  # first value of each attribute, as the browser keeps it; boolean attributes are ""
    raw: str  # the start tag as written
    line: int  # 1-based line in the parsed text
    occurrence: int = 1  # how many times this exact start tag was met so far, this one included

    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()


@dataclass
class Heading:
    level: int
    id: str
    text: str
    element: Element


@dataclass
class TagProblem:
    line: int
    message: str
    needle: str  # text that is in the source where the problem starts, to find its line
    occurrence: int = 1  # the needle's n-th appearance in the HTML is the one


@dataclass
class ParsedHtml:
    elements: list[Element] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    problems: list[TagProblem] = field(default_factory=list)

    def ids(self) -> set[str]:
        """Every fragment a link can point at: id attributes and <a name>."""
        result = {e.attrs["id"] for e in self.elements if e.attrs.get("id")}
        result.update(e.attrs["name"] for e in self.elements if e.tag == "a" and e.attrs.get("name"))
        return result

    def duplicate_ids(self) -> dict[str, list[Element]]:
        seen: dict[str, list[Element]] = {}
        for element in self.elements:
            if element.attrs.get("id"):
                seen.setdefault(element.attrs["id"], []).append(element)
        return {key: elements for key, elements in seen.items() if len(elements) > 1}


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.result = ParsedHtml()
        self.stack: list[Element] = []
        self._heading: tuple[Element, list[str]] | None = None
        self._skip_depth = 0  # inside a heading's permalink (¶), whose text is not the heading's
        self._seen: dict[str, int] = {}  # start tags as written and end tags -> times met

    def _element(self, tag, attrs) -> Element:
        values: dict[str, str] = {}
        for name, value in attrs:
            values.setdefault(name, value if value is not None else "")
        raw = self.get_starttag_text() or f"<{tag}>"
        self._seen[raw] = self._seen.get(raw, 0) + 1
        element = Element(tag, values, raw, self.getpos()[0], self._seen[raw])
        self.result.elements.append(element)
        return element

    def handle_starttag(self, tag, attrs):
        element = self._element(tag, attrs)
        if self._heading is not None and (self._skip_depth or "headerlink" in element.classes()):
            self._skip_depth += 1
        if HEADING.match(tag):
            self._heading = (element, [])
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self._element(tag, attrs)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        self._seen[f"</{tag}>"] = self._seen.get(f"</{tag}>", 0) + 1
        if self._skip_depth:
            self._skip_depth -= 1
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth].tag == tag:
                for left_open in self.stack[depth + 1:]:
                    self._unclosed(left_open, f"before </{tag}>")
                opened = self.stack[depth]
                del self.stack[depth:]
                break
        else:
            self.result.problems.append(TagProblem(self.getpos()[0], f"</{tag}> closes nothing (no <{tag}> is open)",
                                                   f"</{tag}>", self._seen[f"</{tag}>"]))
            return
        if self._heading is not None and opened is self._heading[0]:
            element, parts = self._heading
            text = re.sub(r"\s+", " ", "".join(parts)).strip()
            self.result.headings.append(Heading(int(tag[1]), element.attrs.get("id", ""), text, element))
            self._heading = None
            self._skip_depth = 0

    def handle_data(self, data):
        if self._heading is not None and not self._skip_depth:
            self._heading[1].append(data)

    def _unclosed(self, element: Element, where: str):
        if element.tag not in OPTIONAL_END:
            verb = "it is" if where.startswith("still") else "found"
            self.result.problems.append(TagProblem(element.line, f"{element.raw} is never closed ({verb} {where})",
                                                   element.raw, element.occurrence))

    def close(self):
        super().close()
        for element in self.stack:
            self._unclosed(element, "still open at the end of the page")
        self.stack = []


class _ForwardingParser(_Parser):
    """Passes every start tag, end tag and text on to other readers of the same page (HTMLParser subclasses
    that only handle those), so one pass over the HTML serves them too."""

    def __init__(self, listeners):
        super().__init__()
        self.listeners = listeners

    def handle_starttag(self, tag, attrs):
        super().handle_starttag(tag, attrs)
        for listener in self.listeners:
            listener.handle_starttag(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        super().handle_startendtag(tag, attrs)
        for listener in self.listeners:
            listener.handle_startendtag(tag, attrs)

    def handle_endtag(self, tag):
        super().handle_endtag(tag)
        for listener in self.listeners:
            listener.handle_endtag(tag)

    def handle_data(self, data):
        super().handle_data(data)
        for listener in self.listeners:
            listener.handle_data(data)


def parse_html(text: str, listeners=()) -> ParsedHtml:
    """The page's elements, headings and tag problems; `listeners` get the same events as they are read."""
    parser = _ForwardingParser(listeners) if listeners else _Parser()
    parser.feed(text)
    parser.close()
    return parser.result
