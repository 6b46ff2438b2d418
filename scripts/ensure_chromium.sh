#!/bin/sh
# Browser tests drive Debian's Chromium; install it (and CJK fonts) when missing and we may.
set -e
if [ -n "${HELPCENTER_CHROMIUM:-}" ] && [ -x "$HELPCENTER_CHROMIUM" ]; then
    exit 0
fi
if command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi "noto.*cjk"; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing chromium and fonts-noto-cjk with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
else
    command -v chromium >/dev/null 2>&1 || {
        echo "chromium is missing: install Debian's 'chromium' package (sudo apt-get install chromium fonts-noto-cjk)" >&2
        exit 1
    }
fi
