# The README's two commands: `make report` builds the report of input/'s master into build/,
# `make test` runs the whole test suite. Both set up .venv from the pinned requirements first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MASTER := input/spareforslag-budget-2024.xlsx
OFFICIAL := input/officielt-budget-2024.xlsx

.PHONY: report test setup clean official-example

setup: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

report: $(STAMP)
	$(BIN)/spareforslag build $(MASTER) -o build/

# An official-style budget workbook made from the master, with one deliberate difference,
# to try `spareforslag reconcile $(MASTER) $(OFFICIAL)` on.
official-example: $(STAMP)
	$(BIN)/python scripts/make_official_example.py $(MASTER) $(OFFICIAL)

test: $(STAMP)
	$(BIN)/python -m pytest -q

clean:
	rm -rf build $(VENV) .pytest_cache .hypothesis
