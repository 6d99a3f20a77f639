# Two commands do everything on a fresh machine:
#   make serve   install, build the index from the bundled corpus, serve the UI on http://127.0.0.1:8000
#   make test    install (incl. a headless chromium for the browser tests) and run lint + tests
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
# Extra pip arguments for torch, e.g. a CPU-only index on machines without the local wheel.
TORCH_PIP_ARGS ?=

.PHONY: install build serve test test-fast lint browser eval bench load clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	# The CPU build of torch comes from a local wheel; installing it first keeps pip from pulling CUDA packages.
	$(BIN)/pip install -q torch==2.13.0 $(TORCH_PIP_ARGS)
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

build: install
	$(BIN)/kb build

serve: build
	$(BIN)/kb serve --host $(HOST) --port $(PORT)

# Debian's chromium and its driver for the browser tests, plus a Japanese font for readable screenshots.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-noto-cjk >/dev/null; \
	  else echo "chromium missing: browser tests will be skipped (install chromium chromium-driver fonts-noto-cjk)"; fi; }

lint: install
	$(BIN)/ruff check kb web tests benchmarks
	$(BIN)/ruff format --check kb web tests benchmarks
	$(BIN)/mypy

test: install browser lint
	$(BIN)/pytest -q

test-fast: install
	$(BIN)/pytest -q -m "not slow"

eval: build
	$(BIN)/kb eval

bench: build
	$(BIN)/python benchmarks/search_latency.py

# Concurrent clients on /api/search over loopback for 20 s (8, then 32 connections): throughput, p50/p99, errors.
load: build
	$(BIN)/python benchmarks/load_api.py --clients 8
	$(BIN)/python benchmarks/load_api.py --clients 32

clean:
	rm -rf index .pytest_cache .ruff_cache .mypy_cache
