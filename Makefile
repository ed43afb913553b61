# The two set-up commands of the README (`make demo`, `make test`) install everything they need:
# Debian packages where missing, a .venv, and the project in editable mode with its test extras.
# Both are idempotent; a second run only re-checks.

PYTHON   ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
STAMP    := $(VENV)/.installed
DEB_PKGS := swig libpcsclite-dev pcscd vsmartcard-vpcd fonts-wqy-microhei poppler-utils

.PHONY: demo test bench lint sysdeps venv clean

demo: sysdeps venv
	$(BIN)/kiosk demo

test: sysdeps venv
	$(BIN)/python -m pytest $(PYTEST_ARGS)

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
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
