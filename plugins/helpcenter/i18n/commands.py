"""`helpcenter i18n …`: status, mark, diff and new for translators and CI."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from ..articles.history import DocsLog, diff_since, docs_log, uncommitted
from ..articles.model import Article, ContentErrors, HelpCenter
from ..project import Project, load_model, load_project
from .strings import StringsError, strings_to_translate, use_project_strings
from .report import FAIL_ON, failures, render_json, render_markdown, render_table, summarize
from .translation import (CONTENT_PREFIX, TranslationReport, new_translation_text, source_revision_for,
                          translation_report, with_front_matter_field)


class UsageError(Exception):
    """A command given something it cannot work with; the message says what and how to fix it."""


@dataclass
class Workspace:
    project: Project
    hc: HelpCenter
    log: DocsLog | None
    config_file: str = "mkdocs.yml"

    def report(self) -> TranslationReport:
        return translation_report(self.hc, self.log, self.project.docs_dir)

    def shown(self, locale: str, path: str) -> str:
        """A file as translators see it, e.g. 'docs/zh/security/enable-2fa.md'."""
        docs = self.project.docs_dir
        shown = docs.relative_to(self.project.root) if docs.is_relative_to(self.project.root) else docs
        return f"{shown.as_posix()}/{locale}/{path}"

    def language_names(self) -> dict[str, str]:
        languages = self.project.plugin_options("i18n").get("languages", []) or []
        return {lang.get("locale"): lang.get("name", lang.get("locale")) for lang in languages if isinstance(lang, dict)}

    def translation_locale(self, locale: str) -> str:
        if locale not in self.project.locales:
            raise UsageError(f"locale '{locale}' is not configured in {self.config_file}: add it under plugins > i18n > languages, "
                             f"or use one of: {', '.join(l for l in self.project.locales if l != self.hc.default_locale)}.")
        if locale == self.hc.default_locale:
            raise UsageError(f"'{locale}' is the default locale, the source translations are made from: "
                             f"name a translation locale ({', '.join(l for l in self.project.locales if l != locale)}).")
        return locale

    def article_path(self, given: str) -> str:
        """A path as a translator may type it ('security/x.md', 'security/x', 'docs/zh/security/x.md') made
        relative to the locale folders."""
        candidate = Path(given)
        docs = self.project.docs_dir.resolve()
        for base in (Path.cwd(), self.project.root):
            full = (base / candidate).resolve()
            if full.is_relative_to(docs) and full != docs:
                parts = full.relative_to(docs).parts
                if parts[0] in self.project.locales:
                    parts = parts[1:]
                given = "/".join(parts)
                break
        given = given.replace("\\", "/").strip("/")
        return given if given.endswith(".md") else given + ".md"

    def source(self, locale: str, path: str) -> Article:
        source = self.hc.by_path(path)
        if source is None:
            raise UsageError(f"{self.shown(self.hc.default_locale, path)} is not an English article, so "
                             f"{self.shown(locale, path)} has nothing to be translated from: check the path "
                             f"(translations live at the same path as their English article).")
        return source

    def translation(self, locale: str, path: str) -> Article:
        source = self.source(locale, path)
        translation = self.hc.articles.get((locale, source.id))
        if translation is None:
            raise UsageError(f"{self.shown(locale, path)} does not exist: start it with "
                             f"'helpcenter i18n new {locale} {path}'.")
        return translation


def _workspace(args) -> Workspace:
    project = load_project(args.config)
    return Workspace(project=project, hc=load_model(project), log=docs_log(project.docs_dir), config_file=args.config)


def _run(command):
    """Shared error handling: content errors and usage errors are messages, not tracebacks."""
    def run(args) -> int:
        try:
            return command(args, _workspace(args))
        except ContentErrors as errors:
            print(f"Fix the content errors first:\n{errors}", file=sys.stderr)
        except UsageError as error:
            print(f"error: {error}", file=sys.stderr)
        except FileNotFoundError as error:
            print(f"error: {error.filename or error}: file not found.", file=sys.stderr)
        return 1
    return run


# -- status ------------------------------------------------------------------------------------------

def _status(args, ws: Workspace) -> int:
    locales = [ws.translation_locale(l) for l in args.locale] if args.locale else \
        [l for l in ws.project.locales if l != ws.hc.default_locale]
    report = ws.report()
    summaries = summarize(report, locales, ws.language_names())
    if args.format == "json":
        print(render_json(report, summaries))
    elif args.format == "md":
        site = str(ws.project.config.get("site_url") or "")
        site = site if not site or site.endswith("/") else site + "/"
        print(render_markdown(report, summaries, args.articles, link=lambda url: site + url), end="")
    else:
        print(render_table(report, summaries, args.articles))
    failed = [line for fail_on in args.fail_on or [] for line in failures(summaries, fail_on)]
    problems = [p for p in report.problems() if any(p.path.startswith(ws.shown(l, "")) for l in locales)]
    if args.fail_on and (failed or problems):
        for line in failed:
            print(f"FAILED --fail-on: {line}", file=sys.stderr)
        for problem in problems:
            print(f"FAILED: {problem}", file=sys.stderr)
        return 1
    return 0


# -- mark --------------------------------------------------------------------------------------------

def _mark(args, ws: Workspace) -> int:
    if not args.all and not (args.locale and args.paths):
        raise UsageError("name a locale and the translated files (e.g. 'helpcenter i18n mark zh security/enable-2fa.md'), "
                         "or use --all.")
    if args.locale is None:
        locales = [l for l in ws.project.locales if l != ws.hc.default_locale]
    else:
        locales = [ws.translation_locale(args.locale)]
    report = ws.report()
    changed_files = uncommitted(ws.project.docs_dir)
    targets: list[Article] = []
    skipped = []
    for locale in locales:
        if args.all:
            for status in report.for_locale(locale):
                if status.translation is None:
                    continue
                if status.state == "outdated" and not args.include_outdated:
                    skipped.append(status)
                else:
                    targets.append(status.translation)
        else:
            targets += [ws.translation(locale, ws.article_path(p)) for p in args.paths]
    marked = 0
    for translation in sorted(targets, key=lambda a: (a.locale, a.path)):
        source = ws.hc.source(translation.id)
        revision = source_revision_for(source, ws.log, changed_files)
        file = ws.project.docs_dir / translation.locale / translation.path
        text = file.read_text(encoding="utf-8")
        new_text = with_front_matter_field(text, "source_revision", revision, translation.src)
        if new_text == text:
            continue
        file.write_text(new_text, encoding="utf-8")
        marked += 1
        if revision.startswith(CONTENT_PREFIX):
            print(f"{translation.src}: source_revision {revision} (content hash: {source.src} is not committed as it "
                  f"is; commit it and mark again to be able to see diffs)")
        else:
            print(f"{translation.src}: source_revision {revision[:12]}")
    for status in skipped:
        print(f"skipped {status.translation.src}: outdated ({status.impact} change in English). Update it, then mark it "
              f"by name or with --all --include-outdated.", file=sys.stderr)
    print(f"Marked {marked} translation(s); {len(targets) - marked} already up to date.")
    return 0


# -- diff --------------------------------------------------------------------------------------------

def _diff(args, ws: Workspace) -> int:
    locale = ws.translation_locale(args.locale)
    path = ws.article_path(args.path)
    translation = ws.translation(locale, path)
    source = ws.hc.source(translation.id)
    revision = translation.source_revision
    english_file = ws.project.docs_dir / ws.hc.default_locale / source.path
    if not revision:
        raise UsageError(f"{translation.src} has no source_revision, so there is nothing to compare with: check it "
                         f"against {source.src}, then run 'helpcenter i18n mark {locale} {path}'.")
    if revision.startswith(CONTENT_PREFIX):
        same = revision[len(CONTENT_PREFIX):] == source.revision
        print(f"{translation.src} recorded a content hash of {source.src}, not a commit, so no diff can be shown.\n"
              + ("The English file is unchanged since." if same else
                 f"The English file has changed since: compare the two files, then run "
                 f"'helpcenter i18n mark {locale} {path}'."))
        return 0
    status = ws.report().statuses[(locale, source.id)]
    if status.problem is not None:
        raise UsageError(str(status.problem))
    if ws.log is None:
        raise UsageError(f"{ws.project.docs_dir} is not in a git repository, so commit {revision} cannot be compared.")
    print(f"{source.src} since {revision[:12]} (recorded in {translation.src}): "
          f"{status.state}" + (f", strongest impact {status.impact}" if status.impact else ""))
    for change in status.changes:
        print(f"  {change.commit[:12]} {change.date.isoformat() if change.date else ''} {change.impact:<5} {change.subject}")
    text = diff_since(ws.log.repo_root, revision, english_file, words=args.words)
    if text is None:
        raise UsageError(f"git could not compare {source.src} with {revision}.")
    print(text.rstrip("\n") if text.strip() else f"No changes in {source.src} since {revision[:12]}.")
    return 0


# -- new ---------------------------------------------------------------------------------------------

def _new(args, ws: Workspace) -> int:
    locale = ws.translation_locale(args.locale)
    path = ws.article_path(args.path)
    source = ws.source(locale, path)
    target = ws.project.docs_dir / locale / source.path
    shown = ws.shown(locale, source.path)
    if target.exists():
        raise UsageError(f"{shown} already exists and was left as it is: see what changed in English with "
                         f"'helpcenter i18n diff {locale} {source.path}'.")
    english_file = ws.project.docs_dir / ws.hc.default_locale / source.path
    revision = source_revision_for(source, ws.log, uncommitted(ws.project.docs_dir))
    text = new_translation_text(english_file.read_text(encoding="utf-8"), source.src, revision)
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as handle:  # "x": never overwrite, even if created meanwhile
        handle.write(text)
    print(f"Created {shown} from {source.src} (source_revision {revision[:19]}).\n"
          f"Translate the title, description and text. If the English article changes before you finish, "
          f"see 'helpcenter i18n diff {locale} {source.path}' and run 'helpcenter i18n mark {locale} {source.path}' "
          f"when the translation matches it.")
    return 0


def _strings(args) -> int:
    project = load_project(args.config)
    use_project_strings(project.strings_folder())
    try:
        sys.stdout.write(strings_to_translate(args.locale, project.default_locale, every=args.all))
    except StringsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("i18n", help="translation status, marks, diffs and new translations")
    commands = parser.add_subparsers(dest="i18n_command", required=True)

    status = commands.add_parser("status", help="translated, outdated and missing articles per locale")
    status.add_argument("--locale", "-l", action="append", help="only this locale (repeatable)")
    status.add_argument("--format", "-f", choices=("table", "md", "json"), default="table")
    status.add_argument("--articles", "-a", action="store_true", help="list every article, security-critical first")
    status.add_argument("--fail-on", action="append", choices=FAIL_ON,
                        help="exit with 1 when any article is in this state (repeatable), e.g. outdated-critical for CI")
    status.set_defaults(func=_run(_status))

    mark = commands.add_parser("mark", help="record the English revision a translation matches (after translating)")
    mark.add_argument("locale", nargs="?", help="translation locale (all locales with --all and no locale)")
    mark.add_argument("paths", nargs="*", help="articles, e.g. security/enable-2fa.md or docs/zh/security/enable-2fa.md")
    mark.add_argument("--all", action="store_true", help="every translation of the locale that is not outdated")
    mark.add_argument("--include-outdated", action="store_true", help="with --all: mark outdated translations too")
    mark.set_defaults(func=_run(_mark))

    diff = commands.add_parser("diff", help="what changed in the English source since the translation")
    diff.add_argument("locale")
    diff.add_argument("path")
    diff.add_argument("--words", "-w", action="store_true", help="show changed words instead of changed lines")
    diff.set_defaults(func=_run(_diff))

    new = commands.add_parser("new", help="start a translation from the English article")
    new.add_argument("locale")
    new.add_argument("path")
    new.set_defaults(func=_run(_new))

    strings = commands.add_parser("strings", help="reader-visible strings a locale lacks, with the default "
                                  "locale's text, to save as docs/strings/<locale>.yml and translate")
    strings.add_argument("locale")
    strings.add_argument("--all", action="store_true", help="every string, not only the missing ones")
    strings.set_defaults(func=_strings)

    for sub in (status, mark, diff, new, strings):
        sub.add_argument("--config", default="mkdocs.yml", help="path to mkdocs.yml")
