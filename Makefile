# Two commands on a fresh machine: `make run` and `make test`. Both build .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CONSTRAINTS := requirements/ci.txt

.PHONY: run test test-slow lint clean browser train

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml $(CONSTRAINTS) | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -c $(CONSTRAINTS) -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(CONSTRAINTS) | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -c $(CONSTRAINTS) -e '.[dev]'
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/extract run data/raw data/out

# The report's tests render it in headless Chromium: Debian's package, installed
# when missing (CI runs as root).
browser:
	@command -v chromium >/dev/null || { test "$$(id -u)" = 0 \
		&& apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } \
		|| { echo "the tests need chromium: apt-get install chromium" >&2; exit 1; }

test: $(VENV)/.installed-dev browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check --quiet .
	$(BIN)/pytest

# The relation model (extract/data/relations.json) learned again from NEREL train:
# seeded, the same weights on any machine; prints its cross-validation figures.
train: $(VENV)/.installed-dev
	$(BIN)/python -m extract.relations.train ../shared/eval/data/nerel-train

test-slow: $(VENV)/.installed-dev
	$(BIN)/pytest -m slow

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) data/out/*.csv data/out/*.parquet data/out/excel data/out/report.html data/out/.extract
