"""`kiosk db upgrade|seed|check`, through the handlers `kiosk/cli.py` wires in."""

from __future__ import annotations

import argparse
import stat
from pathlib import Path

import pytest

from kiosk import cli as kiosk_cli
from kiosk import config
from kiosk.store import cli
from kiosk.store.db import create_engine
from kiosk.store.migrate import current_revision, head_revision


@pytest.fixture(autouse=True)
def _data_dir_of_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`db check` reads the audit key and anchor from the data folder: never the user's."""
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))


def test_upgrade_seed_check_on_a_new_database(
    empty_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert kiosk_cli.main(["db", "upgrade", "--url", empty_url]) == 0
    assert f"-> {head_revision()}" in capsys.readouterr().out
    assert kiosk_cli.main(["db", "upgrade", "--url", empty_url]) == 0
    assert "already current" in capsys.readouterr().out

    assert kiosk_cli.main(["db", "seed", "--demo", "--url", empty_url]) == 0
    out = capsys.readouterr().out
    assert "demo: 6 cards added" in out and "left out as unknown (unknown)" in out

    seed = ["db", "seed", "--cardholders", "40", "--months", "3", "--url", empty_url]
    assert kiosk_cli.main(seed) == 0
    assert "synthetic: 40 cardholders, 120 contributions" in capsys.readouterr().out

    assert kiosk_cli.main(["db", "check", "--url", empty_url]) == 0
    out = capsys.readouterr().out
    assert "result: OK" in out


def test_seed_upgrades_first_and_check_wants_a_current_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'k.db'}"
    assert kiosk_cli.main(["db", "check", "--url", url]) == 1  # no such file: not created by check
    assert not (tmp_path / "k.db").exists()
    create_engine(url).dispose()  # an empty file
    assert kiosk_cli.main(["db", "check", "--url", url]) == 1
    assert "run db upgrade" in capsys.readouterr().out
    assert kiosk_cli.main(["db", "seed", "--demo", "--url", url]) == 0
    engine = create_engine(url)
    assert current_revision(engine) == head_revision()
    engine.dispose()
    assert stat.S_IMODE((tmp_path / "k.db").stat().st_mode) == 0o600


def test_seed_needs_something_to_do(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'k.db'}"
    assert kiosk_cli.main(["db", "seed", "--url", url]) == 2
    assert "--demo" in capsys.readouterr().err
    assert kiosk_cli.main(["db", "seed", "--cardholders", "-1", "--url", url]) == 2


def test_default_url_is_the_kiosk_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(config.DATABASE_URL_ENV, raising=False)
    monkeypatch.setattr(config, "default_database_path", lambda: tmp_path / "data" / "kiosk.db")
    assert kiosk_cli.main(["db", "upgrade"]) == 0
    assert (tmp_path / "data" / "kiosk.db").exists()


def test_commands_plug_into_another_parser() -> None:
    parser = argparse.ArgumentParser(prog="kiosk")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("demo")
    cli.add_db_commands(sub)
    args = parser.parse_args(["db", "check", "--url", "sqlite://", "--quick"])
    assert args.handler is cli.run_check and args.quick and args.url == "sqlite://"
    with pytest.raises(SystemExit):
        parser.parse_args(["db"])
