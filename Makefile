# ICP Filing Console Simulator: developer tasks (GNU make).
#   make run            install, migrate, seed the demo world, serve http://$(HOST):$(PORT)
#   make test           the test suite on SQLite (PYTEST_ARGS="-k quota -x" to narrow it)
#   make test-postgres  the same suite on PostgreSQL ($(PG_URL))
#   make messages       extract the texts into locale/zh_Hans/LC_MESSAGES/*.po and compile them

VENV ?= .venv
PY = $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# The suite runs in parallel (pytest-xdist), one worker per core; TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= auto
PG_URL ?= postgres://postgres@127.0.0.1:5432/test

# Re-install when the dependencies change, or when a top-level package gains its __init__.py
# (the editable install maps only the packages that existed when it ran).
INSTALL_STAMP = $(VENV)/.installed
INSTALL_DEPS = pyproject.toml $(wildcard icpconsole/__init__.py instances/__init__.py \
               servicecodes/__init__.py filings/__init__.py registrar/__init__.py openapi/__init__.py \
               simulator/__init__.py accessors/__init__.py)
# Recompile translations when a .po file changes (the compiled .mo files are committed too).
MESSAGES_STAMP = $(VENV)/.messages
PO_FILES := $(shell find . \( -path ./.git -o -path './$(VENV)' -o -name node_modules \) -prune \
                   -o -name '*.po' -print 2>/dev/null)

# Test-only JavaScript (axe-core for the browser tests' accessibility check), from package-lock.json.
# Without npm the browser tests that need it skip (and fail in CI, which installs npm).
NODE_STAMP = node_modules/.installed

WORKERS ?= 3
THREADS ?= 4

.PHONY: install migrate run serve test test-postgres lint bench clean messages screenshots

install: $(INSTALL_STAMP) $(MESSAGES_STAMP) $(NODE_STAMP)

$(PY):
	python3 -m venv $(VENV)

$(INSTALL_STAMP): $(INSTALL_DEPS) | $(PY)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		echo "npm ci"; npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else \
		echo "npm is missing (apt-get install npm): the axe-core accessibility tests will skip"; \
	fi

# Without msgfmt (Debian's gettext) the committed .mo files are used as they are, and the stamp
# is left untouched so that a later run, with gettext installed, compiles them.
$(MESSAGES_STAMP): $(INSTALL_STAMP) $(PO_FILES)
ifneq ($(strip $(PO_FILES)),)
	@if command -v msgfmt >/dev/null 2>&1; then \
		echo "$(PY) manage.py compilemessages --ignore=.venv"; \
		$(PY) manage.py compilemessages --ignore=.venv && touch $@; \
	fi
else
	touch $@
endif

# Extract every marked text (Python, templates; JavaScript when static/js marks any) into the
# Simplified Chinese catalogues, then compile them. New texts arrive with an empty msgstr and
# changed ones as fuzzy: translate them and commit the .po and .mo files together.
# tests/i18n/test_translations.py runs the same extraction and fails on anything untranslated.
MAKEMESSAGES = $(PY) manage.py makemessages -l zh_Hans --ignore=.venv --ignore=bench --ignore=tests \
               --ignore=staticfiles --ignore=node_modules --no-obsolete

messages: $(INSTALL_STAMP)
	$(MAKEMESSAGES) -d django
	$(MAKEMESSAGES) -d djangojs
	$(PY) manage.py compilemessages --ignore=.venv
	touch $(MESSAGES_STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

run: migrate
	$(PY) manage.py seed_demo --base-url http://$(HOST):$(PORT)
	$(PY) manage.py runserver $(HOST):$(PORT)

# Production serving: gunicorn (gunicorn.conf.py: gthread workers that read each request in before
# a thread runs it, so slow clients cannot stall them) + WhiteNoise, DEBUG off. Needs SECRET_KEY,
# DATABASE_URL (PostgreSQL) and ALLOWED_HOSTS in the environment; X-Forwarded-* are believed only
# from TRUSTED_PROXIES (see README, "Production" and "Running a fleet").
serve: install
	@test -n "$$SECRET_KEY" || { echo "make serve needs SECRET_KEY, DATABASE_URL and ALLOWED_HOSTS: see README"; exit 2; }
	DEBUG=false $(PY) manage.py migrate --noinput
	DEBUG=false $(PY) manage.py collectstatic --noinput -v0
	HOST=$(HOST) PORT=$(PORT) WORKERS=$(WORKERS) THREADS=$(THREADS) DEBUG=false \
		$(VENV)/bin/gunicorn --config gunicorn.conf.py

test: install
	$(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# The README's screenshots (docs/screenshots/): only this target writes them; tests write build/screenshots/.
screenshots: install
	SCREENSHOTS_DIR=docs/screenshots $(PY) -m pytest -n 0 tests/browser $(PYTEST_ARGS)

test-postgres: install
	DATABASE_URL='$(PG_URL)' $(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

lint: install
	$(PY) -m ruff check .

bench: install
	$(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-journal db.sqlite3-wal db.sqlite3-shm
