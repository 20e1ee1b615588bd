# Two commands on a fresh clone: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
SWC    := $(VENV)/bin/swc
STAMP  := $(VENV)/.installed
HUB_PROXY := deploy/jupyterhub/node_modules/.bin/configurable-http-proxy
AXE := tests/js/node_modules/axe-core/axe.min.js
REVEAL := swc_core/export/vendor/node_modules/reveal.js/dist/reveal.js

.PHONY: install browser demo test clean

# Re-install when the dependency list changes.
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	$(SWC) setup-jupyter
	touch $(STAMP)

# JupyterHub's proxy (Node.js) from the npm registry, into deploy/jupyterhub/node_modules (not in git).
$(HUB_PROXY): deploy/jupyterhub/package.json deploy/jupyterhub/package-lock.json
	cd deploy/jupyterhub && npm ci --no-audit --no-fund --loglevel=error
	touch $(HUB_PROXY)

# axe-core (accessibility checks in Chromium, tests/test_pages_on_screens.py), into tests/js/node_modules.
$(AXE): tests/js/package.json tests/js/package-lock.json
	cd tests/js && npm ci --no-audit --no-fund --loglevel=error
	touch $(AXE)

# reveal.js for the offline eindsessie presentations (swc export --slides), into swc_core/export/vendor/node_modules.
$(REVEAL): swc_core/export/vendor/package.json swc_core/export/vendor/package-lock.json
	cd swc_core/export/vendor && npm ci --no-audit --no-fund --loglevel=error
	touch $(REVEAL)

install: $(STAMP) $(HUB_PROXY) $(AXE) $(REVEAL)

demo: $(STAMP)
	$(SWC) check demo
	$(SWC) import demo data/demo/answers.yml
	$(SWC) status demo
	$(SWC) links demo --host 127.0.0.1
	$(SWC) serve demo

# Debian packages the tests drive: Chromium through Playwright (never a downloaded browser),
# libfaketime, which runs the date-sensitive tests under other machine clocks, and poppler-utils,
# whose pdftotext reads the handouts printed to PDF (tests/test_print.py). Commands to look for;
# a command whose package has another name is mapped in the install line. Fonts: DejaVu for text and
# Noto Color Emoji, so that the emoji participants type show in the suite's screenshots as on their devices.
SYSTEM_TOOLS := chromium faketime pdftotext
EMOJI_FONT := /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf
browser:
	@missing=""; for tool in $(SYSTEM_TOOLS); do command -v $$tool >/dev/null 2>&1 || missing="$$missing $$tool"; done; \
	[ -e $(EMOJI_FONT) ] || missing="$$missing fonts-noto-color-emoji"; \
	[ -z "$$missing" ] || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$(echo $$missing | sed 's/pdftotext/poppler-utils/') fonts-dejavu-core >/dev/null; \
	  else echo "Ontbreekt:$$missing; installeer de pakketten (bijv. sudo apt-get install $$(echo $$missing | sed 's/pdftotext/poppler-utils/'))"; exit 1; fi; }

test: $(STAMP) $(HUB_PROXY) $(AXE) $(REVEAL) browser
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) sessions/*/swc.db* sessions/*/output sessions/*/export
