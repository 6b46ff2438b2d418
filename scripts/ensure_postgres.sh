#!/bin/sh
# The feedback store tests start a throw-away PostgreSQL server (initdb + pg_ctl, tests/feedback/postgres_cluster.py);
# install Debian's server package when it is missing and we may.
set -e
if [ -n "${HELPCENTER_PG_BINDIR:-}" ] && [ -x "$HELPCENTER_PG_BINDIR/initdb" ]; then
    exit 0
fi
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing postgresql with apt-get"
    apt-get update -qq
    # Only the binaries: the package's own cluster is not used (the tests make their own), so it is not started.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
else
    echo "PostgreSQL is missing: install Debian's 'postgresql' package (sudo apt-get install postgresql)," \
         "or set HELPCENTER_PG_BINDIR to the folder holding initdb and pg_ctl" >&2
    exit 1
fi
