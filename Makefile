# Two commands: `make run` (portal with demo data on http://127.0.0.1:8000) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CORPUS ?= $(abspath ../shared/corpus)
export BPMN_CORPUS_DIR ?= $(if $(wildcard $(CORPUS)/miwg),$(CORPUS),)

.PHONY: run test lint format migrate demo worker clean bench prod-local prod-local-stop \
	trust trust-tests backup restore

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

migrate: $(STAMP)
	DEBUG=1 $(BIN)/python manage.py migrate --noinput

demo: migrate
	DEBUG=1 $(BIN)/python manage.py demo_daten

run: demo
	@echo ""
	@echo "Prozessbibliothek läuft auf http://127.0.0.1:8000  (Anmelden mit einem der Demo-Benutzer oben)"
	@if [ -n "$$REDIS_URL" ]; then \
	  echo "REDIS_URL gesetzt: starte Celery-Worker und Beat"; \
	  DEBUG=1 $(BIN)/celery -A prozessbibliothek worker -B --loglevel=INFO --concurrency=2 & \
	fi; \
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

worker: $(STAMP)
	$(BIN)/celery -A prozessbibliothek worker --loglevel=INFO

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: $(STAMP) lint
	@if [ -z "$(BPMN_CORPUS_DIR)" ]; then echo "BPMN_CORPUS_DIR nicht gesetzt: Korpus-Tests werden übersprungen"; fi
	@if [ ! -x "$${CHROMIUM_PATH:-/usr/bin/chromium}" ] && ! command -v chromium >/dev/null; then \
	  echo "Kein Chromium gefunden: Browser-Tests (tests/e2e) werden übersprungen. Installieren: apt-get install chromium"; fi
	$(BIN)/pytest -n 2 --dist loadfile $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python bench/bpmn_toolkit.py $(BPMN_CORPUS_DIR)
	$(BIN)/python bench/render.py $(BPMN_CORPUS_DIR)

# --- the production shape on this machine (docker-compose.yml's twin, see bench/prodlocal.py) ---
# gunicorn + Celery worker + beat on PostgreSQL + Redis with production settings on
# http://127.0.0.1:8100 (PRODLOCAL_PORT, PRODLOCAL_DATABASE_URL, PRODLOCAL_REDIS_URL).
prod-local: $(STAMP)
	$(BIN)/python bench/prodlocal.py start $(if $(NEU),--neu,)

prod-local-stop:
	$(BIN)/python bench/prodlocal.py stop

# --- backup and restore (PostgreSQL + files; DATABASE_URL and MEDIA_ROOT as for the app) ------
backup:
	.ci/backup $(ZIEL)

restore:
	@test -n "$(QUELLE)" || { echo "Aufruf: make restore QUELLE=var/backup/<zeitpunkt>"; exit 2; }
	.ci/restore $(QUELLE)

# --- proof of trust: every check writes var/trust/<name>.json, then one summary --------------
# Chaos and load run on their own stack (profile `trust`, emptied each time: TRUST_PORT 8101,
# TRUST_DATABASE_URL …/pb_trust, TRUST_REDIS_URL …/3). The permission matrix and the fuzzing
# are tests of their own that write their JSON; name their files in TRUST_TESTS.
TRUST_TESTS ?= tests/test_rechtematrix.py tests/kommunen
TRUST_LAST_SEKUNDEN ?= 60

trust-tests:
	@if [ -n "$(TRUST_TESTS)" ]; then $(BIN)/pytest -q -p no:cacheprovider $(TRUST_TESTS); \
	else echo "Keine Tests für Rechte-Matrix und Fuzzing auf diesem Stand."; fi

# A failing check does not stop the others (leading "-"); the summary decides.
trust: $(STAMP)
	rm -rf var/trust && mkdir -p var/trust
	-$(MAKE) --no-print-directory trust-tests
	-FUZZ=1 FUZZ_PROFIL=ci $(BIN)/pytest tests/fuzz -q -p no:xdist -p no:cacheprovider
	-$(BIN)/python bench/chaos.py
	-$(BIN)/python bench/load.py --sekunden $(TRUST_LAST_SEKUNDEN)
	-$(BIN)/python bench/prodlocal.py manage --profil trust pruefe_bestand \
	  --mindestalter-stunden 0 --json var/trust/bestand.json
	-$(BIN)/python .ci/sicherheit.py
	$(BIN)/python .ci/trust-bericht --erwartet rechtematrix,fuzz,chaos,last,bestand,bandit,pip-audit

# --- trust (trust-a): API fuzzing and the security tools ----------------------------------------
# A thorough schemathesis session as every actor (CI runs FUZZ_PROFIL=ci, about two minutes).
.PHONY: fuzz sicherheit
fuzz: $(STAMP)
	FUZZ=1 FUZZ_PROFIL=$(or $(FUZZ_PROFIL),gruendlich) $(BIN)/pytest tests/fuzz -q -p no:xdist -p no:cacheprovider

# bandit and pip-audit in their own virtualenv (var/sicherheit); see .ci/sicherheit.py.
sicherheit: $(STAMP)
	$(BIN)/python .ci/sicherheit.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
