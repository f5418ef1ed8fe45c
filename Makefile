# SRO Hub — two commands: `make demo` and `make test`. Everything they need is installed here.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
PYTEST_WORKERS ?= 2

.PHONY: setup demo test lint messages browser clean

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "SRO Hub needs Python 3.11 or newer")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-* && touch $(STAMP)

setup: $(STAMP) messages

# Compiled catalogues are build output (not committed): Babel compiles them, no system gettext needed.
messages: $(STAMP)
	if [ -f srohub/locale/fr/LC_MESSAGES/django.po ]; then $(BIN)/pybabel compile -d srohub/locale -D django --statistics; fi

browser:
	bash scripts/ensure-browser.sh

demo: setup
	SROHUB_MODE=demo $(BIN)/srohub migrate --noinput
	SROHUB_MODE=demo $(BIN)/srohub seed --scale winnipeg --demo-logins
	@echo "SRO Hub demo: http://127.0.0.1:$(PORT)/  (Ctrl-C to stop)"
	SROHUB_MODE=demo $(BIN)/srohub runserver --noreload 127.0.0.1:$(PORT)

test: setup browser
	SROHUB_MODE=test $(BIN)/pytest -n $(PYTEST_WORKERS) -p no:randomly srohub

lint: $(STAMP)
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) var
