"""The shipped translations record the English revision they were made from, and it exists."""

from pathlib import Path

from helpcenter.articles.history import docs_log
from helpcenter.i18n.translation import translation_report
from helpcenter.project import load_model, load_project

ROOT = Path(__file__).resolve().parents[2]


def test_every_shipped_translation_records_an_existing_source_revision():
    project = load_project(ROOT / "mkdocs.yml")
    report = translation_report(load_model(project), docs_log(project.docs_dir), project.docs_dir)
    assert [str(problem) for problem in report.problems()] == []
    unmarked = [s.translation.src for s in report.statuses.values() if s.unmarked]
    assert unmarked == [], ("translations without source_revision; after checking each against English, run "
                            "'helpcenter i18n mark LOCALE PATH': " + ", ".join(unmarked))
