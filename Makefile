# The two set-up commands of the README (`make demo`, `make test`) install everything they need:
# Debian packages where missing, a .venv, and the project in editable mode with its test extras.
# Both are idempotent; a second run only re-checks.

PYTHON   ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
STAMP    := $(VENV)/.installed
DEB_PKGS := swig libpcsclite-dev pcscd vsmartcard-vpcd fonts-wqy-microhei poppler-utils zbar-tools cups cups-client libcups2-dev
# What Qt's wheels load from the system, offscreen (tests, tour) and on an X display (demo).
DEB_PKGS += libegl1 libgl1 libfontconfig1 libxkbcommon0 libglib2.0-0 libdbus-1-3 \
	libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0

.PHONY: demo test bench lint sysdeps venv translations clean

# With a screen: the kiosk in a window with the demo card tray. Without one: the headless tour.
demo: sysdeps venv translations
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
		$(BIN)/kiosk --demo; \
	else \
		echo "No display here: running the headless tour instead; screenshots go to out/tour/."; \
		QT_QPA_PLATFORM=offscreen $(BIN)/kiosk tour --out out/tour --lang all; \
	fi

# One pytest worker per core; the PC/SC tests (one private pcscd: the vpcd ports are fixed) and
# the CUPS tests (one private cupsd) each keep to one worker (--dist loadgroup).
test: sysdeps venv translations
	$(BIN)/python -m pytest -n auto --dist loadgroup $(PYTEST_ARGS)

bench: sysdeps venv
	$(BIN)/python bench/run.py $(BENCH_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

sysdeps:
	@scripts/ensure-debian-packages $(DEB_PKGS)

venv: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@# setuptools tells every editable install of a project laid out like this one (packages at
	@# the top, assets/ mapped to sscard_assets) that it uses a meta path finder: a notice, not a
	@# problem, and the only thing it would print. Only that notice is silenced.
	PYTHONWARNINGS="ignore:Editable installation" $(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

# Qt Linguist sources (assets/translations/*.ts) compiled to .qm beside them; build output.
translations: venv
	@$(BIN)/python -m kiosk.ui.i18n --compile

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
