PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# The demo and the fixture builder run with development settings.
DEV := DEBUG=1

.PHONY: install run serve test lint format fixtures messages clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

run: install
	$(DEV) $(PY) manage.py migrate --noinput
	$(DEV) $(PY) manage.py load_demo
	$(DEV) $(PY) manage.py runserver 127.0.0.1:8000

# The production configuration, locally: DEBUG off, gunicorn (gunicorn.conf.py),
# WhiteNoise serving collected static files, and whatever DATABASE_URL and
# REDIS_URL say (SQLite and a per-process cache when unset). Plain HTTP on
# 127.0.0.1, so no HTTPS redirect; uploaded media served by the app itself (nginx
# or the bucket serves them in production); a random SECRET_KEY unless one is given.
serve: install
	$(eval export SECRET_KEY ?= $(shell $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))"))
	$(eval export ALLOWED_HOSTS ?= 127.0.0.1,localhost)
	$(eval export SECURE_SSL_REDIRECT ?= 0)
	$(eval export SERVE_MEDIA ?= 1)
	DEBUG=0 $(PY) manage.py migrate --noinput
	DEBUG=0 $(PY) manage.py collectstatic --noinput -v0
	DEBUG=0 $(VENV)/bin/gunicorn newsroom.wsgi -c gunicorn.conf.py

# The Nu HTML Checker (vnu-jar) and axe-core come from npm. Without npm the
# tests that need them skip on a laptop; in CI they are required. The tests run
# vnu.jar with the system Java, so vnu-jar's script that fetches a Java runtime
# is not run.
node_modules: package-lock.json
	npm ci --silent --ignore-scripts
	touch $@

test: install
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory node_modules; fi
	$(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Rebuild fixtures/people.json and fixtures/articles.json from fixtures/sources/.
fixtures: install
	scratch=$$(mktemp -d) && \
	export DATABASE_URL="sqlite:///$$scratch/fixtures.sqlite3" && \
	$(DEV) $(PY) manage.py migrate --noinput -v0 && \
	$(DEV) $(PY) manage.py build_fixtures; \
	status=$$?; rm -rf "$$scratch"; exit $$status

messages: install
	$(DEV) $(PY) manage.py makemessages --locale id --ignore ".venv/*" --ignore "node_modules/*"
	$(DEV) $(PY) manage.py compilemessages --ignore ".venv/*"

clean:
	rm -rf $(VENV) node_modules db.sqlite3 media staticfiles .pytest_cache
