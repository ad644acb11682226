# One entry point for everything a contributor needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test check lint format bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)           ## start the embedded demo server and open the wizard
	$(BIN)/migwiz demo

test: $(STAMP)           ## the whole test suite against real PostgreSQL servers
	$(BIN)/pytest -q

check: $(STAMP) test     ## lint, format check, types, tests
	$(BIN)/ruff check migwiz tests bench
	$(BIN)/ruff format --check migwiz tests bench
	$(BIN)/mypy migwiz

lint: $(STAMP)
	$(BIN)/ruff check migwiz tests bench
	$(BIN)/ruff format --check migwiz tests bench
	$(BIN)/mypy migwiz

format: $(STAMP)
	$(BIN)/ruff format migwiz tests bench
	$(BIN)/ruff check --fix migwiz tests bench

bench: $(STAMP)          ## every benchmark, results as tables
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
