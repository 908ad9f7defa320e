# Quick start: `make run` (install + start the dashboard), `make test` (install + run every test).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
SOURCE ?= ../shared/data
REPLICAS ?= 2

.PHONY: run serve test install install-test browser nginx data bench bench-load clean

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

# Debian's nginx for `make serve` and its browser test, run as a plain process (no system service).
nginx:
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || (apt-get update -qq && apt-get install -y -qq nginx >/dev/null)

run: install
	$(PY) -m streamlit run dashboard.py --server.port $(PORT)

# REPLICAS copies of the dashboard on loopback behind nginx on PORT (see README « Deployment »); Ctrl+C stops all.
serve: install nginx
	REPLICAS=$(REPLICAS) PORT=$(PORT) $(PY) -m deploy.serve

test: install-test browser nginx
	$(PY) -m pytest -q

data: install
	$(PY) -m quartiers.build --source $(SOURCE) --out data

bench: install-test browser
	$(PY) -m bench

# load and faults through `make serve`'s stack (about 10 min): see README « Load and faults »
bench-load: install-test browser nginx
	$(PY) -m bench.load

clean:
	rm -rf $(VENV) .pytest_cache
