# The README's two commands are `make run` and `make check`; .ci/run calls `make check`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
RUN_STAMP := $(VENV)/.run-stamp
BROWSER := tests/browser

.PHONY: run check lint funder-check test bench clean browser-deps catalogues

# `make run` installs the runtime only; `make check` adds the test toolchain (extra `dev`).
$(RUN_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $(RUN_STAMP)

$(STAMP): $(RUN_STAMP)
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

## The gettext catalogues (web/locale/*/LC_MESSAGES/messages.po) compiled to .mo; pages also
## compile a missing or older .mo at first use, so this only saves that first moment.
catalogues: $(RUN_STAMP)
	$(BIN)/python -c "from web.catalogues import compile_all; compile_all()"

## Set up and start the registry on the embedded default (SQLite), with the demo catalogue scored.
run: $(RUN_STAMP) catalogues
	$(BIN)/registry serve --demo

## Set up and run everything CI runs: format, lint, import contracts, types, own funder check, tests.
check: $(STAMP) lint funder-check test

lint: $(STAMP)
	$(BIN)/ruff format --check registry importers web tests bench
	$(BIN)/ruff check registry importers web tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy

## The registry passes its own funder check (licence text, publiccode.yml, code of conduct …);
## it reads the committed tree, on a throw-away database.
funder-check: $(STAMP)
	$(BIN)/registry validate publiccode.yml
	REGISTRY_DATABASE_URL=sqlite:///$$(mktemp -d)/funder-check.sqlite3 \
	  $(BIN)/registry check --profile pmpc --repo .

test: $(STAMP) browser-deps catalogues
	$(BIN)/pytest -n 2 --dist loadfile

## Debian's Chromium and playwright-core + axe-core (npm) for the browser tests in tests/browser.
browser-deps: $(BROWSER)/node_modules/.package-lock.json
	@test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

$(BROWSER)/node_modules/.package-lock.json: $(BROWSER)/package.json $(BROWSER)/package-lock.json
	npm ci --prefix $(BROWSER) --no-audit --no-fund

## Benchmarks (figures, not pass/fail); see README.
bench: $(STAMP)
	for b in bench/*_bench.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
