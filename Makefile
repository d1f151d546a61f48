# Two commands on a fresh machine: `make demo` and `make test`.
#
# Pinned for CI, open for users. pyproject.toml gives ranges, so that `pip install .` fits beside
# other tools; it caps at the major version tested the libraries whose internals we touch
# (weasyprint, pydyf, questionary, prompt_toolkit, typer). uv.lock pins every package to the
# version last tested: the venv, `make test` and CI (.ci/run) install exactly that, so a new
# release of a dependency cannot break main overnight. `make upgrade` moves the pins to the newest
# releases the ranges allow and runs the whole suite; `make lock` records an edit of
# pyproject.toml without upgrading anything else.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
LOCALE := coconstruct/language/locale
# The compiled catalogs are built, never committed (.gitignore): `pip install` and wheels compile
# them (hatch_build.py), and `make` again whenever a .po is newer than its .mo.
PO := $(wildcard $(LOCALE)/*/LC_MESSAGES/coconstruct.po)
MO := $(PO:.po=.mo)
DEV := $(STAMP) $(MO)

.PHONY: demo dev site test test-fast lint types unit system-deps lock upgrade reference-docs serve-screenshots catalogs docs bench clean

# uv, pinned, in a folder of its own: `uv sync` makes .venv hold exactly what uv.lock lists. It
# reads PyPI, as pip does, and keeps what it downloads in its cache (~/.cache/uv).
UV_VERSION := 0.13.10
UV_DIR     := .uv
UV         := $(UV_DIR)/bin/uv
UV_STAMP   := $(UV_DIR)/.uv-$(UV_VERSION)
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON_DOWNLOADS    := never

$(UV_STAMP):
	$(PYTHON) -m venv $(UV_DIR)
	$(UV_DIR)/bin/python -m pip install -q uv==$(UV_VERSION)
	touch $(UV_STAMP)

# --locked: refuses a uv.lock that no longer matches pyproject.toml (run `make lock`);
# --compile-bytecode, as pip does: no process of the tests compiles a library again.
# `make demo` installs the tool and what it runs on, nothing else (--inexact: it keeps the
# development tools a `make test` put there); `make dev` and `make test` add the extras.
RUNTIME := $(VENV)/.runtime-stamp
$(RUNTIME): pyproject.toml uv.lock $(UV_STAMP)
	$(UV) sync --locked --inexact --compile-bytecode --python $(PYTHON)
	touch $(RUNTIME)

$(STAMP): pyproject.toml uv.lock $(UV_STAMP)
	$(UV) sync --locked --extra dev --compile-bytecode --python $(PYTHON)
	touch $(STAMP) $(RUNTIME)

# A catalog edited by hand (or merged) is compiled before anything runs.
$(MO): %.mo: %.po | $(RUNTIME)
	$(VENV)/bin/pybabel compile -i $< -o $@

lock: $(UV_STAMP)
	$(UV) lock

upgrade: $(UV_STAMP)
	$(UV) lock --upgrade
	$(MAKE) test

demo: $(RUNTIME) $(MO)
	$(VENV)/bin/coconstruct demo

dev: $(DEV)

test: lint types site unit

# The programs some tests drive, from Debian's packages: Chromium (the accessibility tests and the
# room's browser tests, through Playwright, which never downloads a browser) and LibreOffice
# Writer and Calc (the tests that open the Word and LibreOffice roadmaps and the exported
# spreadsheets). .ci/run calls this before `make test`; `make test` never runs apt: without them
# those tests are skipped, naming this target. Needs root; does nothing once both are there.
CHROMIUM ?= /usr/bin/chromium
CALC     := /usr/lib/libreoffice/program/libsclo.so
system-deps:
	@test -x $(CHROMIUM) || { echo "Installing Chromium (apt-get)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@{ command -v soffice >/dev/null 2>&1 && [ -e $(CALC) ]; } || { \
	  echo "Installing LibreOffice Writer and Calc, nogui (apt-get)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends libreoffice-writer-nogui libreoffice-calc-nogui >/dev/null; }

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

types: $(STAMP)
	$(VENV)/bin/mypy coconstruct

# pytest-xdist: one worker per core (JOBS=0: every test in this process, one at a time); an idle
# worker takes the tests still queued on a busy one, so that both finish together
JOBS  ?= auto
XDIST := -n $(JOBS) --dist worksteal

unit: $(DEV)
	$(VENV)/bin/pytest $(XDIST)

# The inner loop, under a minute: the tests not marked slow (crash loops, batches, terminal
# sessions, PDFs, browsers, office documents, long property tests).
test-fast: $(DEV)
	$(VENV)/bin/pytest $(XDIST) -m "not slow"

# The README's screenshots of the room's pages (docs/serve/*.png); Chromium: make system-deps.
serve-screenshots: $(DEV)
	$(PY) tools/serve_screenshots.py

# The styles of the Word and LibreOffice roadmaps, made from pandoc's own reference documents.
reference-docs: $(DEV)
	$(PY) tools/reference_docs.py

# The console examples of README.md and the manual (docs/), made by running them (tools/docs.py);
# tests/test_docs_examples.py fails when they no longer say what the tool prints.
docs: $(DEV)
	$(VENV)/bin/cog -r -I tools -p "from docs import *" README.md $(shell find docs -name '*.md' | sort)

# The manual as a site (mkdocs-material): --strict fails on a broken link or a page left out;
# `make test` builds it. Open .site/index.html. (No --quiet: it hides the warnings from --strict
# too, and a broken link passed.)
site: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict

bench: $(DEV)
	$(PY) benchmarks/startup.py
	$(PY) benchmarks/interview.py
	$(PY) benchmarks/render.py
	$(PY) benchmarks/same_look.py --out $(VENV)/same-look
	$(PY) benchmarks/batch.py
	$(PY) benchmarks/overtime.py
	$(PY) benchmarks/export.py
	$(PY) benchmarks/serve.py
	$(PY) benchmarks/synthesis.py

# Every string users read: extract from the code and templates, merge into each language's .po,
# compile the .mo files (built, not committed: the build compiles them too, see hatch_build.py).
catalogs: $(STAMP)
	$(VENV)/bin/pybabel extract -F babel.cfg -k msg -k nmsg:1,2 --no-location --sort-output --omit-header \
		-o $(LOCALE)/coconstruct.pot .
	$(VENV)/bin/pybabel update -i $(LOCALE)/coconstruct.pot -d $(LOCALE) -D coconstruct \
		--no-wrap --no-fuzzy-matching --ignore-obsolete
	$(VENV)/bin/pybabel compile -d $(LOCALE) -D coconstruct --statistics

clean:
	rm -rf $(VENV) $(UV_DIR) build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis coconstruct-demo
