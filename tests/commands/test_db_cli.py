"""`kiosk db upgrade|seed|check`, through the handlers kiosk/commands/db.py adds to `kiosk`."""

from __future__ import annotations

import argparse
import socket
import stat
import time
from pathlib import Path

import pytest
from cli_helpers import kiosk, one_line, private_env
from sqlalchemy.exc import OperationalError

from kiosk import cli as kiosk_cli
from kiosk import config, exit_codes
from kiosk.commands import db as db_commands
from kiosk.store import db
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
    assert kiosk_cli.main(["db", "check", "--url", url]) == 3  # no such file: not created by check
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
    with pytest.raises(SystemExit) as caught:
        kiosk_cli.main(["db", "seed", "--cardholders", "-1", "--url", url])
    assert caught.value.code == 2


def test_default_url_is_the_kiosk_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("KIOSK_DATABASE_URL", raising=False)
    monkeypatch.delenv(config.CONFIG_ENV, raising=False)
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    assert kiosk_cli.main(["db", "upgrade"]) == 0
    assert (tmp_path / "data" / "kiosk.db").exists()


def test_commands_plug_into_another_parser() -> None:
    parser = argparse.ArgumentParser(prog="kiosk")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("demo")
    db_commands.add_db_commands(sub)
    args = parser.parse_args(["db", "check", "--url", "sqlite://", "--quick"])
    assert args.handler is db_commands.run_check and args.quick and args.url == "sqlite://"
    with pytest.raises(SystemExit):
        parser.parse_args(["db"])


# --- through the real entry point: bad URLs, unreachable servers, the kiosk's own settings --------

LONG_PATH = "/tmp/" + "a" * 5000 + "/kiosk.db"


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("nosuch://x", "unknown kind of database 'nosuch'"),
        ("garbage", "not a database URL"),
        ("/path/kiosk.db", "a file path, not a database URL: use sqlite:////path/kiosk.db"),
        ("sqlite:///" + LONG_PATH, "too long for the file system"),
        ("sqlite:///relative/kiosk.db", "relative path"),
        ("", "the database URL is empty"),
        ("sqlite:////tmp/\udcff.db", "not UTF-8"),  # the byte FF on the command line
    ],
    ids=["unknown-scheme", "garbage", "a-path", "5000-characters", "relative", "empty", "bytes"],
)
def test_a_url_that_cannot_work_is_a_usage_error(url: str, says: str, tmp_path: Path) -> None:
    done = kiosk("db", "check", "--url", url, env=private_env(tmp_path), cwd=tmp_path)
    assert done.returncode == exit_codes.USAGE
    line = one_line(done)
    assert line.startswith("kiosk db check: ") and says in line
    assert len(line) < 400  # a 5,000-character path is shortened, not echoed
    assert not list(tmp_path.glob("**/*.db"))  # nothing was created


@pytest.mark.parametrize("command", ["upgrade", "seed", "check"])
def test_a_folder_is_not_a_database_file(command: str, tmp_path: Path) -> None:
    argv = ["db", command, "--url", f"sqlite:///{tmp_path}"] + (["--demo"] * (command == "seed"))
    done = kiosk(*argv, env=private_env(tmp_path))
    assert done.returncode == exit_codes.USAGE
    assert f"{tmp_path} is a folder, not a database file" in one_line(done)


@pytest.mark.parametrize("command", ["upgrade", "seed", "check"])
def test_a_closed_postgresql_port_is_unavailable(command: str, tmp_path: Path) -> None:
    url = "postgresql://postgres@127.0.0.1:1/test"  # port 1: nothing listens
    argv = ["db", command, "--url", url] + (["--demo"] * (command == "seed"))
    done = kiosk(*argv, env=private_env(tmp_path))
    assert done.returncode == exit_codes.UNAVAILABLE
    line = one_line(done)
    assert "cannot use the database postgresql+psycopg://postgres@127.0.0.1:1/test" in line
    assert "refused" in line


def test_db_commands_use_the_demo_settings_with_demo(tmp_path: Path) -> None:
    """`make demo` keeps its database in the demo data folder; `kiosk --demo db` finds it."""
    env = private_env(tmp_path)
    demo_db = tmp_path / "data" / "sscard-kiosk" / "demo" / "kiosk.db"
    done = kiosk("--demo", "db", "seed", "--demo", env=env)
    assert done.returncode == exit_codes.OK, done.stderr
    assert "demo: 6 cards added" in done.stdout and str(demo_db) in done.stdout
    done = kiosk("--demo", "db", "check", env=env)
    assert done.returncode == exit_codes.OK, done.stdout + done.stderr
    assert f"database: sqlite:///{demo_db}" in done.stdout
    done = kiosk("db", "check", env=env)  # without --demo: the kiosk's own, not made yet
    assert done.returncode == exit_codes.UNAVAILABLE
    assert "no such database" in one_line(done)


def test_db_commands_use_the_settings_file_and_url_overrides_it(tmp_path: Path) -> None:
    env = private_env(tmp_path)
    config = tmp_path / "kiosk.toml"
    config.write_text(f'data_dir = "{tmp_path / "configured"}"\n', encoding="utf-8")
    done = kiosk("--config", str(config), "db", "upgrade", env=env)
    assert done.returncode == exit_codes.OK, done.stderr
    assert (tmp_path / "configured" / "kiosk.db").exists()
    config.write_text('database_url = "garbage"\n', encoding="utf-8")
    done = kiosk("--config", str(config), "db", "check", env=env)
    assert done.returncode == exit_codes.USAGE
    line = one_line(done)
    assert "database_url" in line and "'garbage'" in line
    elsewhere = tmp_path / "elsewhere.db"
    done = kiosk("--config", str(config), "db", "upgrade", "--url", f"sqlite:///{elsewhere}")
    assert done.returncode == exit_codes.OK and elsewhere.exists()


def test_postgresql_connections_give_up_after_the_connect_timeout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A server that accepts but never answers (a dropped route looks the same) does not hang
    `kiosk db` or the kiosk: the engine passes libpq a connect_timeout."""
    monkeypatch.setattr(db, "CONNECT_TIMEOUT_S", 1)
    with socket.create_server(("127.0.0.1", 0)) as silent:
        port = silent.getsockname()[1]
        engine = db.create_engine(f"postgresql://kiosk@127.0.0.1:{port}/kiosk")
        started = time.monotonic()
        with pytest.raises(OperationalError, match="timeout"):
            engine.connect()
        assert time.monotonic() - started < 5
        engine.dispose()
