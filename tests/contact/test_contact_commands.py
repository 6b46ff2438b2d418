"""`helpcenter contact check` and `helpcenter contact url`."""

import shutil
from pathlib import Path

from helpcenter.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_check_passes_on_the_shipped_settings(capsys):
    assert main(["contact", "check", "--config", str(ROOT / "mkdocs.yml")]) == 0
    assert "4 channels: chat, ticket, email, community; official accounts: social; freeze step: on" in capsys.readouterr().out


def test_check_names_the_line_of_a_mistake(tmp_path, capsys):
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    config = tmp_path / "mkdocs.yml"
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config.write_text(text.replace("response_time: 48h", "response_time: two days"), encoding="utf-8")
    line = next(n for n, l in enumerate(config.read_text(encoding="utf-8").splitlines(), 1) if "two days" in l)
    assert main(["contact", "check", "--config", str(config)]) == 1
    error = capsys.readouterr().err
    assert f"mkdocs.yml:{line}: field 'helpcenter-contact.channels[2].response_time': 'two days' is not a duration" in error


def test_url_shows_the_link_and_what_it_carries(capsys):
    assert main(["contact", "url", "email", "--locale", "fr", "--article", "5002", "--query", "Compte piraté ?",
                 "--config", str(ROOT / "mkdocs.yml")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == ("mailto:support@quillfeather.example?subject=Compte%20pirat%C3%A9%20%3F"
                      "&body=Compte%20pirat%C3%A9%20%3F%0D%0A%0D%0Ahttps%3A%2F%2Fhelp.quillfeather.example%2Ffr%2Fsecurity%2Faccount-compromised%2F")
    assert out[1:] == ["  Objet: Compte piraté ?", "  Votre description: Compte piraté ?",
                       "  Lien de l'article: https://help.quillfeather.example/fr/security/account-compromised/"]
