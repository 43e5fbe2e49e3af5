# quotetrace: `make run` serves the API on SQLite; `make test` runs the suite.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: install run test lint bench clean extension screenshots

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,postgres]'  # the suite runs on PostgreSQL too (.ci/run)
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

# The extension as a zip with manifest.json at its root (Chrome Web Store upload, or unzip and load).
# extension/page.css is a symbolic link to the page's stylesheet: zipfile stores the file it names.
EXTENSION_ZIP ?= instance/quotetrace-extension.zip
extension:
	mkdir -p $(dir $(abspath $(EXTENSION_ZIP)))
	rm -f $(abspath $(EXTENSION_ZIP))
	cd extension && python3 -m zipfile -c $(abspath $(EXTENSION_ZIP)) \
		manifest.json *.js *.html *.css icons content
	@echo "wrote $(EXTENSION_ZIP)"

# For people to look at, in instance/screenshots/: the page's answers and a checked draft at 360 px and
# desktop widths; the extension's panel (verified, altered, no server) and an underlined page.
screenshots: install
	$(BIN)/pytest -q tests/browser/screenshots.py
	QUOTETRACE_SCREENSHOTS=$(CURDIR)/instance/screenshots $(BIN)/pytest -q tests/browser/test_extension.py \
		-k "verified_names or altered or underlines or no_server"
	@ls instance/screenshots

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache
