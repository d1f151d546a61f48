# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
LOCALE := coconstruct/locale

.PHONY: demo test lint types unit catalogs bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/coconstruct demo

test: lint types unit

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
