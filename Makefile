# The two commands a newcomer needs: `make run` (the whole system, embedded default) and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

TOOLS := .tools
UV := $(shell command -v uv 2>/dev/null || echo $(TOOLS)/bin/uv)
PYTEST_ARGS ?=
# every Python package of the workspace: the shared library, each service and the benchmarks
MYPY_PATHS := libs/common/src $(wildcard services/*/src) benchmarks

.PHONY: help
help:
	@echo "make run    - install what is missing, migrate, seed the demo and start every service"
	@echo "make test   - run every test (lint, types, audit, Python on SQLite and PostgreSQL, SPA, browser)"
	@echo "make bench  - benchmarks on loopback (figures and ratios to a bare baseline)"

$(TOOLS)/bin/uv:
	python3 -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv

.PHONY: uv
uv: $(if $(shell command -v uv 2>/dev/null),,$(TOOLS)/bin/uv)

.PHONY: install
install: uv
	$(UV) sync --frozen
	$(UV) run python scripts/fetch_fonts.py

.PHONY: frontend
frontend:
	@if [ -f frontend/package.json ]; then \
	  cd frontend && { [ -d node_modules ] && [ node_modules -nt package-lock.json ] || npm ci --no-audit --no-fund; } \
	  && npm run build; \
	fi

.PHONY: run
run: install frontend
	$(UV) run python scripts/run.py

.PHONY: lint
lint: install
	$(UV) run ruff check .
	$(UV) run ruff format --check .
	$(UV) run mypy $(MYPY_PATHS)

.PHONY: audit
audit: install
	$(UV) export --frozen --no-hashes --no-emit-workspace --no-dev --quiet --output-file var/requirements-audit.txt
	$(UV) run pip-audit --requirement var/requirements-audit.txt --no-deps --disable-pip --progress-spinner off

.PHONY: test-python
test-python: install
	$(UV) run pytest -n 2 --dist loadfile $(PYTEST_ARGS)

.PHONY: test-frontend
test-frontend: install
	@if [ -f frontend/package.json ]; then \
	  cd frontend && npm ci --no-audit --no-fund && npm run typecheck && npm run lint && npm test && npm run build; \
	fi

.PHONY: test-e2e
test-e2e: install test-frontend
	@if [ -f frontend/playwright.config.ts ]; then $(UV) run python scripts/e2e.py; fi

.PHONY: test
test: var lint audit test-frontend test-python test-e2e

.PHONY: bench
bench: install
	$(UV) run python benchmarks/run.py $(BENCH_ARGS)

var:
	mkdir -p var
