"""`kiosk central init|add-kiosk|status|progress` through the `kiosk` command."""

from __future__ import annotations

import json
import socket

import pytest
from centre_helpers import Centre, loss_report, message
from cli_helpers import kiosk, one_line

from kiosk import cli as kiosk_cli
from kiosk.store.central.client import CentreClient


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _central(centre: Centre, *args: str) -> int:
    return kiosk_cli.main(["central", *args, "--url", centre.admin_url, "--prefix", centre.prefix])


def test_init_again_changes_nothing_and_seeds_nothing_twice(centre: Centre, capsys):
    before = centre.one("SELECT count(*) FROM registry.cardholders")
    assert _central(centre, "init", "--seed-demo") == 0
    out = capsys.readouterr().out
    assert f"centre {centre.prefix} ready" in out
    assert "demo cards added: 0, already there: 6" in out
    assert centre.one("SELECT count(*) FROM registry.cardholders") == before
    assert CentreClient(centre.urls["BJCY01"]).hello().kiosk_id == "BJCY01"


def test_add_kiosk_prints_its_url_and_again_a_new_password_keeping_its_messages(
    centre: Centre, capsys
):
    assert _central(centre, "add-kiosk", "CLI01") == 0
    first = capsys.readouterr().out.strip()
    assert first.startswith(f"postgresql+psycopg://{centre.prefix}_k_cli01:")
    client = CentreClient(first)
    client.submit([message(1, "loss_report", loss_report(centre.person()))], None)
    client.close()

    assert (
        _central(centre, "add-kiosk", "CLI01", "--host-url", "postgresql://x@centre:6543/db") == 0
    )
    second = capsys.readouterr().out.strip()
    assert second.startswith(f"postgresql+psycopg://{centre.prefix}_k_cli01:")
    assert second.endswith("@centre:6543/db")
    assert second.split(":")[2].split("@")[0] != first.split(":")[2].split("@")[0]
    client = CentreClient(first.replace(first.split(":")[2].split("@")[0], "whatever"))
    # (This test cluster trusts local connections: the password itself is not checked here.)
    assert client.anchor().last_seq == 1
    client.close()


def test_status_and_progress(centre: Centre, capsys):
    kiosk_id = centre.new_kiosk()
    person = centre.person()
    voucher = f"{kiosk_id}-P1"
    reissue = {**loss_report(person, "lost"), "voucher": voucher, "outlet": "BJCY-01"}
    client = centre.client(kiosk_id)
    client.submit([message(1, "reissue", reissue)], None)
    client.close()

    assert _central(centre, "progress", voucher, "--to", "ready") == 0
    assert "moved to ready" in capsys.readouterr().out
    assert _central(centre, "progress", voucher, "--to", "in_production") == 0
    assert "already at or past in_production" in capsys.readouterr().out
    assert _central(centre, "progress", "NO-SUCH-VOUCHER", "--to", "ready") == 1
    assert "unknown voucher" in capsys.readouterr().err

    assert _central(centre, "status") == 0
    out = capsys.readouterr().out
    assert f"{kiosk_id:<12} seq 1 at " in out
    assert _central(centre, "status", "--json") == 0
    report = json.loads(capsys.readouterr().out)
    mine = next(k for k in report["kiosks"] if k["kiosk_id"] == kiosk_id)
    assert mine["last_seq"] == 1 and mine["lag_s"] is not None and mine["head_seq"] is None
    assert report["reissues"] >= 1


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (["init", "--url", "/tmp/centre.db"], 2, "is a file path"),
        (["init", "--url", "sqlite:////tmp/centre.db"], 2, "PostgreSQL"),
        (["init", "--url", "postgresql://p@127.0.0.1/db", "--prefix", "Bad-One"], 2, "prefix"),
        (["add-kiosk", "bj cy", "--url", "postgresql://p@127.0.0.1/db"], 2, "kiosk ID"),
        (["progress", "V", "--to", "applied", "--url", "postgresql://p@h/db"], 2, "invalid"),
    ],
)
def test_hostile_arguments_are_one_line_and_usage(args, code, said, capsys):
    try:
        result = kiosk_cli.main(["central", *args])
    except SystemExit as exit_:  # argparse's refusals (kiosk.commands.arguments.Parser)
        result = exit_.code
    assert result == code
    err = capsys.readouterr().err
    assert said in err and len(err.strip().splitlines()) == 1


def test_an_unreachable_server_is_one_line_and_code_3():
    url = f"postgresql://postgres:secretpw@127.0.0.1:{_closed_port()}/db"
    done = kiosk("central", "status", "--url", url)
    line = one_line(done)
    assert done.returncode == 3
    assert line.startswith("kiosk central status: the server cannot be used")
    assert "secretpw" not in line


def test_a_database_without_a_centre_says_run_init(postgres_factory, tmp_path, capsys):
    url = postgres_factory.new("empty", tmp_path)
    assert kiosk_cli.main(["central", "status", "--url", url]) == 3
    assert "run kiosk central init" in capsys.readouterr().err
