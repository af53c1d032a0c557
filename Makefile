# Every set-up step lives here so that a fresh clone needs only `make serve` or `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.sopbook-installed
AXE    := .cache/npm/node_modules/axe-core/axe.min.js

.PHONY: serve build test test-fast check schema bench browser axe clean

# Material for MkDocs prints a box on every `mkdocs` run: it reaches end of life on 5 May 2027
# and names its successor, Zensical. Nobody running `make serve` can act on it; the README
# ("Upkeep") records it for the maintainers, and this keeps builds quiet.
export NO_MKDOCS_2_WARNING := 1

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## serve: install, then build and serve the portal from content/ on http://127.0.0.1:8000;
## after an edit only the pages it touches are rendered again (--dirty, see README)
serve: $(STAMP)
	$(BIN)/mkdocs serve --dirty

## build: install, then build the portal into site/ (strict)
build: $(STAMP)
	$(BIN)/mkdocs build --strict

## test: install everything the tests need (incl. Debian chromium), then run the whole suite
test: $(STAMP) browser $(AXE)
	$(BIN)/python -m pytest

## test-fast: the in-process tier only (no browser, no MkDocs build, no slow test): under a minute
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not browser and not build and not slow"

## check: validate every SOP in content/
check: $(STAMP)
	$(BIN)/sopbook check content

## schema: regenerate sop.schema.json from the model
schema: $(STAMP)
	$(BIN)/sopbook schema -o sop.schema.json

## bench: install, then run the benchmark at 100, 1,000 and 10,000 SOPs (see bench/README.md)
bench: $(STAMP) browser
	$(BIN)/python bench/run.py --sizes 100,1000,10000

## axe: axe-core (npm), which the accessibility tests load into the pages they check
axe: $(AXE)
$(AXE):
	npm install --prefix .cache/npm --no-audit --no-fund --silent axe-core@4.14.1

browser:
	@{ command -v chromium && command -v pdftoppm && command -v zbarimg; } >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium poppler-utils zbar-tools >/dev/null; }

clean:
	rm -rf $(VENV) site .pytest_cache
