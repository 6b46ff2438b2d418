"""External links: listed by every check, fetched only on request (`helpcenter check --external`), never in CI."""

from __future__ import annotations

import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from .findings import Finding
from .links import ExternalLink

USER_AGENT = "helpcenter-link-check/1"  # the package, not any one help center


def fetch_status(url: str, timeout: float) -> str | None:
    """None when the link works; otherwise what went wrong ('404 Not Found', 'timed out'…)."""
    for method in ("HEAD", "GET"):  # some servers refuse HEAD
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout):
                return None
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (403, 405, 501):
                continue
            return f"{error.code} {error.reason}"
        except (urllib.error.URLError, OSError, ValueError) as error:
            return str(getattr(error, "reason", error))
    return None


def external_findings(links: list[ExternalLink], timeout: float = 10, workers: int = 8) -> list[Finding]:
    urls = sorted({link.url.split("#")[0] for link in links})
    with ThreadPoolExecutor(max_workers=workers) as pool:
        statuses = dict(zip(urls, pool.map(lambda url: fetch_status(url, timeout), urls)))
    return [Finding("links", link.src, f"external link {link.url} does not work ({statuses[link.url.split('#')[0]]}).",
                    link.line, "update the address or remove the link.")
            for link in links if statuses[link.url.split("#")[0]]]
