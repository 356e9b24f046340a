# The README's two commands: `make report` builds the report of input/'s master into build/,
# `make test` runs the whole test suite. Both set up .venv from the pinned requirements first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MASTER := input/spareforslag-budget-2024.xlsx

.PHONY: report test setup clean

setup: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

report: $(STAMP)
	$(BIN)/spareforslag build $(MASTER) -o build/

test: $(STAMP)
	$(BIN)/python -m pytest -q

clean:
	rm -rf build $(VENV) .pytest_cache .hypothesis
