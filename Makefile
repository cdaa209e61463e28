# OneStory's commands. `make demo` and `make test` work from a fresh clone.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
BUILT_CSS := onestory/static/build/onestory.css

.PHONY: demo test install frontend messages chromium lint format serve clean help

help:
	@echo "make demo    set up, load the demo partnership and serve http://127.0.0.1:8000"
	@echo "make test    lint and run every test (SQLite, PostgreSQL, Chromium)"
	@echo "make format  format the code with ruff"

# Python: a virtual environment with OneStory and its development tools.
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# Front end: pinned npm packages, compiled and copied into onestory/static/build/.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(BUILT_CSS): node_modules/.installed frontend/build.mjs $(wildcard frontend/*.scss)
	npm run --silent build

# Translations: the public pages' .po files compiled into .mo files (pure Python, no msgfmt).
PO_FILES := $(wildcard onestory/locale/*/LC_MESSAGES/django.po)
MO_FILES := $(PO_FILES:.po=.mo)

%.mo: %.po $(VENV)/.installed
	$(BIN)/python tools/compile_messages.py

messages: $(MO_FILES)

install: $(VENV)/.installed $(BUILT_CSS) $(MO_FILES)

frontend: $(BUILT_CSS)

chromium:
	@tools/ensure_chromium.sh

demo: install
	$(BIN)/onestory migrate --no-input
	$(BIN)/onestory load_demo
	@echo "Serving OneStory on http://127.0.0.1:8000 (Ctrl+C to stop)"
	$(BIN)/onestory runserver 127.0.0.1:8000

test: install chromium
	$(BIN)/python tools/run_tests.py $(ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) node_modules onestory/static/build $(MO_FILES)
