"""`kiosk db check` printing the Database report (and `--json`), and `kiosk diag system
[--json]`, through the real entry point: the exit codes of the README's table, one plain line
for a database that cannot be reached, and the password never printed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from cli_helpers import kiosk, one_line, private_env

from kiosk import cli, exit_codes
from kiosk.store.migrate import head_revision

REFUSED = "postgresql+psycopg://kiosk:s3cret-pw@127.0.0.1:1/sscard"


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private home whose demo database `kiosk --demo db seed --demo` made."""
    home = tmp_path_factory.mktemp("home")
    done = kiosk("--demo", "db", "seed", "--demo", env=private_env(home))
    assert done.returncode == exit_codes.OK, done.stderr
    return home


def test_db_check_prints_the_database_report(demo_home: Path) -> None:
    done = kiosk("--demo", "db", "check", env=private_env(demo_home))
    assert done.returncode == exit_codes.OK, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("database: sqlite:///") and lines[0].endswith("/demo/kiosk.db")
    assert lines[1].startswith("server: sqlite ") and "round trip" in lines[1]
    assert f"schema: {head_revision()} (current), tables match the migrations" in lines
    assert any(line.startswith("rows: ") and "cardholders 6" in line for line in lines)
    assert "outbox: no message waiting for the central back end" in lines
    assert lines[-2] == "result: OK" and lines[-1].startswith("took ")


def test_db_check_json_is_one_document_with_the_same_exit_code(demo_home: Path) -> None:
    done = kiosk("--demo", "db", "check", "--json", "--quick", env=private_env(demo_home))
    assert done.returncode == exit_codes.OK, done.stderr
    document = json.loads(done.stdout)
    assert document["ok"] and document["reachable"] and document["revision_current"]
    assert document["tables"]["cardholders"] == 6 and document["round_trip_ms"] >= 0
    assert [c["id"] for c in document["checks"]] == [
        "connection",
        "schema",
        "integrity",
        "audit_chain",
        "outbox",
    ]
    assert document["check"][-1] == "result: OK"


def test_db_check_json_on_an_old_schema_exits_1(tmp_path: Path) -> None:
    from kiosk.store.db import create_engine

    url = f"sqlite:///{tmp_path / 'k.db'}"
    create_engine(url).dispose()  # an empty file: no schema at all
    done = kiosk("db", "check", "--json", "--url", url, env=private_env(tmp_path))
    assert done.returncode == exit_codes.FAILED, done.stderr
    document = json.loads(done.stdout)
    assert not document["ok"] and document["revision"] is None
    assert document["expected_revision"] == head_revision()


@pytest.mark.parametrize("json_too", [False, True], ids=["text", "json"])
def test_a_server_that_does_not_answer_exits_3_and_never_prints_the_password(
    tmp_path: Path, json_too: bool
) -> None:
    argv = ["db", "check", "--url", REFUSED] + (["--json"] if json_too else [])
    done = kiosk(*argv, env=private_env(tmp_path))
    assert done.returncode == exit_codes.UNAVAILABLE
    assert "s3cret-pw" not in done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    [line] = done.stderr.splitlines()
    assert "cannot use the database postgresql+psycopg://kiosk:***@127.0.0.1:1/sscard" in line
    assert "refused" in line and "server runs" in line
    if json_too:
        document = json.loads(done.stdout)
        assert document["problem"] == "unreachable" and not document["reachable"]
        assert document["url"].endswith("kiosk:***@127.0.0.1:1/sscard")
    else:
        assert done.stdout == ""


def test_db_check_on_no_database_is_still_3(tmp_path: Path) -> None:
    done = kiosk(
        "db", "check", "--url", f"sqlite:///{tmp_path / 'none.db'}", env=private_env(tmp_path)
    )
    assert done.returncode == exit_codes.UNAVAILABLE
    assert "no such database" in one_line(done)
    assert not (tmp_path / "none.db").exists()


def test_diag_system_prints_the_system_report(demo_home: Path) -> None:
    done = kiosk("--demo", "diag", "system", env=private_env(demo_home))
    assert done.returncode == exit_codes.OK, done.stdout + done.stderr
    out = done.stdout
    for start in ("host: ", "kiosk: ", "python: ", "qt: ", "pyscard: ", "pcsc_lite: ", "cups: "):
        assert f"\n{start}" in f"\n{out}", start
    assert "\nsqlite: " in out and "\ndisk: " in out and "\nclock: " in out
    assert "\nuptime: system " in out and "\nmemory: " in out and "\nlog: " in out
    assert out.splitlines()[-1] == "result: OK"


def test_diag_system_json(demo_home: Path) -> None:
    done = kiosk("--demo", "diag", "system", "--json", env=private_env(demo_home))
    assert done.returncode == exit_codes.OK, done.stderr
    document = json.loads(done.stdout)
    assert set(document["versions"]) >= {"kiosk", "python", "qt", "pyscard", "pcsc_lite", "sqlite"}
    assert document["disk"]["free_bytes"] > 0 and document["clock"]["state"] == "ok"
    assert document["uptime"]["kiosk_s"] is None  # this command is not the kiosk
    assert isinstance(document["log"]["lines"], list) and document["ok"]


def test_diag_system_exits_1_when_the_clock_would_misdate_vouchers(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import kiosk as package

    tomorrow = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=2)
    monkeypatch.setattr(package, "BUILD_DATE", tomorrow.isoformat())  # built "after" now
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KIOSK_LOG_DIR", str(tmp_path / "log"))
    assert cli.main(["diag", "system"]) == exit_codes.FAILED
    out = capsys.readouterr().out
    assert "clock: PROBLEM: the clock is before the day this program was built" in out
    assert out.splitlines()[-1] == "result: PROBLEMS"


def test_diag_system_bad_settings_are_usage(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text('database_url = "garbage"\n', encoding="utf-8")
    done = kiosk("--config", str(config), "diag", "system", env=private_env(tmp_path))
    assert done.returncode == exit_codes.USAGE
    assert "database_url" in one_line(done)
