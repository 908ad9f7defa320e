# Quick start: `make run` (install + start the dashboard), `make test` (install + lint + run every test).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
SOURCE ?= ../shared/data
# pip-tools, in a venv of its own, writes the lock files (see README « Dependencies »)
LOCK_VENV := .venv-lock
PIP_COMPILE := $(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-find-links --no-emit-index-url

REPLICAS ?= 2

.PHONY: run serve test lint install install-test browser nginx data bench bench-load lock clean

$(PY):
	$(PYTHON) -m venv $(VENV)

# Every package, direct and transitive, at the version and hashes of the lock files.
install: $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock

install-test: $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements-test.lock

# Debian's chromium for the browser tests (never `playwright install`: it downloads a browser).
browser:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

# Debian's nginx for `make serve` and its browser test, run as a plain process (no system service).
nginx:
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || (apt-get update -qq && apt-get install -y -qq nginx >/dev/null)

run: install
	$(PY) -m streamlit run dashboard.py --server.port $(PORT)

lint: install-test
	$(PY) -m ruff check .

# REPLICAS copies of the dashboard on loopback behind nginx on PORT (see README « Deployment »); Ctrl+C stops all.
serve: install nginx
	REPLICAS=$(REPLICAS) PORT=$(PORT) $(PY) -m deploy.serve

test: install-test browser nginx
	$(PY) -m ruff check .
	$(PY) -m pytest -q

data: install
	$(PY) -m quartiers.build --source $(SOURCE) --out data

bench: install-test browser
	$(PY) -m bench

# After editing requirements*.txt: new lock files (`make lock LOCK_ARGS=--upgrade` moves every package forward).
lock:
	test -x $(LOCK_VENV)/bin/pip-compile || ($(PYTHON) -m venv $(LOCK_VENV) && \
		$(LOCK_VENV)/bin/pip install --quiet pip-tools==7.6.2)
	$(PIP_COMPILE) $(LOCK_ARGS) --output-file requirements.lock requirements.txt
	$(PIP_COMPILE) $(LOCK_ARGS) --output-file requirements-test.lock requirements-test.txt

# load and faults through `make serve`'s stack (about 10 min): see README « Load and faults »
bench-load: install-test browser nginx
	$(PY) -m bench.load

clean:
	rm -rf $(VENV) $(LOCK_VENV) .pytest_cache
