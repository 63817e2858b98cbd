# Two commands on a fresh machine: `make run` and `make test`. Both build .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CONSTRAINTS := requirements/ci.txt

.PHONY: run report notebook docs test test-slow lint clean browser train

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml $(CONSTRAINTS) | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -c $(CONSTRAINTS) -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(CONSTRAINTS) | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -c $(CONSTRAINTS) -e '.[dev]'
	touch $@ $(VENV)/.installed

$(VENV)/.installed-notebook: pyproject.toml $(CONSTRAINTS) | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -c $(CONSTRAINTS) -e '.[notebook]'
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/extract run data/raw data/out

# The run's report, opened in the default browser where there is one.
report: run
	$(BIN)/extract report data/out
	$(BIN)/python -m webbrowser -t "file://$(CURDIR)/data/out/report.html"

# JupyterLab on notebooks/explore.ipynb, over the tables of `make run` (as root
# too, as in a container, where JupyterLab asks for --allow-root).
notebook: $(VENV)/.installed-notebook run
	$(BIN)/jupyter lab notebooks/explore.ipynb $(if $(filter 0,$(shell id -u)),--allow-root)

# The notebook run top to bottom over data/out and kept as docs/explore.html,
# with its tables and plots, for readers who do not run it.
docs: $(VENV)/.installed-notebook run
	$(BIN)/jupyter nbconvert --to html --template-file notebooks/offline.html.j2 \
		--execute notebooks/explore.ipynb --output-dir docs

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
