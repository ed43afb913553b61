"""A demo set-up made as the kiosk makes it at its first start, for the self-test's tests
(tests/services/test_selftest.py, tests/commands/test_selftest_cli.py).

Tests import this as `from selftest_helpers import …` (tests/ is on sys.path through its
conftest)."""

from __future__ import annotations

from pathlib import Path

from kiosk.config import Settings, load_settings


def prepare_demo(data_dir: Path) -> Settings:
    """The demo set-up in `data_dir` as `kiosk --demo` leaves it after its first start: the
    database migrated and seeded, the PDF folder, both voucher keys and the audit key made and
    recorded."""
    from kiosk.app import make_business, open_database, open_seal
    from kiosk.demo.kit import demo_kit
    from kiosk.hardware import make_printer

    settings = load_settings(demo=True, environ={}, data_dir=str(data_dir))
    engine = open_database(settings, demo_kit().seed)
    try:
        make_business(settings, engine, make_printer(settings), open_seal(settings, engine))
    finally:
        engine.dispose()
    return settings
