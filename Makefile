# Legplanner's everyday commands. `make run` to try it, `make test` before pushing.

VENV := .venv
BIN := $(VENV)/bin
# The stamp is newer than pyproject.toml once its dependencies are installed.
STAMP := $(VENV)/.installed
PYTHON := $(shell command -v python3.11 || command -v python3)
HOST := 127.0.0.1:8000

.DEFAULT_GOAL := venv
.PHONY: venv run test test-fast lint format messages

venv: $(STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -e '.[dev]'
	touch $@

# DEBUG=true: seed_demo refuses to run without it, and runserver serves static files only then.
run: export DEBUG := true
run: venv
	$(BIN)/python manage.py migrate
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py generate_week
	@echo
	@echo "Legplanner: http://$(HOST)"
	@echo "  athlete  demo / demo"
	@echo "  coach    coach / coach  (the desk; the admin is at http://$(HOST)/admin/)"
	@echo
	$(BIN)/python manage.py runserver $(HOST)

# One xdist worker per core for all but the browser tests. Those run after, in one
# process: one gunicorn and one Chromium per pass (tests/e2e/conftest.py), not one per
# worker. xdist's default distribution keeps pytest-django's order on each worker (the
# transactional tests last), which tests/conftest.py's database reset relies on.
PARALLEL := -n auto --ignore=tests/e2e

# The suite on SQLite first (fast, no server), then on PostgreSQL like production.
test: lint
	env -u DATABASE_URL $(BIN)/pytest $(PARALLEL)
	env -u DATABASE_URL $(BIN)/pytest tests/e2e
	scripts/test-postgres $(PARALLEL)
	scripts/test-postgres tests/e2e

# The loop while editing: no browser, SQLite, a few examples per property test.
# `make test` before pushing runs everything.
test-fast: venv
	env -u DATABASE_URL $(BIN)/pytest $(PARALLEL) --hypothesis-profile=fast

# lint-imports: the layers of ../shared/ARCHITECTURE.md ([tool.importlinter] in pyproject.toml).
# scripts/check-translations once there are catalogues: complete, compiled and up to date.
lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	@if [ -d locale ]; then PYTHON=$(BIN)/python scripts/check-translations; \
	else echo "No locale/ yet: translations not checked."; fi

# The catalogues of the shipped languages (settings.LANGUAGES, but English, the source),
# brought up to date with the marked strings, then compiled. The .mo files are committed,
# so `make run` and the deployment need no gettext. Needs gettext (msgfmt).
LOCALES := de fr es pt_BR
messages: export DEBUG := true
messages: venv
	$(BIN)/python manage.py makemessages $(LOCALES:%=-l %) --no-obsolete \
		--ignore=.venv --ignore=tests --ignore=staticfiles --ignore=node_modules
	$(BIN)/python manage.py compilemessages $(LOCALES:%=-l %) \
		--ignore=.venv --ignore=staticfiles --ignore=node_modules

format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
