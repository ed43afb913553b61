"""Dependencies point one way (ARCHITECTURE.md): everything below the UI imports without Qt,
the domain without SQLAlchemy or pyscard, and drivers without the kiosk. Every module of each
package is imported in a fresh interpreter, so a new module is covered without listing it."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def modules_of(package: str) -> list[str]:
    """Every module of `package`, found on disk. Alembic's migration scripts are left out:
    Alembic runs them, they are not importable on their own."""
    folder = ROOT.joinpath(*package.split("."))
    found = [package]
    for info in pkgutil.walk_packages([str(folder)], package + "."):
        if ".migrations." not in info.name + ".":
            found.append(info.name)
    return found


def imported_roots(modules: list[str]) -> set[str]:
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


@pytest.mark.parametrize(
    "package", ["kiosk.domain", "kiosk.card", "kiosk.services", "kiosk.store", "kiosk.flows"]
)
def test_below_the_ui_nothing_imports_qt(package: str) -> None:
    modules = modules_of(package)
    assert modules, f"no modules found in {package}"
    assert "PySide6" not in imported_roots(modules)


def test_the_domain_imports_no_database_and_no_reader() -> None:
    roots = imported_roots(modules_of("kiosk.domain"))
    assert not roots & {"sqlalchemy", "alembic", "smartcard", "PySide6", "drivers"}


def test_drivers_do_not_import_the_kiosk_and_only_pcsc_imports_pyscard() -> None:
    without_pcsc = [m for m in modules_of("drivers") if m != "drivers.readers.pcsc"]
    roots = imported_roots(without_pcsc)
    assert "kiosk" not in roots
    assert "smartcard" not in roots


def test_the_fault_classifier_imports_without_qt() -> None:
    # kiosk.faults sits beside app.py (it knows the settings' and the key's errors) but must
    # stay testable without a display: the out-of-service reason codes come from it.
    assert "PySide6" not in imported_roots(["kiosk.faults"])
