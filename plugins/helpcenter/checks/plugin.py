"""MkDocs wiring of the safety gate: a build (and `mkdocs serve`) stops on content that would run code in
readers' browsers, whoever builds. The other gates run with `helpcenter check`; this class only passes data."""

from __future__ import annotations

import hashlib
import os

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from .. import pagehtml
from .config import ChecksConfig
from .safety import located_findings, unsafe_content
from .sources import SourceLines, split_body


class ChecksPlugin(BasePlugin[ChecksConfig]):
    supports_multiple_instances = False

    def __init__(self):
        # (source file, content hash) of pages found safe: fallbacks repeat per locale, rebuilds repeat pages.
        self._checked: set[tuple[str, str]] = set()

    def on_startup(self, *, command, dirty):
        """Present so that `mkdocs serve` keeps this instance, and what it has checked, between rebuilds."""

    @event_priority(100)  # before other plugins add their own markup: this judges what the Markdown made
    def on_page_content(self, html, *, page, config, files):
        if not (self.config.enabled and self.config.safety_on_build) or not page.file.abs_src_path:
            return html
        key = (page.file.abs_src_path, hashlib.sha1(html.encode("utf-8")).hexdigest())
        if key in self._checked:
            return html
        self._checked.add(key)
        unsafe = unsafe_content(pagehtml.parse_for_gate(html), self.config.iframe_hosts)
        if unsafe:  # only then is the source read, for the lines to name
            with open(page.file.abs_src_path, encoding="utf-8") as source:
                lines = SourceLines(*split_body(source.read()))
            findings = located_findings(_shown(page.file.abs_src_path, config.docs_dir), lines, unsafe)
            raise PluginError("Unsafe content (fix it and build again; `helpcenter check` lists every problem):\n"
                              + "\n".join(str(f) for f in findings))
        return html


def _shown(path: str, docs_dir: str) -> str:
    docs_rel = os.path.relpath(docs_dir)
    root = docs_dir if docs_rel.startswith("..") else docs_rel
    return f"{root}/{os.path.relpath(path, docs_dir)}".replace(os.sep, "/")
