# Kenes — the two commands that matter: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MO := $(patsubst i18n/%.po,i18n/%/LC_MESSAGES/kenes.mo,$(wildcard i18n/*.po))
export QT_QPA_PLATFORM ?= $(if $(DISPLAY)$(WAYLAND_DISPLAY),,offscreen)

.PHONY: setup run test lint bench eval i18n i18n-extract i18n-update i18n-compile clean screenshots \
  bundle bundle-tarball linux-integration icons

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

# packaging/linux: the desktop entry's and metainfo's strings share the catalogs.
i18n-extract: $(STAMP)
	PYTHONPATH=packaging/linux $(BIN)/pybabel extract -F i18n/babel.cfg -k _ -k N_ \
	  -k ngettext:1,2 --no-location --project=Kenes -o i18n/kenes.pot desktop packaging/linux

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

# README screenshots, made by the app itself from the bundled sample (the reading pair from
# a Kazakh article and its Russian translation written for it, docs/screenshots/pair-texts).
screenshots: setup
	rm -rf .bench/shots-lib && mkdir -p docs/screenshots
	$(BIN)/kenes import resources/sample --library .bench/shots-lib >/dev/null
	$(BIN)/kenes --library .bench/shots-lib --query "country:UZ from:2025-11-01" --select 2 \
	  --screenshot docs/screenshots/window.png
	$(BIN)/kenes --library .bench/shots-lib --lang kk --query "sector:trade" --select 5 \
	  --screenshot docs/screenshots/window-kk.png
	$(BIN)/kenes import docs/screenshots/pair-texts --library .bench/shots-lib >/dev/null
	$(BIN)/kenes --library .bench/shots-lib --select 6 --screenshot docs/screenshots/pair.png

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

# Linux desktop integration: the .desktop entry and AppStream metainfo with the kk and ru
# translations from the catalogs (msgfmt from gettext; validated when the tools are there).
VERSION := $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' desktop/__init__.py)
LINUX_OUT := build/linux
APP_ID := kz.kenes.Kenes
LINUX_FILES := $(LINUX_OUT)/$(APP_ID).desktop $(LINUX_OUT)/$(APP_ID).metainfo.xml

linux-integration: $(LINUX_FILES)

$(LINUX_OUT)/po/LINGUAS: i18n/kk.po i18n/ru.po
	@command -v msgfmt >/dev/null || { echo "msgfmt is missing: apt install gettext" >&2; exit 1; }
	mkdir -p $(dir $@)
	cp i18n/kk.po i18n/ru.po $(dir $@)
	echo "kk ru" > $@

$(LINUX_OUT)/$(APP_ID).desktop: packaging/linux/$(APP_ID).desktop.in $(LINUX_OUT)/po/LINGUAS
	msgfmt --use-fuzzy --desktop --template=$< -d $(LINUX_OUT)/po -o $@
	if command -v desktop-file-validate >/dev/null; then desktop-file-validate $@; fi

$(LINUX_OUT)/$(APP_ID).metainfo.xml: packaging/linux/$(APP_ID).metainfo.xml.in $(LINUX_OUT)/po/LINGUAS
	sed -e 's/@VERSION@/$(VERSION)/' -e "s/@DATE@/$$(git log -1 --format=%cs 2>/dev/null || date +%F)/" \
	  $< > $(LINUX_OUT)/po/$(APP_ID).metainfo.xml
	msgfmt --use-fuzzy --xml --template=$(LINUX_OUT)/po/$(APP_ID).metainfo.xml \
	  -d $(LINUX_OUT)/po -o $@
	if command -v appstreamcli >/dev/null; then appstreamcli validate --no-net $@; fi

# PNG, .ico and .icns icons from resources/icons/kenes.svg (committed; needs rsvg-convert).
ICON_SIZES := 16 24 32 48 64 128 256 512
icons: $(STAMP)
	cp resources/icons/kenes.svg packaging/linux/icons/hicolor/scalable/apps/$(APP_ID).svg
	for s in $(ICON_SIZES); do mkdir -p packaging/linux/icons/hicolor/$${s}x$${s}/apps; \
	  rsvg-convert -w $$s -h $$s resources/icons/kenes.svg \
	    -o packaging/linux/icons/hicolor/$${s}x$${s}/apps/$(APP_ID).png; done
	$(BIN)/python -c 'from PIL import Image; p="packaging/linux/icons/hicolor/{0}x{0}/apps/$(APP_ID).png"; \
	  Image.open(p.format(256)).save("packaging/windows/kenes.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)]); \
	  Image.open(p.format(512)).save("packaging/macos/kenes.icns")'

# dist/kenes-VERSION-linux-ARCH.tar.gz: the application folder, desktop files, icons and
# install.sh (installs into ~/.local without root). Builds the bundle when it is missing.
TARBALL := dist/kenes-$(VERSION)-linux-$(shell uname -m).tar.gz
bundle-tarball: $(LINUX_FILES)
	[ -x dist/kenes/kenes ] || $(MAKE) bundle
	rm -rf build/tarball && mkdir -p build/tarball/kenes-$(VERSION)/share/applications \
	  build/tarball/kenes-$(VERSION)/share/metainfo
	cp -a dist/kenes build/tarball/kenes-$(VERSION)/kenes
	cp $(LINUX_OUT)/$(APP_ID).desktop build/tarball/kenes-$(VERSION)/share/applications/
	cp $(LINUX_OUT)/$(APP_ID).metainfo.xml build/tarball/kenes-$(VERSION)/share/metainfo/
	cp -R packaging/linux/icons build/tarball/kenes-$(VERSION)/share/icons
	cp packaging/linux/install.sh build/tarball/kenes-$(VERSION)/
	tar -C build/tarball -czf $(TARBALL) kenes-$(VERSION)
	@ls -sh $(TARBALL)

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache i18n/*/LC_MESSAGES
