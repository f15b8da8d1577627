# Kejian: `make run` serves the app on the embedded defaults; `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup system-deps node-deps ui run test bench clean

setup: system-deps $(STAMP)

# ffmpeg (and venv support for Debian's own Python) come from apt when missing; so do Chromium
# and a CJK font for the browser tests (Playwright never downloads a browser here).
system-deps:
	@missing=""; \
	command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null || missing="$$missing ffmpeg"; \
	$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || missing="$$missing python3-venv"; \
	test -x /usr/bin/chromium || missing="$$missing chromium"; \
	test -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc || missing="$$missing fonts-wqy-microhei"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO="sudo"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

$(STAMP): requirements.txt requirements-dev.txt requirements-nodeps.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-dev.txt
	$(PY) -m pip install -q --no-deps -r requirements-nodeps.txt
	touch $(STAMP)

# The web UI: npm packages at build time only (npm ci when package-lock.json changes), bundled
# into review_ui/dist, which the app serves; nothing is fetched from a CDN at run time.
UI := review_ui
UI_STAMP := $(UI)/node_modules/.installed
UI_SOURCES := $(shell find $(UI)/src -type f 2>/dev/null) $(UI)/build.mjs $(UI)/publish.mjs $(UI)/index.html

ui: node-deps $(UI)/dist/index.html

node-deps:
	@if ! command -v node >/dev/null || ! command -v npm >/dev/null; then \
	  echo "Installing system packages: nodejs npm"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO="sudo"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nodejs npm >/dev/null; \
	fi

$(UI_STAMP): $(UI)/package-lock.json
	cd $(UI) && npm ci --no-audit --no-fund
	touch $(UI_STAMP)

$(UI)/dist/index.html: $(UI_STAMP) $(UI_SOURCES)
	cd $(UI) && node build.mjs

run: setup ui
	$(PY) scripts/run_embedded.py

test: setup ui
	$(PY) -m pytest $(PYTEST_ARGS)

bench: setup
	@mkdir -p bench/results
	@set -e; for b in bench/[!_]*.py; do [ "$$b" = bench/capacity.py ] || { echo "== $$b"; $(PY) $$b; }; done
	@echo "== bench/capacity.py (last: it reads the others' results)"; $(PY) bench/capacity.py

clean:
	rm -rf var tests/.media-cache .pytest_cache $(UI)/dist $(UI)/dist.* $(UI)/node_modules
