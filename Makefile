# Styr: development tasks. Needs GNU make and python3 (>= 3.11).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STYR := $(BIN)/styr
SQLITE_URL := sqlite:///var/test.sqlite3
POSTGRES_URL := postgres://postgres@127.0.0.1:5432/styr
CHROMIUM := /usr/bin/chromium
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
DEPLOY_ENV := DEBUG=0 ALLOWED_HOSTS=styr.example.se \
	SECRET_KEY=make-deploy-check-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ

.PHONY: install pango test test-long audit test-sqlite test-postgres check postgres demo lint bench bench-pages bench-rollup bench-followup bench-documents bench-uploads clean

install: $(VENV)/.installed

$(VENV):
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(VENV) pango
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# Pango and a font for WeasyPrint, which renders the PDFs (checked each time; installed once).
pango:
	@if ldconfig -p | grep -q libpangoft2-1.0.so.0 && ldconfig -p | grep -q libharfbuzz-subset \
		&& fc-list | grep -qi dejavu; then :; \
	elif command -v apt-get >/dev/null; then \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-dejavu-core; \
	else echo "No apt-get: install Pango and the DejaVu fonts yourself, or no PDF is made."; fi

# Debian's Chromium for the browser tests: Playwright cannot download its own browser here.
$(CHROMIUM):
	@if command -v apt-get >/dev/null; then \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	else echo "No apt-get: install Chromium at $@ yourself, or the browser tests are skipped."; fi

test: test-sqlite test-postgres check

test-sqlite: install $(CHROMIUM)
	mkdir -p var
	DATABASE_URL=$(SQLITE_URL) $(BIN)/pytest

# The hostile-input tests with many more examples (hypothesis), on both databases.
test-long: install $(CHROMIUM) postgres
	mkdir -p var
	HYPOTHESIS_PROFILE=long DATABASE_URL=$(SQLITE_URL) $(BIN)/pytest -m hostile
	HYPOTHESIS_PROFILE=long DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest -m hostile

# Known vulnerabilities in the installed dependencies (pip-audit asks PyPI's advisory database,
# so it needs the network and is not part of `make test`). --strict: a package it could not
# look up fails the audit rather than passing unchecked.
# pip-audit lives in a venv of its own, so that its own dependencies are not audited as ours.
AUDIT_VENV := var/audit-venv
audit: install
	test -x $(AUDIT_VENV)/bin/pip-audit || { $(PYTHON) -m venv $(AUDIT_VENV) && \
		$(AUDIT_VENV)/bin/pip install --quiet pip-audit; }
	$(AUDIT_VENV)/bin/pip-audit --strict --skip-editable --progress-spinner off \
		--path $$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_path("purelib"))')

test-postgres: install $(CHROMIUM) postgres
	DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest

# Start the local PostgreSQL cluster if it is not answering (and pg_ctlcluster exists).
postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 || { \
		command -v pg_ctlcluster >/dev/null && \
		pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start && \
		for i in 1 2 3 4 5 6 7 8 9 10; do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done; \
		pg_isready -h 127.0.0.1 -p 5432; }

check: install
	$(STYR) makemigrations --check --dry-run
	$(DEPLOY_ENV) $(STYR) check --deploy --fail-level WARNING
	$(DEPLOY_ENV) $(BIN)/gunicorn --check-config styr.wsgi

demo: install
	$(STYR) migrate
	$(STYR) import-plan styr/samples/stockholm-ks-verksamhetsplan-2013.txt --if-absent
	$(STYR) demo-users
	$(STYR) demo-followup kommunstyrelsen 2013
	$(STYR) runserver 127.0.0.1:8000

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Time parsing, import and export of the sample plan (PostgreSQL is skipped if it does not answer).
bench: install
	$(BIN)/python bench/import_plan.py

# Time the start page and the plan page with the sample plan and a synthetic city.
bench-pages: install
	$(BIN)/python bench/pages.py

# Time the follow-up against its goals (docs/architecture.md), for the sample and a plan four
# times its size: each page's median, p95 and queries, saving values, approving a report and
# importing a workbook.
bench-followup: install
	$(BIN)/python bench/followup.py

# Time hostile uploads (a 400 000-row workbook, a zip bomb): web and command line.
# The time to write the sample's plan and annual report as PDF, Word and each other format.
bench-documents: install
	$(BIN)/python bench/documents.py

bench-uploads: install
	$(BIN)/python bench/upload_hostile.py

# Time the city-wide roll-up of 50 boards' reports (T1, T2, the year): selector and page.
bench-rollup: install
	$(BIN)/python bench/rollup.py

clean:
	rm -rf $(VENV) var
