"""A reader's walk through every kind of page (home, category, article, fallback article, machine-translated article,
contact, search results, 404) of every locale, on a desktop (1280×800) and a phone (390×844), served as the
project's server serves the site (its Content-Security-Policy included).

Each page fails on: a navigation label repeated at one level; an English UI string (Material's, ours, or the
theme's from mkdocs.yml) on a non-English page outside a `lang="en"` element; an element with English text and
no `lang` saying so on a non-English page (English article titles, English paragraphs); content wider than the
viewport; a console error (CSP violations included); a request to another host.

Screenshots go to tests/browser/screens/<locale>-<kind>-<width>.png (kept by CI as artifacts, ignored by git).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from helpcenter.checks.accessibility import AuditedPage, open_page, pages_to_audit, serving
from helpcenter.i18n.strings import all_strings
from helpcenter.project import load_model, load_project
from helpcenter.static_server import serve_directory

from conftest import ROOT

SCREENS = Path(__file__).parent / "screens"
PROJECT = load_project(ROOT / "mkdocs.yml")
LOCALES = PROJECT.locales
VIEWPORTS = {1280: {"width": 1280, "height": 800}, 390: {"width": 390, "height": 844}}
MATERIAL_LANGUAGES = Path(__import__("material").__file__).parent / "templates" / "partials" / "languages"
# Material's keys that are settings, not words a reader sees or hears.
MATERIAL_SETTINGS = re.compile(r"^(language|direction|search\.config\..*)$")
# Python-Markdown's title of heading permalinks when mkdocs.yml names none.
TOC_PERMALINK_TITLE = "Permanent link"
EXAMPLES = 6  # offending elements named per check and page


def is_english(locale: str) -> bool:
    return locale.split("-")[0].lower() == "en"


def material_strings(language: str) -> dict[str, str]:
    path = MATERIAL_LANGUAGES / f"{language}.html"
    if not path.is_file():
        return {}
    pairs = re.findall(r'"([^"]+)":\s*"((?:[^"\\]|\\.)*)"', path.read_text(encoding="utf-8"))
    return {key: json.loads(f'"{value}"') for key, value in pairs if not MATERIAL_SETTINGS.match(key)}


def config_strings(config: dict) -> list[str]:
    """Words of the theme that mkdocs.yml sets once for every locale: the palette toggles, the permalink title."""
    palette = (config.get("theme") or {}).get("palette") or []
    names = [p["toggle"]["name"] for p in (palette if isinstance(palette, list) else [palette])
             if isinstance(p, dict) and isinstance(p.get("toggle"), dict) and p["toggle"].get("name")]
    toc = next((e["toc"] for e in config.get("markdown_extensions", []) if isinstance(e, dict) and "toc" in e), {}) or {}
    title = toc.get("permalink_title", TOC_PERMALINK_TITLE)
    return names + ([title] if toc.get("permalink") else [])


def _flatten(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def english_ui_strings(locale: str) -> list[str]:
    """English strings a reader of `locale` must not meet: those whose translation for `locale` differs."""
    ours = all_strings()
    english, own = ours.get("en", {}), ours.get(locale, {})
    found = set()
    for key, value in english.items():
        theirs = set(_flatten(own.get(key)))
        found |= {text for text in _flatten(value) if text not in theirs}
    material_en, material_own = material_strings("en"), material_strings(locale)
    found |= {text for key, text in material_en.items() if material_own.get(key) != text}
    found |= set(config_strings(PROJECT.config))
    # Too short or without letters, a string says nothing about the language it is in.
    return sorted(text for text in found if len(text.strip()) >= 3 and re.search(r"[A-Za-z]{2}", text))


def english_titles(site: Path, locale: str) -> list[str]:
    """Titles of the English articles and categories that the locale's own titles do not repeat."""
    catalogue = json.loads((site / "articles.json").read_text(encoding="utf-8"))
    entries = catalogue["articles"] + catalogue.get("categories", [])
    own = {entry["title"] for entry in entries if entry["locale"] == locale}
    return sorted({entry["title"] for entry in entries if entry["locale"] == "en"} - own)


# Runs in the page: every check that reads the DOM, returning {check: [description, ...]}.
PAGE_CHECKS = r"""
({uiStrings, titles, examples, viewportWidth}) => {
  const problems = {};
  const add = (check, text) => {
    const list = problems[check] = problems[check] || [];
    if (!list.includes(text)) list.push(text);
  };
  const squash = (text) => (text || "").replace(/\s+/g, " ").trim();
  const describe = (el) => {
    let path = el.tagName.toLowerCase();
    if (el.id) path += "#" + el.id;
    else if (el.classList.length) path += "." + [...el.classList].slice(0, 2).join(".");
    const parent = el.parentElement && el.parentElement.closest("[class]");
    if (parent && parent !== el) path = (parent.classList[0] ? "." + parent.classList[0] + " " : "") + path;
    return path;
  };
  const langOf = (el) => {
    const owner = el.closest("[lang]");
    return owner ? owner.getAttribute("lang") : "";
  };
  const english = (lang) => /^en(-|$)/i.test(lang);
  const pageLang = document.documentElement.getAttribute("lang") || "";

  // 1. A navigation label repeated at one level (one list of the primary navigation or the tabs).
  for (const list of document.querySelectorAll(".md-nav--primary ul.md-nav__list, .md-tabs__list")) {
    const seen = new Set();
    for (const item of list.children) {
      if (item.tagName !== "LI") continue;
      const label = item.querySelector(":scope > a, :scope > label, :scope > div");
      const text = label ? squash(label.textContent) : "";
      if (!text) continue;
      if (seen.has(text)) add("navigation label repeated at one level", `"${text}" in ${describe(list)}`);
      seen.add(text);
    }
  }

  if (!english(pageLang)) {
    // 2. English UI strings (exact text or a {placeholder} pattern) outside lang="en".
    const exact = new Set(), patterns = [];
    for (const text of uiStrings) {
      if (/\{[^}]*\}|#/.test(text)) {
        // A placeholder stands for a number, a date or a name: short, so a long text ending in "articles"
        // is not taken for "{count} articles".
        const source = text.split(/(\{[^}]*\}|#)/).map((part, i) => i % 2 ? ".{1,40}" :
          part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("");
        // Only with words of its own: "{month_name} {day}, {year}" is a format, not something a reader reads.
        const literal = text.replace(/\{[^}]*\}|#/g, "");
        if ((literal.match(/\p{L}/gu) || []).length >= 4) patterns.push([text, new RegExp("^" + source + "$")]);
      } else exact.add(squash(text));
    }
    const match = (value) => {
      if (!value) return null;
      if (exact.has(value)) return value;
      const hit = patterns.find(([, re]) => re.test(value));
      return hit ? hit[0] : null;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      // White space between elements is no text a reader sees; the texts beside it are checked on their own.
      if (!node.textContent.trim()) continue;
      if (!el || el.closest("script, style, noscript, code, pre") || english(langOf(el))) continue;
      // The text node, or its element when a string is split over a few inline elements ("Updated <time>…").
      const whole = el.children.length <= 3 && el.textContent.length <= 120 ? squash(el.textContent) : "";
      const value = match(squash(node.textContent)) ? squash(node.textContent) : whole;
      const hit = match(value);
      if (hit) add("English UI string", `"${value}" in ${describe(el)}` + (hit === value ? "" : ` (${hit})`));
    }
    for (const el of document.querySelectorAll("[aria-label], [title], [placeholder], [alt], [aria-placeholder], [data-md-tooltip]")) {
      if (english(langOf(el))) continue;
      for (const name of ["aria-label", "title", "placeholder", "alt", "aria-placeholder", "data-md-tooltip"]) {
        const hit = match(squash(el.getAttribute(name)));
        if (hit) add("English UI string", `${name}="${squash(el.getAttribute(name))}" on ${describe(el)}`);
      }
    }
    if (match(squash(document.title))) add("English UI string", `<title>${document.title}</title>`);

    // 3. English text without lang="en": English titles as whole texts, and English sentences.
    const titleSet = new Set(titles.map(squash));
    const blocks = "p, li, h1, h2, h3, h4, h5, h6, td, th, dt, dd, figcaption, summary, label, a, button, span.md-ellipsis";
    const ownScript = {zh: /\p{Script=Han}/u, ja: /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u,
                       ko: /\p{Script=Hangul}/u, ru: /\p{Script=Cyrillic}/u}[pageLang.split("-")[0]];
    const EN = new Set(("the and you your with this that from our will what how when before after have has are is " +
                        "of for can not it or into their they them there which was were been than then only also " +
                        "should would could about any each these those").split(" "));
    const looksEnglish = (text) => {
      const words = text.toLowerCase().match(/\p{L}+/gu) || [];
      if (words.length < 5) return false;
      if (ownScript && ownScript.test(text)) return false;
      const hits = words.filter((w) => EN.has(w)).length;
      return hits >= 2 && hits / words.length >= 0.15;
    };
    const candidates = [...document.body.querySelectorAll(blocks)].filter((el) =>
      !el.closest("script, style, noscript, code, pre, svg") && !english(langOf(el)));
    // An element's own text, without the parts that say their language (a list item holding an English title
    // marked lang="en" and a badge in the page's language is no unmarked English).
    const ownText = (el) => {
      if (!el.querySelector("[lang]")) return squash(el.innerText || el.textContent);
      const copy = el.cloneNode(true);
      copy.querySelectorAll("[lang]").forEach((marked) => marked.remove());
      return squash(copy.textContent);
    };
    for (const el of candidates) {
      const text = ownText(el);
      if (!text) continue;
      // Report the innermost element holding the text.
      const inner = [...el.querySelectorAll(blocks)].some((child) => ownText(child) === text);
      if (inner) continue;
      if (titleSet.has(text)) add("English text without lang", `English title "${text}" in ${describe(el)}`);
      else if (looksEnglish(text)) add("English text without lang", `"${text.slice(0, 80)}" in ${describe(el)}`);
    }
  }

  // 4. Content wider than the viewport.
  // The width the reader's screen has: a phone widens its layout viewport (innerWidth) when content overflows.
  const viewport = viewportWidth;
  const width = document.documentElement.scrollWidth;
  if (width > viewport) {
    const wide = [...document.body.querySelectorAll("*")].filter((el) => {
      const right = el.getBoundingClientRect().right;
      const parent = el.parentElement;
      return right > viewport + 1 && (!parent || parent.getBoundingClientRect().right <= viewport + 1);
    }).slice(0, 3).map(describe);
    add("content wider than the viewport", `document ${width} px > viewport ${viewport} px; widest: ${wide.join(", ")}`);
  }
  for (const key of Object.keys(problems)) {
    const list = problems[key];
    if (list.length > examples) problems[key] = [...list.slice(0, examples), `… and ${list.length - examples} more`];
  }
  return problems;
}
"""


@pytest.fixture(scope="module")
def hc():
    return load_model(PROJECT)


@pytest.fixture(scope="module")
def site_base(built_site):
    with serving(built_site) as base:
        yield base


def open_tab(browser, base: str, width: int):
    """A tab at `width` whose console errors and requests to hosts other than `base`'s (aborted) are gathered."""
    origin = urlsplit(base).netloc
    phone = width < 600
    context = browser.new_context(viewport=VIEWPORTS[width], is_mobile=phone, has_touch=phone, device_scale_factor=1)
    seen = {"console": [], "foreign": []}

    def route(route):
        url = route.request.url
        if url.startswith(("data:", "blob:", "about:")) or urlsplit(url).netloc == origin:
            route.continue_()
        else:
            seen["foreign"].append(url)
            route.abort()

    context.route("**/*", route)
    tab = context.new_page()
    tab.on("console", lambda message: message.type == "error" and seen["console"].append(
        (message.text, (message.location or {}).get("url", ""))))
    tab.on("pageerror", lambda error: seen["console"].append((f"uncaught: {error}", "")))
    return tab, seen


def check_page(tab, seen, url: str, audited, width: int, ui_strings: list[str], titles: list[str]) -> dict:
    """Open the page as a reader would and return its problems: {check: [what, ...]}."""
    seen["console"].clear()
    seen["foreign"].clear()
    open_page(tab, url, audited)
    problems = tab.evaluate(PAGE_CHECKS, {"uiStrings": ui_strings, "titles": titles, "examples": EXAMPLES,
                                          "viewportWidth": VIEWPORTS[width]["width"]})
    errors = [text for text, where in seen["console"]
              # The 404 page's own status is the point of that page, not an error of it.
              if not (audited.kind == "404" and where == url and "404" in text)]
    if errors:
        problems["console error"] = errors[:EXAMPLES]
    if seen["foreign"]:
        problems["request to another host"] = sorted(set(seen["foreign"]))[:EXAMPLES]
    return problems


@pytest.fixture(scope="module")
def tabs(browser, site_base):
    """One context and tab per width, reused for every page of the walk."""
    SCREENS.mkdir(exist_ok=True)
    result = {width: open_tab(browser, site_base, width) for width in VIEWPORTS}
    yield result
    for tab, _ in result.values():
        tab.context.close()


@pytest.mark.parametrize("width", list(VIEWPORTS))
@pytest.mark.parametrize("locale", LOCALES)
def test_reader_walk(hc, built_site, site_base, tabs, locale, width):
    tab, seen = tabs[width]
    ui_strings = [] if is_english(locale) else english_ui_strings(locale)
    titles = [] if is_english(locale) else english_titles(built_site, locale)
    report = []
    for audited in pages_to_audit(hc, built_site, [locale]):
        problems = check_page(tab, seen, site_base + audited.site_path, audited, width, ui_strings, titles)
        # The search overlay is what the reader sees of that page; a full-page shot would also take in the
        # phone overlay's scaled-up circle, which the page clips.
        tab.screenshot(path=str(SCREENS / f"{locale}-{audited.kind}-{width}.png"), full_page=audited.kind != "search")
        for check, items in sorted(problems.items()):
            report.append(f"{audited.kind} /{audited.site_path}: {check}:\n    " + "\n    ".join(items))
    assert not report, f"{locale} at {width} px:\n" + "\n".join(report)


@pytest.fixture(scope="module")
def fallback_base(fallback_site):
    with serving(fallback_site.site) as base:
        yield base


@pytest.mark.parametrize("width", list(VIEWPORTS))
@pytest.mark.parametrize("locale, category", [("fr", "earn"), ("ja", "derivatives")])
def test_reader_walk_through_fallback_pages(fallback_site, fallback_base, browser, locale, category, width):
    # The shipped help center may have no English fallback left: the fallback project's fr shows its earn
    # articles in English under a French category page, its ja the whole derivatives category with its page.
    hc, site = fallback_site.hc, fallback_site.site
    walk = [p for p in pages_to_audit(hc, site, [locale]) if p.kind == "fallback"]
    assert len(walk) == 1, walk
    walk.append(AuditedPage(locale, "category", f"{hc.locale_prefix(locale)}{category}/"))
    walk.append(AuditedPage(locale, "search", hc.locale_prefix(locale), query=fallback_site.fallbacks(locale)[-1].title))
    tab, seen = open_tab(browser, fallback_base, width)
    try:
        ui_strings, titles = english_ui_strings(locale), english_titles(site, locale)
        report = []
        for audited in walk:
            problems = check_page(tab, seen, fallback_base + audited.site_path, audited, width, ui_strings, titles)
            tab.screenshot(path=str(SCREENS / f"{locale}-fallback-{audited.kind}-{width}.png"),
                           full_page=audited.kind != "search")
            for check, items in sorted(problems.items()):
                report.append(f"{audited.kind} /{audited.site_path}: {check}:\n    " + "\n    ".join(items))
    finally:
        tab.context.close()
    assert not report, f"{locale} at {width} px:\n" + "\n".join(report)


def test_console_errors_csp_violations_and_foreign_requests_are_caught(browser, tmp_path):
    """Served with the project server's rules, an inline script the built site did not have breaks the CSP (and the
    CSP stops an image from another host); served without them, the image request itself is caught; a script error
    is caught; the site's own 404 status is not an error."""
    site = tmp_path / "site"
    site.mkdir()
    clean = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Clean</title></head><body><p>ok</p></body></html>'
    (site / "index.html").write_text(clean, encoding="utf-8")
    (site / "404.html").write_text(clean.replace("ok", "not found"), encoding="utf-8")
    with serving(site) as base:
        # Written after the server read the site: its inline script has no hash in the policy.
        (site / "late").mkdir()
        (site / "late" / "index.html").write_text(clean.replace(
            "<p>ok</p>", '<script>document.title = "ran"</script><img src="http://elsewhere.example/x.png" alt="x">'
            "<p>late</p>"), encoding="utf-8")
        (site / "broken").mkdir()
        (site / "broken" / "index.html").write_text(clean.replace(
            "<p>ok</p>", '<script src="/broken.js"></script>'), encoding="utf-8")
        (site / "broken.js").write_text("undefinedFunction();", encoding="utf-8")
        tab, seen = open_tab(browser, base, 1280)
        try:
            late = check_page(tab, seen, base + "late/", AuditedPage("en", "article", "late/"), 1280, [], [])
            broken = check_page(tab, seen, base + "broken/", AuditedPage("en", "article", "broken/"), 1280, [], [])
            missing = check_page(tab, seen, base + "nope/", AuditedPage("en", "404", "nope/"), 1280, [], [])
            clean_page = check_page(tab, seen, base, AuditedPage("en", "home", ""), 1280, [], [])
        finally:
            tab.context.close()
    plain_base, plain_server = serve_directory(site)
    tab, seen = open_tab(browser, plain_base, 1280)
    try:
        without_csp = check_page(tab, seen, plain_base + "late/", AuditedPage("en", "article", "late/"), 1280, [], [])
    finally:
        tab.context.close()
        plain_server.shutdown()
    messages = " ".join(late["console error"])
    assert "Content Security Policy" in messages and "script-src" in messages and "img-src" in messages, late
    assert "undefinedFunction" in " ".join(broken["console error"]), broken
    assert missing == {} and clean_page == {}, (missing, clean_page)
    assert without_csp["request to another host"] == ["http://elsewhere.example/x.png"], without_csp


ALL_KINDS = {"home", "category", "article", "fallback", "machine-translated", "contact", "search", "404"}


def test_the_walk_covers_every_kind_of_page(hc, built_site, fallback_site):
    # The shipped site has every kind but, once every locale is translated, fallbacks: the walk through the
    # fallback project's pages covers those.
    assert {page.kind for page in pages_to_audit(hc, built_site)} >= ALL_KINDS - {"fallback"}
    kinds = {(page.locale, page.kind) for page in pages_to_audit(fallback_site.hc, fallback_site.site)}
    assert {kind for _, kind in kinds} == ALL_KINDS
    assert {("fr", "fallback"), ("ja", "fallback"), ("fr", "machine-translated")} <= kinds


def test_the_lists_of_english_words_hold_what_readers_see():
    # Material's, ours and mkdocs.yml's: if one source went missing the check would pass on English pages.
    strings = set(english_ui_strings("ja"))
    assert {"Type to start searching", "Back to top", "Skip to content"} <= strings  # Material
    assert {"Related articles", "Page not found"} <= strings  # ours
    assert set(config_strings(PROJECT.config)) <= strings
    sample = {"theme": {"palette": [{"toggle": {"name": "Switch to dark mode"}}, {"toggle": {"name": "Switch to light mode"}}]},
              "markdown_extensions": [{"toc": {"permalink": True}}]}
    assert config_strings(sample) == ["Switch to dark mode", "Switch to light mode", "Permanent link"]


def test_the_page_checks_find_planted_problems(browser, tmp_path):
    """Each check fires on a page built to break it, and stays quiet on its correct twin."""
    planted = (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Planted</title></head><body>'
        '<nav class="md-nav md-nav--primary"><ul class="md-nav__list">'
        '<li class="md-nav__item"><a class="md-nav__link"><span class="md-ellipsis">Sécurité</span></a></li>'
        '<li class="md-nav__item"><a class="md-nav__link"><span class="md-ellipsis">Sécurité</span></a></li>'
        '</ul></nav><button title="Switch to dark mode">☾</button><span>12 articles</span>'
        '<p>Follow these steps before you withdraw your funds from the exchange.</p>'
        '<ul><li><a href="#">Create an account</a></li></ul>'
        '<div style="width: 3000px">wide</div></body></html>')
    correct = (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Correct</title></head><body>'
        '<nav class="md-nav md-nav--primary"><ul class="md-nav__list">'
        '<li class="md-nav__item"><a class="md-nav__link"><span class="md-ellipsis">Sécurité</span></a>'
        '<nav class="md-nav"><ul class="md-nav__list"><li class="md-nav__item"><a class="md-nav__link">'
        '<span class="md-ellipsis">Sécurité</span></a></li></ul></nav></li></ul></nav>'
        '<button title="Passer en mode sombre">☾</button>'
        '<p lang="en">Follow these steps before you withdraw your funds from the exchange.</p>'
        '<p>Suivez ces étapes avant de retirer vos fonds de la plateforme.</p><p>Retraits en attente, dépôts et frais</p>'
        '<ul><li><a href="#" lang="en">Create an account</a></li></ul></body></html>')
    context = browser.new_context(viewport=VIEWPORTS[390])
    tab = context.new_page()
    arguments = {"uiStrings": ["Switch to dark mode", "{count} articles", "{month_name} {day}, {year}"],
                 "titles": ["Create an account"], "examples": EXAMPLES,
                 "viewportWidth": 390}
    try:
        tab.set_content(planted)
        found = tab.evaluate(PAGE_CHECKS, arguments)
        tab.set_content(correct)
        quiet = tab.evaluate(PAGE_CHECKS, arguments)
    finally:
        context.close()
    assert set(found) == {"navigation label repeated at one level", "English UI string", "English text without lang",
                          "content wider than the viewport"}, found
    assert len(found["English text without lang"]) == 2, found  # the sentence and the title
    assert len(found["English UI string"]) == 2, found  # the button's title and "12 articles"
    assert quiet == {}, quiet
