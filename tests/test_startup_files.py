"""What the start-up does with the kiosk's files (S7) and its signing key, below the window:
`open_database` makes the data folder private and tightens an open database, saying so;
`make_business` refuses a made-up key while this kiosk's vouchers exist."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest
from journal_helpers import issue_vouchers

from drivers.printers.pdf import PdfPrinter
from kiosk.app import make_business, open_database, open_seal
from kiosk.config import load_settings
from kiosk.services.signing_key import KeyMissingWithVouchers, SigningKeyError


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_an_open_database_in_an_open_folder_is_tightened_and_logged(
    sqlite_factory,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    sqlite_factory.new("migrated", data_dir)  # data_dir/kiosk.db
    database = data_dir / "kiosk.db"
    database.chmod(0o644)
    data_dir.chmod(0o755)
    settings = load_settings(environ={}, data_dir=data_dir, log_dir=tmp_path / "log")
    with caplog.at_level(logging.WARNING, logger="kiosk.app"):
        open_database(settings).dispose()
    assert mode(database) == 0o600
    assert mode(data_dir) == 0o755  # others may list it, not read what is in it
    assert caplog.messages == [
        f"files.repaired {database} was open to others (mode 0644); now 0600"
    ]


def test_under_umask_000_the_start_makes_everything_private(tmp_path: Path) -> None:
    data_dir = tmp_path / "srv" / "kiosk"
    settings = load_settings(environ={}, data_dir=data_dir, log_dir=tmp_path / "log")
    old = os.umask(0)
    try:
        engine = open_database(settings)
        business = make_business(
            settings, engine, PdfPrinter(tmp_path), open_seal(settings, engine)
        )
        engine.dispose()
    finally:
        os.umask(old)
    assert business is not None
    assert [mode(p) for p in (tmp_path / "srv", data_dir)] == [0o700, 0o700]
    files = sorted(p for p in data_dir.iterdir())
    assert {p.name for p in files} >= {
        "kiosk.db",
        "voucher-signing.key",
        "audit-chain.key",
        "audit-anchor.log",
    }
    assert {p.name: mode(p) for p in files} == {p.name: 0o600 for p in files}


def test_the_start_refuses_a_new_key_while_this_kiosks_vouchers_exist(tmp_path: Path) -> None:
    settings = load_settings(environ={}, kiosk_id="BJCY01", data_dir=tmp_path / "data")
    engine = open_database(settings)
    try:
        make_business(settings, engine, PdfPrinter(tmp_path), open_seal(settings, engine))
        issue_vouchers(engine, "BJCY01")
        settings.resolved_voucher_key_file.unlink()  # lost
        with pytest.raises(KeyMissingWithVouchers) as refused:
            make_business(settings, engine, PdfPrinter(tmp_path), open_seal(settings, engine))
    finally:
        engine.dispose()
    assert isinstance(refused.value, SigningKeyError)
    assert not settings.resolved_voucher_key_file.exists()
