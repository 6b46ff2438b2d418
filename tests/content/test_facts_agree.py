"""One truth per fact: recurring facts come from docs/facts.yml, no two articles state one differently, the
security advice that weakened the site's own rules stays out, and "change your password" leads to the reset
article."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path, PurePosixPath

from helpcenter.articles.facts import PLACEHOLDER, load_project_facts
from helpcenter.articles.frontmatter import split_front_matter
from helpcenter.project import load_model, load_project

ROOT = Path(__file__).resolve().parents[2]
PROJECT = load_project(ROOT / "mkdocs.yml")
HC = load_model(PROJECT)  # bodies with the facts filled in
FACTS = load_project_facts(PROJECT.docs_dir, PROJECT.plugin_options("helpcenter-articles").get("facts", "facts.yml"),
                           "docs", PROJECT.default_locale)
CHECKED_LOCALES = ("en", "zh")  # written in full here; other locales follow them through translation


def _sources(locales=CHECKED_LOCALES):
    """(file, locale, path, body as written, with placeholders) of every article."""
    for (locale, _), article in sorted(HC.articles.items()):
        if locale in locales:
            file = PROJECT.docs_dir / locale / article.path
            yield file, locale, article.path, split_front_matter(file.read_text(encoding="utf-8"), article.src).body


def _lines(body: str):
    fence = False
    for number, line in enumerate(body.splitlines(), 1):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        elif not fence:
            yield number, line


# A fact written in an article's own words instead of {{ fact.… }}: (fact, locale, pattern of such a statement).
LITERAL_STATEMENTS = [
    ("password_min_length / password_recommended_length", "en",
     r"(?i)(at least|minimum[^.|]{0,30}?|must be)\s+\d+\s+characters|\b\d+\s+characters or more"),
    ("password_min_length / password_recommended_length", "zh", r"(至少|最低要求是|最低接受)\s*\d+\s*位|\d+\s*位(或)?以上"),
    ("password_change_path", "en", r"\*\*Security\*\* > \*\*(Change password|Password)\*\*"),
    ("password_change_path", "zh", r"\*\*安全\*\* > \*\*(修改密码|登录密码)\*\*"),
    ("level0_requirement", "en", r"(?i)Level 0\b[^.;\n]*\b(e-?mail|phone)\b|\*\*Required\*\* \| (E-?mail|Phone)"),
    ("level0_requirement", "zh", r"Level 0[^。；\n]*(邮箱|手机)|0 级[^。；\n]*(邮箱|手机)|认证要求\*\* \| (邮箱|手机)"),
    ("level*_limit", "en", r"\b(50,000|2,000,000) USDT|\b(5,000|100,000) USD\b"),
    ("level*_limit", "zh", r"\b(50,000|2,000,000) USDT|\b(5,000|100,000) (USD\b|美元)"),
    ("fiat_limit_window", "en", r"(?i)fiat[^.\n]*\b(per day|calendar day \(00)"),
    ("fiat_limit_window", "zh", r"法币[^。\n]*(每天|每日)"),
    ("security_lock_hours", "en", r"(?i)locked for \d+ hours"),
    ("security_lock_hours", "zh", r"(锁定|暂停) \d+ 小时"),
    ("sepa_deposit_time", "en", r"(?i)SEPA\b(?![^.\n]*after)[^.\n]*(take|takes|within|arrive)[^.\n]*\d+(–\d+)? business days?"),
    ("sepa_deposit_time", "zh", r"SEPA[^。\n]*(需要|通常)[^。\n]*\d+(–\d+)? 个工作日"),
    ("chat_hours / other_languages_hours", "en", r"08:00\s*(–|-|to)\s*20:00"),
    ("chat_hours / other_languages_hours", "zh", r"08:00\s*(–|-|至)\s*20:00"),
    ("ticket_first_reply", "en", r"(?i)first (reply|response)[^.\n|]*within \d+ hours"),
    ("ticket_first_reply", "zh", r"首次回复[^。\n|]*\d+ 小时内"),
    ("email_reply", "en", r"(?i)up to 48 h"),
    ("email_reply", "zh", r"最长[^。\n|]{0,4}48 小时"),
    ("uid_location", "en", r"UID[^.\n]*(under|in) \*\*Account\*\*"),
    ("uid_location", "zh", r"UID[^。\n]*\*\*账户\*\*"),
]


def test_recurring_facts_are_written_as_placeholders():
    offenders = []
    for file, locale, _, body in _sources():
        for fact, fact_locale, pattern in LITERAL_STATEMENTS:
            if fact_locale != locale:
                continue
            for number, line in _lines(body):
                if re.search(pattern, line):
                    offenders.append(f"{file.relative_to(ROOT)}: '{line.strip()[:90]}' states {fact} in its own "
                                     f"words; write {{{{ fact.… }}}} from docs/facts.yml")
    assert not offenders, "\n".join(offenders)


def test_every_fact_is_used_and_every_placeholder_is_known():
    used = defaultdict(set)
    for file in PROJECT.docs_dir.rglob("*.md"):
        for name in PLACEHOLDER.findall(file.read_text(encoding="utf-8")):
            used[name].add(file.relative_to(PROJECT.docs_dir).as_posix())
    assert set(used) <= set(FACTS.values), set(used) - set(FACTS.values)
    assert set(FACTS.values) <= set(used), f"facts no article uses: {sorted(set(FACTS.values) - set(used))}"
    # Facts exist because several articles state them.
    recurring = {name for name, files in used.items() if len({f.split('/', 1)[1] for f in files}) >= 2}
    assert len(recurring) >= 12, sorted(recurring)


# Statements of the same fact, read from the articles as readers get them: every article must say the same.
CLAIMS = {
    "en": {
        "password minimum": r"(?i)(?:must be at least|minimum requirement is|accepts) (\d+)(?: characters)?",
        "other-language hours": r"other languages[^.\n|]*?(\d\d:\d\d\s*(?:–|to)\s*\d\d:\d\d)",
        "SEPA arrival": r"(?i)SEPA[^.\n]*?(?:usually|arrive)[^.\n]*?within (\d+(?:–\d+)? business days?)",
        "ticket first reply": r"(?i)first reply (?:comes |arrives )?(within \d+ hours)",
        "withdrawal lock": r"(?i)locked for (\d+ hours)",
        "Level 0 needs": r"(?i)Level 0[^\n]*?(?:only a|\| A) (verified [a-z ]+?)(?:[),|]| to )",
        "crypto limit Level 1": r"(?im)(?:^\| Level 1 \||Level 1: )[^\n]*?up to ([\d,]+) USDT",
    },
    "zh": {
        "password minimum": r"(?:密码至少|最低要求是|最低接受) (\d+) 位",
        "other-language hours": r"其他语言[^。\n|]*?(UTC \d\d:\d\d–\d\d:\d\d)",
        "SEPA arrival": r"SEPA[^。\n]*?通常[^。\n]*?(\d+(?:–\d+)? 个工作日)",
        "ticket first reply": r"首次回复[^。\n]*?(\d+ 小时内)",
        "withdrawal lock": r"(?:锁定|暂停) (\d+ 小时)",
    },
}


def test_articles_state_each_fact_the_same_way():
    disagreements = []
    for locale, claims in CLAIMS.items():
        for claim, pattern in claims.items():
            seen = defaultdict(set)
            for (article_locale, _), article in HC.articles.items():
                if article_locale == locale:
                    for value in re.findall(pattern, article.body):
                        seen[re.sub(r"\s+", " ", value.strip())].add(article.src)
            if len(seen) > 1:
                disagreements.append(f"{locale} {claim}: " + "; ".join(f"'{v}' in {sorted(s)}" for v, s in seen.items()))
            assert seen, f"{locale}: no article states '{claim}' any more; update this test"
    assert not disagreements, "\n".join(disagreements)


# Advice that contradicts the site's own security rules, in every language it was written in.
WEAK_ADVICE = [
    (r"(?i)\bonly (official )?web ?site\b|único sitio web", "the websites are quillfeather.example and its sub-domains"),
    (r"唯一的网站|唯一的網站|ウェブサイトは \*\*www|웹사이트는 \*\*www", "the websites are quillfeather.example and its sub-domains"),
    (r"(?i)the official (web)?site is `?www\.|sitio oficial es `?www|官方网站是 `?www|官方網站是 `?www|公式サイトは `?www|공식 사이트는 `?www",
     "the websites are quillfeather.example and its sub-domains"),
    (r"(?i)end in exactly `?quillfeather\.example|termina(r)? exactamente en|恰好以 `quillfeather\.example` 结尾|剛好以 `quillfeather\.example` 結尾",
     "'ends in quillfeather.example' accepts fakequillfeather.example: the host must be it or end in .quillfeather.example"),
    (r"(?i)(compare|check)(?![^.\n]*\bnot (just|only)\b)[^.\n]*\bfirst and last\b(?![^.\n]*not enough)", "compare the whole address (address poisoning copies the ends)"),
    (r"核对地址开头和结尾|核對地址開頭和結尾", "compare the whole address"),
    (r"(?i)cancel it[^.\n]*then freeze", "freeze first: freezing holds pending withdrawals"),
    (r"立即撤销，然后", "freeze first"),
]


def test_no_advice_weakens_the_security_rules():
    offenders = []
    for file, _, _, body in _sources(locales=tuple(PROJECT.locales)):
        for number, line in _lines(body):
            for pattern, rule in WEAK_ADVICE:
                if re.search(pattern, line):
                    offenders.append(f"{file.relative_to(ROOT)}: '{line.strip()[:90]}': {rule}")
    assert not offenders, "\n".join(offenders)


def test_live_chat_hours_are_never_given_as_24_7_alone():
    offenders = []
    for (locale, _), article in HC.articles.items():
        if locale not in CHECKED_LOCALES:
            continue
        for sentence in re.split(r"(?<=[.。!?])\s+|\n", article.body):
            chat = re.search(r"(?i)live chat|在线客服", sentence)
            always = re.search(r"(?i)24/7|around the clock|7×24", sentence)
            if chat and always and not re.search(r"English and Chinese|中文和英文", sentence):
                offenders.append(f"{article.src}: {sentence.strip()[:120]}")
    assert not offenders, "\n".join(offenders)


CHANGE_PASSWORD = {
    "en": r"(?i)\bchange (your |it|the )?password\b|^change it$", "zh": r"修改密码", "zh-TW": r"變更密碼",
    "ja": r"パスワードを変更", "ko": r"비밀번호를? 변경", "es": r"(?i)camb(ia|iar|iala|iar tu) (tu )?contraseña|^cámbiala$",
}
LINK = re.compile(r"\[([^\]]+)\]\(([^)\s#]+)(?:#[^)]*)?\)")
RESET = "getting-started/reset-password.md"


def test_change_password_links_reach_the_reset_article():
    offenders, checked = [], 0
    for file, locale, path, body in _sources(locales=tuple(CHANGE_PASSWORD)):
        for text, target in LINK.findall(body):
            if re.search(CHANGE_PASSWORD[locale], text) and not target.startswith(("http:", "https:", "mailto:")):
                checked += 1
                resolved = PurePosixPath(path).parent.joinpath(target).as_posix()
                parts = []
                for part in resolved.split("/"):
                    parts = parts[:-1] if part == ".." else parts + ([part] if part not in ("", ".") else [])
                if "/".join(parts) != RESET:
                    offenders.append(f"{file.relative_to(ROOT)}: [{text}]({target}) must lead to {RESET}")
    assert checked >= 10, checked
    assert not offenders, "\n".join(offenders)


def test_no_hand_written_related_or_contact_blocks():
    # The build adds related articles and "Still need help?" under every article.
    pattern = re.compile(r"^(#+ |!!! \w+ \")(Related articles|Still need help|相关文章|還需要幫助|还需要帮助|相關文章|関連記事|관련 문서|Artículos relacionados)")
    offenders = [f"{file.relative_to(ROOT)}:{number}" for file, _, _, body in _sources(tuple(PROJECT.locales))
                 for number, line in _lines(body) if pattern.match(line)]
    assert not offenders, offenders


def test_home_page_mixes_security_with_everyday_questions():
    for locale in PROJECT.locales:
        promoted = HC.promoted(locale, 8)
        categories = [a.category for a in promoted]
        paths = {a.path for a in promoted}
        assert len(promoted) == 8 and categories.count("security") <= 4, (locale, categories)
        assert "security/account-compromised.md" in paths
        assert {"deposits-withdrawals/deposit-crypto.md", "deposits-withdrawals/withdraw-crypto.md",
                "getting-started/verify-identity.md"} <= paths, (locale, sorted(paths))


HYPHENATED_WORDS = {"stop-limit", "stop-loss", "take-profit", "sub-accounts", "anti-phishing", "reduce-only",
                    "auto-subscribe"}


def test_tags_are_words_readers_type_in_their_language():
    offenders = []
    for (locale, _), article in HC.articles.items():
        for tag in article.tags:
            if locale == "en":
                slug_like = re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", tag) and tag not in HYPHENATED_WORDS
                if slug_like:
                    offenders.append(f"{article.src}: '{tag}' is a slug; write the words, e.g. '{tag.replace('-', ' ')}'")
            elif locale in ("zh", "zh-TW", "ja", "ko"):
                # Names readers copy as they appear (API, USDT, "API Secret", an HTTP status, security.txt) are fine.
                if tag.isascii() and not re.fullmatch(r"[A-Z0-9][A-Za-z0-9 -]*|[a-z]+\.[a-z]+", tag):
                    offenders.append(f"{article.src}: '{tag}' is not in the page's language")
            elif locale in ("es",) and tag in HC.source(article.id).tags and re.search(r"[a-z]-[a-z]", tag):
                offenders.append(f"{article.src}: '{tag}' is the English tag")
        if locale != "en" and article.tags == HC.source(article.id).tags and any(not t.isupper() for t in article.tags):
            offenders.append(f"{article.src}: tags are the English ones; translate them")
    assert not offenders, "\n".join(offenders)


def test_the_built_site_has_the_facts_filled_in_and_not_the_facts_file(built_site):
    assert not (built_site / "facts.yml").exists()
    page = (built_site / "zh/support/contact-support/index.html").read_text(encoding="utf-8")
    assert FACTS.text("chat_hours", "zh") in page and "{{" not in page
