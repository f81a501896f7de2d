# Two entry points on a fresh machine: `make demo` and `make test`.
# Each bootstraps a virtualenv in .venv with the project and its dependencies.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# pytest's own options and selection, e.g. PYTEST_ARGS="tests/people -x".
PYTEST_ARGS ?=
# pytest-xdist workers for the parallel run: `auto` is one per core; 0 runs in this process.
PYTEST_WORKERS ?= auto

.PHONY: demo test lint bench clean catalogues messages

$(STAMP): pyproject.toml package.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@# axe-core for the browser tests' accessibility checks (skipped with a message without npm)
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent; \
	else echo "npm not found: browser tests will be skipped"; fi
	touch $(STAMP)

# The translation catalogues (.po) compiled to what Django reads (.mo), in Python: no msgfmt.
# Only those changed since the last compile; docs/languages.md.
catalogues: $(STAMP)
	$(BIN)/python -m immerse.config.catalogues

# Every marked string into each language's catalogue (Django's makemessages: needs GNU
# gettext, `apt-get install gettext`); translators then fill in the new entries.
messages: $(STAMP)
	cd src/immerse && ../../$(BIN)/python -m django makemessages --settings immerse.config.settings \
		--no-obsolete --ignore 'static/*' -l nl -l de -l fr -l es

demo: catalogues
	$(BIN)/immerse demo

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy

# First the tests marked `serial`, alone (the fault test restarts the database server under
# everyone's feet); 5 is pytest's "no tests ran", as when PYTEST_ARGS selects none of them.
# Then everything else on every core, a whole file to a worker (`loadfile`): a module's
# fixtures (the demo) are built once, and tests sharing Redis (one file) never overlap.
test: lint catalogues
	$(BIN)/python -m pytest -m serial $(PYTEST_ARGS) || [ $$? -eq 5 ]
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile -m "not serial" $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
