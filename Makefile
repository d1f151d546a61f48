# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
LOCALE := coconstruct/report/locale

.PHONY: demo test test-fast lint types unit catalogs bench clean

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

# pytest-xdist: one worker per core (JOBS=0: every test in this process, one at a time); an idle
# worker takes the tests still queued on a busy one, so that both finish together
JOBS  ?= auto
XDIST := -n $(JOBS) --dist worksteal

unit: $(STAMP)
	$(VENV)/bin/pytest $(XDIST)

# The inner loop: the tests not marked slow (crash loops, batches, terminal sessions, PDFs).
test-fast: $(STAMP)
	$(VENV)/bin/pytest $(XDIST) -m "not slow"

bench: $(STAMP)
	$(PY) benchmarks/startup.py
	$(PY) benchmarks/interview.py
	$(PY) benchmarks/render.py
	$(PY) benchmarks/batch.py

# Report strings: extract from templates and coconstruct/report, merge into each language's .po,
# compile the .mo files. The .mo files are committed, so `pip install .` needs no build step.
catalogs: $(STAMP)
	$(VENV)/bin/pybabel extract -F babel.cfg --no-location --sort-output --omit-header \
		-o $(LOCALE)/coconstruct.pot .
	$(VENV)/bin/pybabel update -i $(LOCALE)/coconstruct.pot -d $(LOCALE) -D coconstruct \
		--no-wrap --no-fuzzy-matching --ignore-obsolete
	$(VENV)/bin/pybabel compile -d $(LOCALE) -D coconstruct --statistics

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis coconstruct-demo
