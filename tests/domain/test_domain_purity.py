"""domain and store never pull in Qt (ARCHITECTURE.md: dependencies point one way)."""

from __future__ import annotations

import subprocess
import sys


def test_domain_and_store_import_without_qt_or_pyscard() -> None:
    code = (
        "import sys\n"
        "import kiosk.domain.calendar, kiosk.domain.masking, kiosk.domain.records\n"
        "import kiosk.domain.journal, kiosk.domain.vouchers, kiosk.domain.errors\n"
        "import kiosk.store.cli, kiosk.store.seed, kiosk.store.journal, kiosk.store.check\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'smartcard')]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""


def test_domain_does_not_import_sqlalchemy() -> None:
    code = (
        "import sys\n"
        "import kiosk.domain.calendar, kiosk.domain.masking, kiosk.domain.records\n"
        "import kiosk.domain.journal, kiosk.domain.vouchers, kiosk.domain.errors\n"
        "print('sqlalchemy' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "False"
