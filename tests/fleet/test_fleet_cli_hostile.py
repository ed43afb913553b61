"""Hostile arguments for `kiosk central …` and `kiosk fleet send|bench` through the real entry
point (a subprocess, as tests/test_cli_hostile.py does): each ends in one plain line, the
documented exit code (2 usage, 3 the server or database cannot be used), no traceback, and never
the password it was given."""

from __future__ import annotations

import secrets
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import kiosk, one_line, private_env
from sqlalchemy.engine import make_url

from kiosk import exit_codes
from kiosk.store.central import admin

SECRET = "Sekr1tPassw0rd"
HUGE = "x" * 100_000


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def centre(
    postgres_factory: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, str]]:
    """A centre without the demo seed, one kiosk; its roles dropped after."""
    url = postgres_factory.new("empty", tmp_path_factory.mktemp("hostile-centre"))
    prefix = "h" + secrets.token_hex(5)
    try:
        admin.init(url, prefix)
        kiosk_url = admin.add_kiosk(url, prefix, "HOST01")
        yield {"admin": url, "prefix": prefix, "kiosk": kiosk_url}
    finally:
        admin.drop(url, prefix)
        postgres_factory.drop(make_url(url).database or "")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return private_env(tmp_path / "home")


def refused(done: Any, code: int, said: str) -> str:
    line = one_line(done)
    assert done.returncode == code, line
    assert said in line, line
    assert SECRET not in line
    return line


def with_password(url: str, password: str = SECRET) -> str:
    return make_url(url).set(password=password).render_as_string(hide_password=False)


UNREACHABLE = f"postgresql://postgres:{SECRET}@127.0.0.1:{closed_port()}/db"


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (["central", "init", "--url", ""], 2, "URL is empty"),
        (["central", "init", "--url", UNREACHABLE + HUGE], 3, "the server cannot be used"),
        (["central", "init", "--url", f"mysql://root:{SECRET}@127.0.0.1/db"], 2, "unknown kind"),
        (["central", "init", "--url", "http://example.com/"], 2, "unknown kind"),
        (["central", "init", "--url", "sqlite:////tmp/centre.db"], 2, "PostgreSQL"),
        (["central", "status", "--url", UNREACHABLE], 3, "the server cannot be used"),
        (["central", "add-kiosk", "", "--url", UNREACHABLE], 2, "is not a kiosk ID"),
        (["central", "add-kiosk", "A\x1b[2J", "--url", UNREACHABLE], 2, "is not a kiosk ID"),
        (["central", "add-kiosk", HUGE, "--url", UNREACHABLE], 2, "is not a kiosk ID"),
        (["central", "progress", "", "--to", "ready", "--url", UNREACHABLE], 2, "voucher"),
        (["central", "progress", "V\x1b[31m", "--to", "ready", "--url", UNREACHABLE], 2, "voucher"),
        (["central", "progress", HUGE, "--to", "ready", "--url", UNREACHABLE], 2, "voucher"),
        (["central", "progress", "V-1", "--to", "applied", "--url", UNREACHABLE], 2, "invalid"),
        (["central", "init", "--prefix", "", "--url", UNREACHABLE], 2, "is not a prefix"),
        (["fleet", "bench", "--kiosks", "0"], 2, "--kiosks"),
        (["fleet", "bench", "--kiosks", "-1"], 2, "--kiosks"),
        (["fleet", "bench", "--kiosks", "100000"], 2, "--kiosks"),
        (["fleet", "bench", "--seconds", "0"], 2, "is not a number of seconds"),
        (["fleet", "bench", "--seconds", "nan"], 2, "is not a number of seconds"),
        (["fleet", "bench", "--url", ""], 2, "URL is empty"),
        (["fleet", "bench", "--url", "sqlite:////tmp/bench.db"], 2, "PostgreSQL"),
        (["fleet", "bench", "--kiosks", "1", "--url", UNREACHABLE], 3, "cannot be used"),
        (["fleet", "send", "--once"], 2, "no centre URL"),
        (["fleet", "send", "--once", "--url", ""], 2, "no centre URL"),
        (["fleet", "send", "--once", "--url", "not a url"], 2, "is not a database URL"),
        (["fleet", "send", "--once", "--url", "sqlite:////tmp/x.db"], 2, "PostgreSQL"),
    ],
)
def test_a_hostile_argument_is_one_line_and_its_code(
    args: list[str], code: int, said: str, env: dict[str, str]
) -> None:
    line = refused(kiosk(*args, env=env), code, said)
    assert "\x1b" not in line and len(line) < 600


def test_a_database_without_a_centre_says_run_init(
    postgres_factory: Any, tmp_path: Path, env: dict[str, str]
) -> None:
    url = postgres_factory.new("empty", tmp_path)
    try:
        for command in (["status"], ["progress", "V-1", "--to", "ready"]):
            done = kiosk("central", *command, "--url", with_password(url), env=env)
            refused(done, exit_codes.UNAVAILABLE, "run kiosk central init")
    finally:
        postgres_factory.drop(make_url(url).database or "")


def test_a_kiosk_roles_url_cannot_run_the_centre(centre: dict[str, str], env: dict[str, str]):
    kiosk_url = centre["kiosk"]
    password = make_url(kiosk_url).password or ""
    assert len(password) == admin.PASSWORD_LENGTH
    prefix = ["--prefix", centre["prefix"]]
    for command in (
        ["init", *prefix],
        ["add-kiosk", "HOST02", *prefix],
        ["status", *prefix],
        ["progress", "V-1", "--to", "ready", *prefix],
    ):
        done = kiosk("central", *command, "--url", kiosk_url, env=env)
        line = one_line(done)
        assert done.returncode == exit_codes.UNAVAILABLE, line
        assert password not in line and "this URL's role may not do this" in line, line


def _settings(tmp_path: Path) -> Path:
    """A migrated local database with one message waiting, and settings naming it."""
    from kiosk.store.db import create_engine
    from kiosk.store.migrate import upgrade
    from kiosk.store.unitofwork import UnitOfWork

    path = tmp_path / "local.db"
    engine = create_engine(f"sqlite:///{path}")
    try:
        upgrade(engine)
        import datetime as dt

        with UnitOfWork(engine) as uow:
            uow.outbox.add(
                "bench_note",
                {"idempotency_key": "k1"},
                at=dt.datetime.now(dt.UTC),
                transaction_id=None,
            )
            uow.commit()
    finally:
        engine.dispose()
    config = tmp_path / "kiosk.toml"
    config.write_text(f'kiosk_id = "HOST01"\ndatabase_url = "sqlite:///{path}"\n')
    return config


def test_fleet_send_says_what_stopped_it_in_one_line(
    centre: dict[str, str], tmp_path: Path, env: dict[str, str]
) -> None:
    config = _settings(tmp_path)
    send = ["--config", str(config), "fleet", "send", "--once", "--url"]
    done = kiosk(*send, UNREACHABLE, env=env)
    refused(done, exit_codes.UNAVAILABLE, "sent 0, 1 waiting: ")
    # A role that is not there (a password and a user the server does not know).
    unknown = make_url(centre["kiosk"]).set(username=centre["prefix"] + "_k_nobody")
    done = kiosk(*send, with_password(unknown.render_as_string(hide_password=False)), env=env)
    assert "does not exist" in refused(done, exit_codes.UNAVAILABLE, "1 waiting")
    # The kiosk's own role with a wrong password: this test cluster trusts local connections,
    # so the server lets it in; what matters here is that the password is never echoed.
    done = kiosk(*send, with_password(centre["kiosk"]), env=env)
    assert done.returncode == exit_codes.OK and done.stdout.strip() == "sent 1", done.stderr
    assert SECRET not in done.stdout + done.stderr
    # A local database that is not the kiosk's.
    empty = tmp_path / "empty.db"
    empty.touch()
    other = tmp_path / "other.toml"
    other.write_text(f'kiosk_id = "HOST01"\ndatabase_url = "sqlite:///{empty}"\n')
    done = kiosk("--config", str(other), "fleet", "send", "--once", "--url", UNREACHABLE, env=env)
    refused(done, exit_codes.UNAVAILABLE, "has no outbox")
