# Two commands on a fresh machine: `make demo` and `make test`.
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

.PHONY: demo test test-fast lint types unit office-tools reference-docs serve-screenshots catalogs docs bench clean setup-a11y

# The development venv; the editable install compiles the catalogs (hatch_build.py).
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

# A catalog edited by hand (or merged) is compiled before anything runs.
$(MO): %.mo: %.po | $(STAMP)
	$(VENV)/bin/pybabel compile -i $< -o $@

demo: $(DEV)
	$(VENV)/bin/coconstruct demo

test: lint types setup-a11y unit

# The accessibility tests (axe-core) and the room's browser tests (phones, facilitator, projector)
# drive Debian's Chromium through Playwright. Installed when missing, so that `make test` passes on
# a fresh CI machine (root); elsewhere install it yourself (`apt-get install chromium`) or the tests
# say what is missing. Playwright comes with the dev dependencies and never downloads a browser.
CHROMIUM ?= /usr/bin/chromium
setup-a11y:
	@test -x $(CHROMIUM) || { echo "installing Chromium for the browser tests (apt-get)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

types: $(STAMP)
	$(VENV)/bin/mypy coconstruct

# pytest-xdist: one worker per core (JOBS=0: every test in this process, one at a time); an idle
# worker takes the tests still queued on a busy one, so that both finish together
JOBS  ?= auto
XDIST := -n $(JOBS) --dist worksteal

unit: $(DEV) office-tools
	$(VENV)/bin/pytest $(XDIST)

# The inner loop: the tests not marked slow (crash loops, batches, terminal sessions, PDFs).
test-fast: $(DEV)
	$(VENV)/bin/pytest $(XDIST) -m "not slow"

# The slow tests that open the Word and LibreOffice roadmaps and the exported spreadsheets in
# LibreOffice need `soffice` with Writer and Calc. Installed here when missing and we may (root
# with apt-get: CI, a fresh machine); otherwise those tests are skipped and say why. Does
# nothing once both are there.
CALC := /usr/lib/libreoffice/program/libsclo.so
office-tools:
	@{ command -v soffice >/dev/null 2>&1 && [ -e $(CALC) ]; } || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing LibreOffice Writer and Calc (nogui) for the office tests…"; \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      --no-install-recommends libreoffice-writer-nogui libreoffice-calc-nogui; } >/dev/null 2>&1 || \
	    echo "Could not install LibreOffice: the tests opening roadmaps and spreadsheets in it will be skipped"; \
	  else \
	    echo "No LibreOffice Writer and Calc: the tests opening roadmaps and spreadsheets in it will be skipped"; \
	  fi; }

# The README's screenshots of the room's pages (docs/serve/*.png).
serve-screenshots: $(DEV) setup-a11y
	$(PY) tools/serve_screenshots.py

# The styles of the Word and LibreOffice roadmaps, made from pandoc's own reference documents.
reference-docs: $(STAMP)
	$(PY) tools/reference_docs.py

# The console examples of README.md and docs/*.md, made by running them (tools/docs.py);
# tests/test_docs_examples.py fails when they no longer say what the tool prints.
docs: $(DEV)
	$(VENV)/bin/cog -r -I tools -p "from docs import *" README.md docs/*.md

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
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis coconstruct-demo
