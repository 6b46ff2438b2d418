"""Build-time benchmark: our configuration against plain Material + static-i18n on the same synthetic corpus.

For each size (articles x locales) it writes a help center into a temporary folder, builds it with our
mkdocs.yml (our theme overrides and plugins, whatever is enabled in it today) and with plain Material +
static-i18n (same Markdown extensions and languages, Material's search, no overrides, no plugins of ours),
one right after the other, and prints a Markdown table: seconds, ms per page, peak memory, the ratio and
output sizes.

Each variant is built --repeat times (default 3), ours and plain in turn, and the table gives each one's
median build: on a shared machine the same build takes 10-20 % longer in one minute than in the next, and
alternating lets both variants meet the same slow and fast spells. Every build of ours starts without the
segmenters' cache (`.cache/`), as on a fresh CI checkout, and writes a site folder of its own.

    .venv/bin/python scripts/bench_build.py --sizes 200x1,300x3
    .venv/bin/python scripts/bench_build.py            # every size; bounded by --budget

Peak memory is the largest sum of proportional set sizes (PSS) over the build's processes, sampled every
0.5 s, so parallel locale builds are counted in full and pages they share are not counted twice. Reading PSS
costs the kernel about 10 ms per 300 MiB; sampled more often, it takes CPU time from a build that uses every
core (ours), but not from one that uses one core (plain).
"""

from __future__ import annotations

import argparse
import copy
import gzip
import hashlib
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from helpcenter.serve_process import ServeProcess

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SIZES = "200x1,1000x1,2000x1,300x3,300x11"
# Locale order: the first L are used for a corpus of L locales. Share of articles translated per locale.
LOCALES = ["en", "zh", "ja", "ko", "es", "ru", "zh-TW", "pt", "fr", "tr", "vi"]
TRANSLATED_SHARE = {"en": 1.0, "zh": 1.0, "ja": 0.6, "ko": 0.5, "es": 1.0, "ru": 0.4, "zh-TW": 0.3,
                    "pt": 0.8, "fr": 1.0, "tr": 0.2, "vi": 0.5}
CJK = {"zh", "zh-TW", "ja", "ko"}
CATEGORIES = [("getting-started", "material/rocket-launch"), ("deposits-withdrawals", "material/bank-transfer"),
              ("trading", "material/chart-line"), ("derivatives", "material/chart-bell-curve"),
              ("security", "material/shield-lock"), ("support", "material/lifebuoy")]
PRIORITIES = ["normal"] * 12 + ["promoted", "critical", "urgent"]

# Words to write prose from, per language (CJK locales use phrases joined without spaces).
WORDS = {
    "en": ("account deposit withdrawal network address wallet balance order market limit price fee security "
           "verification identity password device login code email phone transfer confirm review request support "
           "ticket network memo tag spot futures margin funding position liquidation risk asset trade history "
           "settings app website minutes hours check enter select open choose status pending complete arrive "
           "your the a to of and in on for with before after when if you can will may must not always").split(),
    "es": ("cuenta depósito retiro red dirección billetera saldo orden mercado precio comisión seguridad "
           "verificación identidad contraseña dispositivo código correo teléfono transferencia confirmar revisar "
           "soporte ticket activo historial ajustes minutos horas estado pendiente su la el de y en para con "
           "antes después cuando si puede debe").split(),
    "ru": ("аккаунт депозит вывод сеть адрес кошелёк баланс ордер рынок цена комиссия безопасность проверка "
           "личность пароль устройство код почта телефон перевод подтвердить поддержка заявка актив история "
           "настройки минуты часы статус ваш и в на для с до после когда если можно нужно").split(),
    "pt": ("conta depósito saque rede endereço carteira saldo ordem mercado preço taxa segurança verificação "
           "identidade senha dispositivo código email telefone transferência confirmar suporte ticket ativo "
           "histórico ajustes minutos horas status sua a o de e em para com antes depois quando se pode deve").split(),
    "fr": ("compte dépôt retrait réseau adresse portefeuille solde ordre marché prix frais sécurité vérification "
           "identité mot de passe appareil code e-mail téléphone virement confirmer assistance ticket actif "
           "historique réglages minutes heures statut votre la le de et en pour avec avant après quand si").split(),
    "tr": ("hesap yatırma çekme ağ adres cüzdan bakiye emir piyasa fiyat ücret güvenlik doğrulama kimlik şifre "
           "cihaz kod e-posta telefon transfer onayla destek talep varlık geçmiş ayarlar dakika saat durum "
           "sizin ve ile için önce sonra eğer").split(),
    "vi": ("tài khoản nạp rút mạng địa chỉ ví số dư lệnh thị trường giá phí bảo mật xác minh danh tính mật khẩu "
           "thiết bị mã email điện thoại chuyển khoản xác nhận hỗ trợ yêu cầu tài sản lịch sử cài đặt phút giờ "
           "trạng thái của bạn và trong cho với trước sau khi nếu").split(),
    "zh": ("账户 充值 提现 网络 地址 钱包 余额 订单 市场 价格 手续费 安全 验证 身份 密码 设备 登录 验证码 邮箱 "
           "手机 转账 确认 审核 客服 工单 资产 交易 历史 设置 分钟 小时 状态 您的 请 在 和 之前 之后 如果 可以 "
           "必须 不要").split(),
    "zh-TW": ("帳戶 入金 出金 網路 地址 錢包 餘額 訂單 市場 價格 手續費 安全 驗證 身分 密碼 裝置 登入 驗證碼 "
              "電子郵件 手機 轉帳 確認 審核 客服 工單 資產 交易 紀錄 設定 分鐘 小時 狀態 您的 請 在 和 之前 之後 "
              "如果 可以 必須 不要").split(),
    "ja": ("アカウント 入金 出金 ネットワーク アドレス ウォレット 残高 注文 市場 価格 手数料 セキュリティ 認証 本人確認 "
           "パスワード 端末 ログイン コード メール 電話 送金 確認 サポート チケット 資産 取引 履歴 設定 分 時間 "
           "状態 お客様の を に は が で と から まで 場合 できます 必要です").split(),
    "ko": ("계정 입금 출금 네트워크 주소 지갑 잔액 주문 시장 가격 수수료 보안 인증 신원 비밀번호 기기 로그인 코드 "
           "이메일 전화 송금 확인 고객지원 티켓 자산 거래 내역 설정 분 시간 상태 고객님의 을 를 에 은 는 이 가 "
           "전에 후에 경우 할 수 있습니다").split(),
}


# ---------------------------------------------------------------------------------------------------------
# The synthetic help center
# ---------------------------------------------------------------------------------------------------------

# Distinctive words (names of networks, tokens, products, features): each article draws its own few from a
# large pool, as real articles do, so search indexes and related-article scores meet a realistic vocabulary.
SYLLABLES = {
    "latin": "ka lo mi ne ru sa te vo zi bra cle dri fen gor hal jun kes lum mar nix pol quen ros tav ul ven wex yar zor".split(),
    "zh": list("链币网桥矿池钥签盾仓额息率速码册群镜港星辰云峰河川林谷泉石金银铜铁"),
    "zh-TW": list("鏈幣網橋礦池鑰簽盾倉額息率速碼冊群鏡港星辰雲峰河川林谷泉石金銀銅鐵"),
    "ja": list("カキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモラリルレロ"),
    "ko": list("가나다라마바사아자차카타파하거너더러머버서어저처커터퍼허"),
}
POOL_SIZE = 4000
TOPIC_WORDS = 12  # distinctive words per article


def _pool(locale: str) -> list[str]:
    syllables = SYLLABLES.get(locale, SYLLABLES["latin"])
    rng = random.Random(locale)
    words = set()
    while len(words) < POOL_SIZE:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 3))))
    return sorted(words)


_POOLS: dict[str, list[str]] = {}


class Writer:
    """Deterministic prose in one language: sentences, headings, lists, tables and admonitions.
    Japanese gets particles between words and Chinese none, so segmenters meet text shaped like the real thing."""

    def __init__(self, locale: str, seed: int):
        self.locale = locale
        self.words = WORDS[locale]
        self.joiner = "" if locale in {"zh", "zh-TW", "ja"} else " "
        self.stop = "。" if locale in {"zh", "zh-TW", "ja"} else "."
        self.rng = random.Random(seed)
        pool = _POOLS.setdefault(locale, _pool(locale))
        self.topic = self.rng.sample(pool, TOPIC_WORDS)

    def word(self) -> str:
        return self.rng.choice(self.topic) if self.rng.random() < 0.25 else self.rng.choice(self.words)

    def phrase(self, n: int) -> str:
        words = [self.word() for _ in range(n)]
        if self.locale == "ja":
            return "".join(w + self.rng.choice("のをにでとはが") for w in words[:-1]) + words[-1]
        return self.joiner.join(words)

    def sentence(self) -> str:
        text = self.phrase(self.rng.randint(8, 16))
        return (text[:1].upper() + text[1:] if self.joiner else text) + self.stop

    def paragraph(self) -> str:
        return self.joiner.join(self.sentence() for _ in range(self.rng.randint(3, 4)))

    def title(self) -> str:
        text = self.phrase(self.rng.randint(3, 6))
        return text[:1].upper() + text[1:] if self.joiner else text


def _article_body(writer: Writer, links: list[str]) -> str:
    rng = writer.rng
    parts = [writer.paragraph(), writer.paragraph()]
    for section in range(rng.randint(3, 5)):
        parts.append(f"## {writer.title()}")
        parts.append(writer.paragraph())
        shape = (section + rng.randint(0, 3)) % 4
        if shape == 0:
            parts.append("\n".join(f"{i}. {writer.sentence()}" for i in range(1, rng.randint(4, 7))))
        elif shape == 1:
            parts.append("\n".join(f"- {writer.sentence()}" for _ in range(rng.randint(3, 6))))
        elif shape == 2:
            rows = [f"| {writer.phrase(2)} | {writer.phrase(3)} | {rng.randint(1, 500)} |" for _ in range(4)]
            parts.append(f"| {writer.phrase(1)} | {writer.phrase(1)} | {writer.phrase(1)} |\n| --- | --- | --- |\n"
                         + "\n".join(rows))
        else:
            parts.append(f'!!! warning "{writer.title()}"\n    {writer.sentence()} {writer.sentence()}')
        parts.append(writer.paragraph())
        if links:
            parts.append(f"[{writer.title()}]({rng.choice(links)})")
    return "\n\n".join(parts) + "\n"


def _front_matter(fields: dict) -> str:
    return "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=1000) + "---\n\n"


@dataclass
class Corpus:
    root: Path
    articles: int
    locales: list[str]
    files: int = 0
    words: int = 0
    translated: dict[str, int] = field(default_factory=dict)


def write_corpus(root: Path, articles: int, locale_count: int, seed: int = 7) -> Corpus:
    """docs/<locale>/... for `articles` English articles and the first `locale_count` LOCALES."""
    locales = LOCALES[:locale_count]
    docs = root / "docs"
    corpus = Corpus(root=root, articles=articles, locales=locales)
    per_category = {cat: [] for cat, _ in CATEGORIES}
    for i in range(articles):
        per_category[CATEGORIES[i % len(CATEGORIES)][0]].append(i)
    english: dict[int, str] = {}  # article number -> English file text (its revision is the translation source)
    for locale in locales:
        share = TRANSLATED_SHARE[locale]
        count = 0
        home = Writer(locale, seed)
        _write(docs / locale / "index.md", _front_matter({"title": home.title(), "description": home.sentence()})
               + home.paragraph() + "\n")
        for order, (category, icon) in enumerate(CATEGORIES, start=1):
            w = Writer(locale, seed * 7919 + order)
            _write(docs / locale / category / "index.md",
                   _front_matter({"title": w.title(), "description": w.sentence(), "icon": icon, "order": order})
                   + w.paragraph() + "\n")
            siblings = per_category[category]
            for n in siblings:
                # Translations cover the first share of each category's articles, so partial locales fall back.
                if locale != "en" and siblings.index(n) >= share * len(siblings):
                    continue
                w = Writer(locale, seed * 100_003 + n)
                links = [f"article-{m}.md" for m in w.rng.sample(siblings, min(3, len(siblings))) if m != n]
                fields = {"id": 1000 + n, "title": w.title(), "description": w.sentence(), "category": category,
                          "tags": [w.phrase(1) for _ in range(3)],
                          "priority": PRIORITIES[n % len(PRIORITIES)]}
                if locale != "en":
                    revision = hashlib.sha256(english[n].encode("utf-8")).hexdigest()[:12]
                    fields["source_revision"] = f"sha256:{revision}"
                body = _article_body(w, links)
                text = _front_matter(fields) + body
                if locale == "en":
                    english[n] = text
                _write(docs / locale / category / f"article-{n}.md", text)
                corpus.words += len(body.split()) if locale == "en" else 0
                count += 1
        corpus.translated[locale] = count
    copy_shipped_pages(docs, locales)
    corpus.files = sum(1 for _ in docs.rglob("*.md"))
    return corpus


_LINK = re.compile(r"\[([^\]]+)\]\((?!https?:|mailto:|#)[^)]*\)")


def copy_shipped_pages(docs: Path, locales: list[str]) -> None:
    """Our configuration names pages of the shipped site: its top-level pages (e.g. contact.md) and articles
    by id (e.g. helpcenter-contact's urgent.article). Copy those into the corpus, their links made plain text
    so they point nowhere outside it."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    named_ids = set(_named_article_ids(config.get("plugins", [])))
    shipped = ROOT / "docs"
    facts = shipped / "facts.yml"  # the copied pages name facts of helpcenter-articles' facts file
    if facts.is_file():
        _write(docs / facts.name, facts.read_text(encoding="utf-8"))
    for locale in locales:
        sources = [p for p in (shipped / locale).glob("*.md") if p.name != "index.md"]
        for path in (shipped / locale).rglob("*.md"):
            match = re.search(r"^id:\s*(\d+)\s*$", path.read_text(encoding="utf-8")[:2000], re.M)
            if match and int(match[1]) in named_ids:
                sources.append(path)
        for path in sources:
            target = docs / locale / path.relative_to(shipped / locale)
            _write(target, _LINK.sub(r"\1", path.read_text(encoding="utf-8")))


def _named_article_ids(value):
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "article" and isinstance(item, int):
                yield item
            else:
                yield from _named_article_ids(item)
    elif isinstance(value, list):
        for item in value:
            yield from _named_article_ids(item)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------------------------------------------------
# The two configurations
# ---------------------------------------------------------------------------------------------------------

def _plugin_name(entry) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


def _i18n_options(config: dict, locales: list[str]) -> dict:
    entry = next(e for e in config["plugins"] if _plugin_name(e) == "i18n")
    options = copy.deepcopy(entry["i18n"])
    options["languages"] = [lang for lang in options["languages"] if lang["locale"] in locales]
    return options


def our_config(root: Path, locales: list[str], without: tuple[str, ...] = ()) -> dict:
    """The shipped mkdocs.yml with the corpus' docs and only its locales (and without some plugins, to see
    what each costs)."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(root / "docs")
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    config["plugins"] = [{"i18n": _i18n_options(config, locales)} if _plugin_name(e) == "i18n"
                         else _only_locales(e, locales)
                         for e in config["plugins"] if _plugin_name(e) not in without]
    return config


def _only_locales(value, locales: list[str]):
    """Plugin options without the locales the corpus does not have (plugins reject unknown locales):
    locale keys are dropped, lists of locales filtered (and dropped when none is left)."""
    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            if key in LOCALES and key not in locales:
                continue
            if isinstance(item, list) and item and all(isinstance(i, str) and i in LOCALES for i in item):
                item = [i for i in item if i in locales]
                if not item:
                    continue
            result[key] = _only_locales(item, locales)
        return result
    if isinstance(value, list):
        return [_only_locales(item, locales) for item in value]
    return value


def plain_config(root: Path, locales: list[str]) -> dict:
    """Plain Material + static-i18n: our Markdown extensions and languages, Material's own search, Material's
    features without navigation.prune (not a default), no overrides and no plugins of ours."""
    ours = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    features = [f for f in ours["theme"].get("features", []) if f != "navigation.prune"]
    return {
        "site_name": ours["site_name"], "site_url": ours.get("site_url"), "docs_dir": str(root / "docs"),
        "use_directory_urls": True,
        "theme": {"name": "material", "language": "en", "font": False, "features": features},
        "markdown_extensions": ours["markdown_extensions"],
        "plugins": ["search", {"i18n": _i18n_options(ours, locales)}],
    }


# ---------------------------------------------------------------------------------------------------------
# Building and measuring
# ---------------------------------------------------------------------------------------------------------

PSS_SAMPLE_SECONDS = 0.5


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _process_tree(root_pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    tree, stack = [], [root_pid]
    while stack:
        pid = stack.pop()
        tree.append(pid)
        stack.extend(children.get(pid, []))
    return tree


@dataclass
class Build:
    variant: str
    seconds: float | None  # None: failed or timed out
    peak_mib: float = 0.0
    pages: int = 0
    site_mib: float = 0.0
    search_kib: tuple[float, float] = (0.0, 0.0)  # gzip size of the search payload: default locale, largest locale
    assets_kib: tuple[float, float] = (0.0, 0.0)  # JS+CSS a page loads: raw, gzip
    error: str = ""

    @property
    def ms_per_page(self) -> float | None:
        return self.seconds * 1000 / self.pages if self.seconds and self.pages else None


def run_build(variant: str, config_file: Path, site_dir: Path, timeout: float, locales: list[str]) -> Build:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_file), "-d", str(site_dir)]
    log_path = site_dir.parent / f"{variant}.log"
    start = time.perf_counter()
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=config_file.parent)
        peak = 0
        while True:
            peak = max(peak, sum(_pss_kib(pid) for pid in _process_tree(process.pid)))
            try:
                process.wait(timeout=PSS_SAMPLE_SECONDS)  # returns as soon as the build ends
                break
            except subprocess.TimeoutExpired:
                if time.perf_counter() - start > timeout:
                    process.kill()
                    process.wait()
                    return Build(variant, None, error=f"over the {timeout:.0f} s limit")
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        tail = log_path.read_text(errors="replace").strip().splitlines()[-5:]
        return Build(variant, None, error="build failed: " + " / ".join(tail))
    build = Build(variant, seconds, peak_mib=peak / 1024)
    measure_site(build, site_dir, locales)
    return build


def median_build(builds: list[Build]) -> Build:
    """The build with the median time (the faster middle one of an even number); a failed build if any failed."""
    failed = [build for build in builds if build.seconds is None]
    if failed:
        return failed[0]
    ordered = sorted(builds, key=lambda build: build.seconds)
    return ordered[(len(ordered) - 1) // 2]


def _gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9))


_ASSET = re.compile(r'<(?:script[^>]*\ssrc|link[^>]*\srel="stylesheet"[^>]*\shref|link[^>]*\shref)="([^"]+\.(?:js|css))"')


def measure_site(build: Build, site: Path, locales: list[str]) -> None:
    # Pages the theme rendered (short-link redirect stubs and 404 pages are not counted).
    build.pages = sum(1 for p in site.rglob("*.html")
                      if p.name != "404.html" and 'class="md-content"' in p.read_text(encoding="utf-8", errors="replace"))
    build.site_mib = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 2**20
    # Search payload: the index a reader's search box downloads: the locale's own (ours: the prebuilt index,
    # or the words when it is not prebuilt), else the site's search_index.json (static-i18n's merged index).
    sizes = []
    for locale in locales:
        folder = site / locale / "search" if locale != locales[0] else site / "search"
        candidates = [folder / name for name in ("helpcenter_index.json", "helpcenter_docs.json")]
        candidates.append(site / "search" / "search_index.json")
        index = next((path for path in candidates if path.is_file()), None)
        sizes.append(_gzip_size(index) / 1024 if index else 0)
    build.search_kib = (sizes[0], max(sizes))
    # JS and CSS the home page loads (local files only).
    home = (site / "index.html").read_text(encoding="utf-8")
    raw = packed = 0
    for ref in sorted(set(_ASSET.findall(home))):
        path = (site / ref.split("?")[0]).resolve()
        if path.is_file() and site.resolve() in path.parents:
            raw += path.stat().st_size
            packed += _gzip_size(path)
    build.assets_kib = (raw / 1024, packed / 1024)


def serve_rebuild(config_file: Path, article: Path, extra: tuple[str, ...], timeout: float) -> tuple[float, float]:
    """Seconds for `mkdocs serve` to build the site at start, and to rebuild it after one article is edited
    (read from its log: the rebuild ends when it reports the browsers reloaded)."""
    original = article.read_text(encoding="utf-8")
    try:
        with ServeProcess(config_file, *extra) as server:
            first = server.wait_for("Serving on http", timeout) - server.started
            time.sleep(1)
            edited = time.perf_counter()
            article.write_text(original + "\nOne more sentence for the rebuild.\n", encoding="utf-8")
            rebuild = server.wait_for("Reloading browsers", timeout) - edited
    except RuntimeError as error:
        raise SystemExit(str(error)) from None
    finally:
        article.write_text(original, encoding="utf-8")
    return first, rebuild


def parse_sizes(text: str) -> list[tuple[int, int]]:
    sizes = []
    for item in text.split(","):
        match = re.fullmatch(r"\s*(\d+)\s*[x×]\s*(\d+)\s*", item)
        if not match or not 1 <= int(match[2]) <= len(LOCALES):
            raise SystemExit(f"--sizes: '{item}' is not ARTICLESxLOCALES with 1..{len(LOCALES)} locales, e.g. 300x3")
        sizes.append((int(match[1]), int(match[2])))
    return sizes


def _fmt(value, pattern="{:.1f}") -> str:
    return "—" if value is None else pattern.format(value)


def table(rows: list[tuple[tuple[int, int], Build, Build]]) -> str:
    lines = ["| corpus | pages | ours s | plain s | plain ÷ ours | ours ms/page | plain ms/page "
             "| ours peak MiB | plain peak MiB | site MiB ours / plain | search gzip KiB per locale, ours (en / max) "
             "| plain (en / max) | JS+CSS KiB ours raw / gzip | plain raw / gzip |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for (articles, locales), ours, plain in rows:
        ratio = plain.seconds / ours.seconds if ours.seconds and plain.seconds else None
        lines.append(
            f"| {articles:,} × {locales} | {ours.pages or plain.pages:,} | {_fmt(ours.seconds)} | {_fmt(plain.seconds)} "
            f"| {_fmt(ratio, '{:.2f}×')} | {_fmt(ours.ms_per_page)} | {_fmt(plain.ms_per_page)} "
            f"| {ours.peak_mib:.0f} | {plain.peak_mib:.0f} | {ours.site_mib:.0f} / {plain.site_mib:.0f} "
            f"| {ours.search_kib[0]:.0f} / {ours.search_kib[1]:.0f} | {plain.search_kib[0]:.0f} / {plain.search_kib[1]:.0f} "
            f"| {ours.assets_kib[0]:.0f} / {ours.assets_kib[1]:.0f} | {plain.assets_kib[0]:.0f} / {plain.assets_kib[1]:.0f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=DEFAULT_SIZES,
                        help=f"comma-separated ARTICLESxLOCALES (default {DEFAULT_SIZES})")
    parser.add_argument("--variants", default="ours,plain", help="which builds to run: ours, plain or both")
    parser.add_argument("--budget", type=float, default=3600,
                        help="stop starting builds after this many seconds in all (default 3600)")
    parser.add_argument("--timeout", type=float, default=900, help="give up on one build after this many seconds")
    parser.add_argument("--repeat", type=int, default=3,
                        help="build each variant this many times, in turn, and report its median build (default 3)")
    parser.add_argument("--without", default="",
                        help="comma-separated plugins to leave out of our configuration (to see what each costs)")
    parser.add_argument("--keep", type=Path, help="write corpora and sites here and keep them (default: a temporary folder)")
    parser.add_argument("--serve", action="store_true",
                        help="instead: time `mkdocs serve` on the shipped site, at start and after editing one article")
    parser.add_argument("--serve-args", default="", help="extra `mkdocs serve` arguments, e.g. '--dirty'")
    args = parser.parse_args(argv)
    if args.serve:
        # A copy of the shipped site, so the edit never reaches the working tree others build from.
        with tempfile.TemporaryDirectory(prefix="bench-serve-") as folder:
            copy = Path(folder)
            for name in ("docs", "overrides"):
                shutil.copytree(ROOT / name, copy / name)
            shutil.copy(ROOT / "mkdocs.yml", copy / "mkdocs.yml")
            article = Path("docs") / "en" / "security" / "enable-2fa.md"
            first, rebuild = serve_rebuild(copy / "mkdocs.yml", copy / article, tuple(args.serve_args.split()),
                                           args.timeout)
        print(f"mkdocs serve {args.serve_args}: first build {first:.1f} s, rebuild after editing "
              f"{article} {rebuild:.1f} s (load average {os.getloadavg()[0]:.2f})")
        return 0
    sizes = parse_sizes(args.sizes)
    variants = [v.strip() for v in args.variants.split(",") if v.strip()]
    if not set(variants) <= {"ours", "plain"}:
        raise SystemExit("--variants: choose from ours, plain")

    without = tuple(p.strip() for p in args.without.split(",") if p.strip())
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-build-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    load = os.getloadavg()[0]
    print(f"# {os.cpu_count()} CPUs, load average {load:.2f} at start; corpora in {work}"
          + (f"; ours without {', '.join(without)}" if without else ""), flush=True)
    rows = []
    try:
        for articles, locale_count in sizes:
            root = work / f"{articles}x{locale_count}"
            if root.exists():  # from an earlier run with --keep: set aside, removed at the end (see below)
                root.rename(work / f".old-{root.name}-{time.time_ns()}")
            corpus = write_corpus(root, articles, locale_count)
            print(f"# {articles}x{locale_count}: {corpus.files} Markdown files, translated per locale "
                  f"{corpus.translated}", flush=True)
            runs: dict[str, list[Build]] = {variant: [] for variant in ("ours", "plain")}
            for attempt in range(max(1, args.repeat)):
                for variant in variants:
                    if runs[variant] and runs[variant][-1].seconds is None:
                        continue  # failed: building it again would fail again
                    left = args.budget - (time.perf_counter() - started)
                    if left <= 0:
                        if not runs[variant]:
                            runs[variant].append(Build(variant, None, error="budget spent"))
                        continue
                    config_file = root / f"mkdocs-{variant}.yml"
                    if attempt == 0:
                        config = (our_config(root, corpus.locales, without) if variant == "ours"
                                  else plain_config(root, corpus.locales))
                        config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                                               encoding="utf-8")
                    shutil.rmtree(root / ".cache", ignore_errors=True)  # the segmenters' cache: start cold
                    site = root / (f"site-{variant}" + (f"-{attempt + 1}" if attempt else ""))
                    build = run_build(variant, config_file, site, min(args.timeout, left), corpus.locales)
                    runs[variant].append(build)
                    print(f"#   {variant}: " + (f"{build.seconds:.1f} s, {build.pages} pages, {build.ms_per_page:.1f} ms/page, "
                                               f"peak {build.peak_mib:.0f} MiB" if build.seconds else build.error), flush=True)
            builds = {variant: median_build(runs[variant]) if runs[variant] else Build(variant, None, error="not run")
                      for variant in ("ours", "plain")}
            rows.append(((articles, locale_count), builds["ours"], builds["plain"]))
    finally:
        # Removed only at the end: creating thousands of files within ~30 s of deleting thousands costs ext4
        # without a journal (this machine's) seconds of system time, which would fall on the next build.
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        for old in work.glob(".old-*"):
            shutil.rmtree(old, ignore_errors=True)
    print(f"# load average {os.getloadavg()[0]:.2f} at the end, {time.perf_counter() - started:.0f} s in all\n")
    print(f"Medians of {max(1, args.repeat)} builds of each variant, built in turn.\n")
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
