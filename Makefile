# One entry point for everything a contributor needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test test-realworld test-versions tools check lint format bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)           ## start the embedded demo server and open the wizard
	$(BIN)/migwiz demo

DEMO_BASE := $(foreach f,schema keys_orders keys_others fk_orders fk_order_items,--baseline migwiz/demo/sql/$(f).sql)

test: $(STAMP) tools     ## the whole test suite against real PostgreSQL servers, then `migwiz ci` on the demo set
	$(BIN)/pytest -q -n 3 --dist loadfile
	$(BIN)/migwiz ci --embedded --dir migwiz/demo/migrations --fail-on none $(DEMO_BASE) --summary-file ci-summary.md

tools:                   ## optional tools some tests use (dbmate, from npm, when npm is there)
	@if command -v npm >/dev/null 2>&1 && [ ! -x .tools/node_modules/.bin/dbmate ]; then \
		npm install --silent --prefix .tools dbmate >/dev/null 2>&1 || echo "dbmate not installed: its test will skip"; \
	fi

test-realworld: $(STAMP)  ## the whole real-world tier (tests/realworld), test-rollback --all included
	$(BIN)/pytest -q -m "realworld or not realworld" tests/realworld

test-versions: $(STAMP)  ## the crash tests and the fault matrix on the older server versions (make test: newest)
	$(BIN)/pytest -q -m fault_versions tests/faults tests/db

check: lint test         ## what CI runs (.ci/run): ruff, format check, mypy --strict, then `make test`

lint: $(STAMP)           ## ruff, ruff format --check, mypy --strict (pyproject.toml) on the package and the benchmarks
	$(BIN)/ruff check migwiz tests bench
	$(BIN)/ruff format --check migwiz tests bench
	$(BIN)/mypy migwiz bench

format: $(STAMP)
	$(BIN)/ruff format migwiz tests bench
	$(BIN)/ruff check --fix migwiz tests bench

bench: $(STAMP)          ## every benchmark, results as tables
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
