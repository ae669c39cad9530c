# Kenes — the two commands that matter: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MO := $(patsubst i18n/%.po,i18n/%/LC_MESSAGES/kenes.mo,$(wildcard i18n/*.po))
export QT_QPA_PLATFORM ?= $(if $(DISPLAY)$(WAYLAND_DISPLAY),,offscreen)

.PHONY: setup run test lint bench eval i18n i18n-extract i18n-update i18n-compile clean screenshots \
  bundle

setup: $(STAMP) $(MO)

$(STAMP): pyproject.toml
	@$(PY) -c 'import ensurepip, venv' 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null; \
	  else echo "Python's venv module is missing. Install it with:  sudo apt-get install python3-venv" >&2; exit 1; fi; }
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

i18n/%/LC_MESSAGES/kenes.mo: i18n/%.po | $(STAMP)
	mkdir -p $(dir $@)
	$(BIN)/pybabel compile --use-fuzzy -D kenes -i $< -o $@

i18n-compile: $(MO)

i18n-extract: $(STAMP)
	$(BIN)/pybabel extract -F i18n/babel.cfg -k _ -k N_ -k ngettext:1,2 --no-location \
	  --project=Kenes -o i18n/kenes.pot desktop

i18n-update: i18n-extract
	for l in kk ru en; do $(BIN)/pybabel update -D kenes -i i18n/kenes.pot -o i18n/$$l.po -l $$l; done

i18n: i18n-update i18n-compile

# The system-library check installs (as root) or names what Qt's platform plugin lacks
# (xcb for the window; offscreen for the tests).
run: setup
	$(BIN)/python -m desktop.qtdeps
	$(BIN)/kenes

test: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m desktop.qtdeps
	$(BIN)/ruff check desktop tests bench
	$(BIN)/pytest

lint: setup
	$(BIN)/ruff check desktop tests bench

bench: setup
	$(BIN)/python -m bench.run

eval: setup
	$(BIN)/python -m desktop.analysis.evaluate

# README screenshots, made by the app itself from the bundled sample.
screenshots: setup
	rm -rf .bench/shots-lib && mkdir -p docs/screenshots
	$(BIN)/kenes import resources/sample --library .bench/shots-lib >/dev/null
	$(BIN)/kenes --library .bench/shots-lib --query "country:UZ from:2025-11-01" --select 2 \
	  --screenshot docs/screenshots/window.png
	$(BIN)/kenes --library .bench/shots-lib --lang kk --query "sector:trade" --select 5 \
	  --screenshot docs/screenshots/window-kk.png
	$(BIN)/kenes --library .bench/shots-lib --select 1 --screenshot docs/screenshots/pair.png

# The offline application folder dist/kenes/ (PyInstaller, packaging/kenes.spec).
BUNDLE_STAMP := $(VENV)/.bundle-installed
$(BUNDLE_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,bundle]'
	touch $@

bundle: $(BUNDLE_STAMP) $(MO)
	rm -rf dist/kenes build/pyinstaller
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist \
	  --workpath build/pyinstaller packaging/kenes.spec
	@du -sh dist/kenes

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache i18n/*/LC_MESSAGES
