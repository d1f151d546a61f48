# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
LOCALE := coconstruct/locale

.PHONY: demo test lint types unit catalogs bench clean setup-a11y

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/coconstruct demo

test: lint types setup-a11y unit

# The accessibility tests drive Debian's Chromium (axe-core in a real browser). Installed when
# missing, so that `make test` passes on a fresh CI machine (root); elsewhere install it yourself
# (`apt-get install chromium`) or the test says what is missing. Playwright itself comes with the
# dev dependencies and never downloads a browser of its own.
CHROMIUM ?= /usr/bin/chromium
setup-a11y:
	@test -x $(CHROMIUM) || { echo "installing Chromium for the accessibility tests (apt-get)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

types: $(STAMP)
	$(VENV)/bin/mypy coconstruct

unit: $(STAMP)
	$(VENV)/bin/pytest

bench: $(STAMP)
	$(PY) benchmarks/startup.py
	$(PY) benchmarks/interview.py
	$(PY) benchmarks/render.py
	$(PY) benchmarks/same_look.py --out $(VENV)/same-look
	$(PY) benchmarks/batch.py

# Report strings: extract from templates and coconstruct/report, merge into each language's .po,
# compile the .mo files. The .mo files are committed, so `pip install .` needs no build step.
catalogs: $(STAMP)
	$(VENV)/bin/pybabel extract -F babel.cfg -k msg -k nmsg:1,2 --no-location --sort-output --omit-header \
		-o $(LOCALE)/coconstruct.pot .
	$(VENV)/bin/pybabel update -i $(LOCALE)/coconstruct.pot -d $(LOCALE) -D coconstruct \
		--no-wrap --no-fuzzy-matching --ignore-obsolete
	$(VENV)/bin/pybabel compile -d $(LOCALE) -D coconstruct --statistics

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis coconstruct-demo
