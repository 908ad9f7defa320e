# Quick start: `make run` (install + start the dashboard), `make test` (install + run every test).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
SOURCE ?= ../shared/data

.PHONY: run test install install-test browser data bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

install: $(PY)
	$(PY) -m pip install --quiet -r requirements.txt

install-test: $(PY)
	$(PY) -m pip install --quiet -r requirements-test.txt

# Debian's chromium for the browser tests (never `playwright install`: it downloads a browser).
browser:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

run: install
	$(PY) -m streamlit run dashboard.py --server.port $(PORT)

test: install-test browser
	$(PY) -m pytest -q

data: install
	$(PY) -m quartiers.build --source $(SOURCE) --out data

bench: install-test browser
	$(PY) -m bench

clean:
	rm -rf $(VENV) .pytest_cache
