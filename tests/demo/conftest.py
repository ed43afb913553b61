"""The demo's tools drive the same kiosk and screens as the UI tests do: the fixtures of
tests/ui/conftest.py (the theme, the compiled translations, the demo kiosk), shared here.

tests/ has no __init__.py, so that conftest is not importable by name: it is loaded from its
file, and every fixture in it (autouse ones included) is taken into this conftest."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "ui_test_fixtures", Path(__file__).resolve().parent.parent / "ui" / "conftest.py"
)
assert _spec is not None and _spec.loader is not None
_ui = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_ui)

# Fixtures are found by name in a conftest's namespace: take every name that file defines.
globals().update({name: value for name, value in vars(_ui).items() if not name.startswith("__")})
