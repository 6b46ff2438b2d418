"""Reading the project's mkdocs.yml without building: locales, docs folder, plugin options."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml


class _Loader(yaml.SafeLoader):
    """mkdocs.yml may hold tags such as !ENV or !!python/name; keep them as plain values."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass
class Project:
    root: Path
    docs_dir: Path
    locales: list[str]
    default_locale: str
    config: dict

    def strings_folder(self) -> Path:
        """The project's strings folder (helpcenter-i18n's `strings_dir`)."""
        return self.root / self.plugin_options("helpcenter-i18n").get("strings_dir", "docs/strings")

    def plugin_options(self, name: str) -> dict:
        for entry in self.config.get("plugins", []) or []:
            if isinstance(entry, dict) and name in entry:
                return entry[name] or {}
            if entry == name:
                return {}
        return {}


def load_project(config_file: str | Path = "mkdocs.yml") -> Project:
    path = Path(config_file).resolve()
    config = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    i18n = next((e["i18n"] for e in config.get("plugins", []) if isinstance(e, dict) and "i18n" in e), {}) or {}
    languages = [lang for lang in i18n.get("languages", []) if lang.get("locale") != "null" and lang.get("build", True)]
    locales = [lang["locale"] for lang in languages]
    default = next((lang["locale"] for lang in languages if lang.get("default")), locales[0] if locales else "en")
    return Project(root=path.parent, docs_dir=path.parent / config.get("docs_dir", "docs"),
                   locales=locales or [default], default_locale=default, config=config)


def load_model(project: Project):
    from .articles.facts import load_project_facts, with_facts
    from .articles.model import load_help_center
    options = project.plugin_options("helpcenter-articles")
    display_root = str(project.docs_dir.relative_to(project.root)) if project.docs_dir.is_relative_to(project.root) else str(project.docs_dir)
    hc = load_help_center(project.docs_dir, project.locales, project.default_locale,
                          options.get("other_pages", ["team/*"]), display_root=display_root)
    facts = load_project_facts(project.docs_dir, options.get("facts", "facts.yml"), display_root, project.default_locale)
    return with_facts(hc, facts, project.docs_dir)
