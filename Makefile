# quotetrace: `make run` serves the API on SQLite; `make test` runs the suite.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: install run test lint bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: install
	$(BIN)/quotetrace migrate
	$(BIN)/quotetrace seed
	PORT=$(PORT) $(BIN)/quotetrace serve --port $(PORT)

test: install
	$(BIN)/ruff check .
	$(BIN)/pytest -q

bench: install
	$(BIN)/python bench/accuracy.py
	$(BIN)/python bench/import_speed.py

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache
