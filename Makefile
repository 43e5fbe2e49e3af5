# quotetrace: `make run` serves the API on SQLite; `make test` runs the suite.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: install run test lint bench clean screenshots

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

# The page's answers and a checked draft at 360 px and desktop widths, in chromium: instance/screenshots/.
screenshots: install
	$(BIN)/pytest -q tests/browser/screenshots.py
	@ls instance/screenshots/

bench: install
	$(BIN)/python bench/accuracy.py
	$(BIN)/python bench/import_speed.py

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache
