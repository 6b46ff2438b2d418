# Two commands for a fresh clone: `make serve` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# This repository's exact versions; pyproject.toml declares the ranges the package accepts.
CONSTRAINTS := constraints.txt

.PHONY: install build serve test chromium postgres clean

$(STAMP): pyproject.toml $(CONSTRAINTS)
	$(PYTHON) -m venv $(VENV) || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv && rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c $(CONSTRAINTS) -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

build: install
	$(BIN)/mkdocs build --strict

# Locales `make serve` builds besides the default one: LOCALES=zh,ja or LOCALES=all (slower rebuilds).
LOCALES ?= en
serve: install
	HELPCENTER_SERVE_LOCALES=$(LOCALES) $(BIN)/mkdocs serve --livereload

chromium:
	@sh scripts/ensure_chromium.sh

# The feedback store tests run against a throw-away PostgreSQL server.
postgres:
	@sh scripts/ensure_postgres.sh

test: install chromium postgres
	$(BIN)/python -m pytest

clean:
	rm -rf site .pytest_cache
