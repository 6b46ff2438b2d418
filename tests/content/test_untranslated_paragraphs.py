"""No English paragraph left inside a translated page.

A translated page (docs/<locale>/…, any locale but English) is read paragraph by paragraph — headings, list
items, table rows, admonition titles and paragraphs, each on its own — after taking out what stays English on
purpose: front matter, code blocks and inline code, URLs and link targets, HTML tags, and anything marked
`lang="en"` (`<span lang="en">…</span>`, `{ lang="en" }` attribute lists).

- Locales of another script (zh, zh-TW, ja, ko, ru): a paragraph written mostly in Latin letters, made of
  English words (English function words among them, so lists of product names and codes pass).
- Latin-script locales (es, pt, fr, vi, tr): a language-identification heuristic — the share of English
  function words against the locale's own.

Run it on another tree (e.g. a branch exported with `git archive`):
    python tests/content/test_untranslated_paragraphs.py /tmp/export/docs [locale …]
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_LOCALE = "en"
SCRIPT_LOCALES = {"zh", "zh-TW", "ja", "ko", "ru"}
LATIN_LOCALES = {"es", "pt", "fr", "vi", "tr"}

# English function words ("a", "on", "no", "me" left out: they are words of the Latin-script locales too).
ENGLISH = frozenset("""
    the and of to is are was were be been your you yours with for this that these those it its can will not
    if or from by have has had an at which when what how who we our us they their them should would could
    must before after into about there than then only also any all each more most some such other
    here where while because please do does don't doesn't isn't aren't won't can't cannot in
""".split())
# Words of a locale spelt like an English function word, left out of ENGLISH for that locale.
ENGLISH_OVERLAP = {"vi": {"an", "to", "can", "the", "do"}, "tr": {"in", "at", "is", "an"}, "fr": {"us"},
                   "es": {"has"}, "pt": {"us", "do"}}
# The locale's most frequent function words.
FUNCTION_WORDS = {
    "es": "de la que el en y a los las se del un una por con no su sus para es al lo como más o pero si sin "
          "sobre este esta ya cuando ser son también hay puede tu tus le les mi nos muy desde hasta",
    "pt": "de a o que e do da em um uma para é com não os as dos das no na se por mais ao sua seu suas seus "
          "ou quando muito já também só pelo pela até isso ela entre depois sem mesmo você ser",
    "fr": "de la le les et des à un une du en est que qui pour dans pas sur au ne se par plus ce il vous "
          "votre vos ou avec son sa ses mais si aux cette sont être peut fait tout",
    "vi": "và của có là các được cho không một những trong với để này khi người từ đã đến hoặc bạn nếu "
          "thì sẽ cần trên tại vào theo sau hay như nhưng rồi lại",
    "tr": "ve bir bu da de için ile olarak çok daha gibi ama en ne o mi mı olan sonra kadar veya her şu "
          "değil var yok sizin siz hesabınız önce ise",
}
MIN_WORDS = 6  # shorter paragraphs (a label, a product name, a code) are not judged
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,}).*?^(?P=indent)(?P=fence)[ \t]*$", re.S | re.M)
COMMENT = re.compile(r"<!--.*?-->", re.S)
LANG_EN_ELEMENT = re.compile(r"<(?P<tag>[a-zA-Z][a-zA-Z0-9]*)\b[^>]*\blang=[\"']en[\"'][^>]*>.*?</(?P=tag)>", re.S)
LANG_EN_ATTR = re.compile(r"\{[^}\n]*\blang=[\"']?en[\"']?[^}\n]*\}")
ENGLISH_MARK = "\x00lang-en\x00"  # an attribute list marks the paragraph (or heading) it ends as English
INLINE_CODE = re.compile(r"(`+).+?\1")
IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\[[^\]]*\]")
URL = re.compile(r"(?:https?://|mailto:|www\.)\S+|\b[\w.-]+\.(?:example|com|org|net|io)\b\S*")
TAG = re.compile(r"<[^>]+>")
MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")  # facts and macros the build fills in
ATTR_LIST = re.compile(r"\{[:#.][^}]*\}|\{\s*[\w-]+=[^}]*\}")
SNIPPET = re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$", re.M)  # link reference definitions
UNIT_START = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|#{1,6}\s|\||!!!|\?\?\?|>)")
WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
OTHER_LETTER = re.compile(r"[\u0400-\u04ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u1100-\u11ff\uf900-\ufaff]")


@dataclass
class Finding:
    path: str
    line: int
    text: str
    why: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.why}: {self.text[:110]}"


def _blank(match: re.Match) -> str:
    """Keep the line count (findings name lines) while removing what a match covers."""
    return "\n" * match.group(0).count("\n")


def readable_text(markdown: str) -> str:
    """The page's prose: what is meant to be in the locale's language, lines kept in place."""
    text = FRONT_MATTER.sub(_blank, markdown)
    for pattern in (FENCE, COMMENT, LANG_EN_ELEMENT, SNIPPET):
        text = pattern.sub(_blank, text)
    text = LANG_EN_ATTR.sub(ENGLISH_MARK, text)
    text = IMAGE.sub(" ", text)
    text = LINK.sub(lambda m: " " + (m.group(1) or m.group(2) or "") + " ", text)
    text = INLINE_CODE.sub(" ", text)
    text = MACRO.sub(" ", text)
    text = URL.sub(" ", text)
    text = ATTR_LIST.sub(" ", text)
    return TAG.sub(" ", text)


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(first line number, text) of each paragraph, heading, list item, table row and admonition title."""
    units: list[tuple[int, list[str]]] = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            units.append((number, []))
            continue
        if UNIT_START.match(line) or not units or not units[-1][1]:
            units.append((number, [line]))
        else:
            units[-1][1].append(line)
    return [(number, " ".join(lines)) for number, lines in units if lines and ENGLISH_MARK not in "".join(lines)]


def english_words(locale: str) -> frozenset[str]:
    return ENGLISH - ENGLISH_OVERLAP.get(locale, set())


def judge(paragraph: str, locale: str) -> str | None:
    """Why the paragraph looks English in a page of the locale, or None."""
    words = [w.lower() for w in WORD.findall(paragraph)]
    english = english_words(locale)
    latin_words = [w for w in words if LATIN_LETTER.match(w)]
    if len(latin_words) < MIN_WORDS:
        return None
    english_count = sum(w in english for w in latin_words)
    if locale in SCRIPT_LOCALES:
        latin = len(LATIN_LETTER.findall(paragraph))
        other = len(OTHER_LETTER.findall(paragraph))
        if latin >= 0.8 * (latin + other) and english_count >= 2 and english_count >= 0.2 * len(latin_words):
            return f"Latin script, {english_count} of {len(latin_words)} words English function words"
        return None
    own = FUNCTION_WORDS.get(locale)
    if own is None:
        return None
    own_words = set(own.split())
    own_count = sum(w in own_words for w in words)
    if english_count >= 3 and english_count >= 0.2 * len(words) and english_count > 2 * own_count:
        return f"{english_count} English function words against {own_count} {locale} ones in {len(words)} words"
    return None


def untranslated_paragraphs(docs_dir: Path, locale: str) -> list[Finding]:
    findings = []
    for path in sorted((docs_dir / locale).rglob("*.md")):
        text = readable_text(path.read_text(encoding="utf-8"))
        for line, paragraph in paragraphs(text):
            why = judge(paragraph, locale)
            if why:
                findings.append(Finding(str(path.relative_to(docs_dir)), line, " ".join(paragraph.split()), why))
    return findings


def translated_locales(docs_dir: Path) -> list[str]:
    return sorted(p.name for p in docs_dir.iterdir()
                  if p.is_dir() and p.name != DEFAULT_LOCALE and p.name in SCRIPT_LOCALES | LATIN_LOCALES)


# -- the shipped help center --------------------------------------------------------------------------

@pytest.mark.parametrize("locale", translated_locales(ROOT / "docs"))
def test_no_english_paragraph_in_translated_pages(locale):
    findings = untranslated_paragraphs(ROOT / "docs", locale)
    assert not findings, "English left in translated pages (translate it, or mark a deliberate English " \
                         "quotation with lang=\"en\"):\n" + "\n".join(map(str, findings))


# -- the detector --------------------------------------------------------------------------------------

ENGLISH_PARAGRAPH = ("If you think someone else has access to your account, freeze it first and then change "
                     "your password from a device you trust.")
PLANTED = {
    "zh": "# 账户被盗\n\n如果您怀疑账户被盗，请立即冻结账户。\n\n{p}\n\n- 修改密码\n",
    "ru": "# Взлом аккаунта\n\nЕсли вы думаете, что аккаунт взломан, сначала заморозьте его.\n\n{p}\n",
    "ko": "# 계정 해킹\n\n계정이 해킹된 것 같으면 먼저 계정을 동결하세요.\n\n- {p}\n",
    "ja": "# アカウントの乗っ取り\n\n乗っ取られたと思ったら、まず凍結してください。\n\n| 手順 | {p} |\n",
    "es": "# Cuenta comprometida\n\nSi crees que alguien entró a tu cuenta, congélala primero y después "
          "cambia tu contraseña.\n\n{p}\n",
    "fr": "# Compte piraté\n\nSi vous pensez que quelqu'un a accès à votre compte, gelez-le d'abord.\n\n{p}\n",
    "pt": "# Conta invadida\n\nSe você acha que alguém acessou a sua conta, congele a conta primeiro.\n\n{p}\n",
    "vi": "# Tài khoản bị xâm nhập\n\nNếu bạn nghĩ có người đã truy cập tài khoản của bạn, hãy đóng băng "
          "tài khoản trước.\n\n{p}\n",
    "tr": "# Hesabınız ele geçirildi\n\nHesabınıza başka birinin girdiğini düşünüyorsanız önce hesabı "
          "dondurun ve sonra şifrenizi değiştirin.\n\n{p}\n",
}


def _tree(tmp_path: Path, locale: str, text: str) -> Path:
    page = tmp_path / "docs" / locale / "security" / "page.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text("---\nid: 5002\ntitle: x\n---\n" + text, encoding="utf-8")
    return tmp_path / "docs"


@pytest.mark.parametrize("locale", sorted(PLANTED))
def test_a_planted_english_paragraph_is_found(tmp_path, locale):
    docs = _tree(tmp_path, locale, PLANTED[locale].format(p=ENGLISH_PARAGRAPH))
    findings = untranslated_paragraphs(docs, locale)
    assert len(findings) == 1 and "freeze it first" in findings[0].text, findings
    assert findings[0].line == PLANTED[locale].format(p=ENGLISH_PARAGRAPH).split("\n").index(
        next(l for l in PLANTED[locale].format(p=ENGLISH_PARAGRAPH).split("\n") if "freeze" in l)) + 5
    # The same page without the English paragraph is clean.
    clean = _tree(tmp_path / "clean", locale, PLANTED[locale].format(p=""))
    assert untranslated_paragraphs(clean, locale) == []


def test_what_stays_english_on_purpose_is_not_reported(tmp_path):
    page = ("# 提币\n\n提币前请确认地址。\n\n"
            "```text\nIf you think someone else has access to your account, freeze it first.\n```\n\n"
            "<span lang=\"en\">If you think someone else has access to your account, freeze it first.</span>\n\n"
            "The reply says \"Your withdrawal is on hold\" and is in English.\n{ lang=\"en\" }\n\n"
            "`If you think someone else has access to your account, freeze it first`\n\n"
            "Google Authenticator, Microsoft Authenticator, Authy, 1Password, Bitwarden, YubiKey\n\n"
            "https://help.quillfeather.example/en/security/account-compromised/?from=the-app-and-the-site\n")
    assert untranslated_paragraphs(_tree(tmp_path, "zh", page), "zh") == []
    spanish = ("# Retiros\n\nUsa Google Authenticator o Authy para la verificación en dos pasos de tu cuenta "
               "y guarda los códigos de respaldo.\n")
    assert untranslated_paragraphs(_tree(tmp_path, "es", spanish), "es") == []


if __name__ == "__main__":
    docs_dir = Path(sys.argv[1])
    locales = sys.argv[2:] or translated_locales(docs_dir)
    total = 0
    for locale_ in locales:
        found = untranslated_paragraphs(docs_dir, locale_)
        total += len(found)
        print(f"{locale_}: {len(found)} English paragraph(s)")
        for finding in found:
            print(f"  {finding}")
    sys.exit(1 if total else 0)
