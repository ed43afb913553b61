"""`kiosk idcard serve` and `kiosk diag idcard` end to end: the simulated reader served by the
real command in a subprocess on a pty, read by `diag idcard` masked and with --full; the exit
codes of an ID card problem, of a reader that cannot be used and of hostile arguments."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_helpers import TIMEOUT_S, kiosk, one_line, private_env

from drivers.idcard.identities import demo_identities
from drivers.idcard.sim import NAMED_FAULTS, SimulatedIdReader
from kiosk import exit_codes
from kiosk.cli import main

ROOT = Path(__file__).resolve().parents[2]
WANG = demo_identities()["wangxiaoming"]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """`kiosk idcard serve wangxiaoming --link LINK` running; yields LINK."""
    home = tmp_path_factory.mktemp("idcard-serve")
    link = home / "idcard"
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "idcard", "serve", "wangxiaoming", "--link", str(link)],
        cwd=ROOT,
        env=private_env(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    assert first.startswith("Serving a simulated ID card reader"), first
    assert WANG.name not in first and WANG.id_number not in first  # masked
    assert link.is_symlink()
    yield link
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=TIMEOUT_S)
    assert process.returncode == exit_codes.OK, err
    assert "Stopped (" in out and "Traceback" not in err
    assert not link.exists()


def test_diag_idcard_reads_the_served_card_masked(served: Path, tmp_path: Path) -> None:
    done = kiosk("diag", "idcard", "--port", str(served), "--json", env=private_env(tmp_path))
    assert done.returncode == exit_codes.OK, done.stderr
    report = json.loads(done.stdout)
    assert report["masked"] is True and report["port"] == str(served)
    identity = report["identity"]
    assert identity["name"] == "王*明"
    assert identity["id_number"] == "1101**********0173"
    assert set(identity["birth_date"]) == {"*"} and set(identity["address"]) == {"*"}
    for secret in (WANG.name, WANG.id_number, "19850612", WANG.address):
        assert secret not in done.stdout


def test_diag_idcard_full_shows_everything(served: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["diag", "idcard", "--port", str(served), "--json", "--full"]) == 0
    identity = json.loads(capsys.readouterr().out)["identity"]
    assert identity["name"] == WANG.name and identity["id_number"] == WANG.id_number
    assert identity["address"] == WANG.address and identity["valid_to"] == "2036-08-20"
    assert main(["diag", "idcard", "--port", str(served)]) == 0
    text = capsys.readouterr().out
    assert "王*明" in text and "1101**********0173" in text and "SAM " in text


@pytest.mark.parametrize(
    ("fault", "code", "words"),
    [
        ("no-card", exit_codes.FAILED, "No ID card on the reader"),
        ("read-failed", exit_codes.FAILED, "reading the card failed"),
        ("bad-checksum", exit_codes.FAILED, "checksum"),
        ("stall", exit_codes.FAILED, "did not answer within"),
        ("unsupported", exit_codes.FAILED, "not supported here"),
        ("sam-self-test", exit_codes.UNAVAILABLE, "self-test"),
        ("sam-unauthorised", exit_codes.UNAVAILABLE, "not authorised"),
    ],
)
def test_diag_idcard_exit_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture, fault: str, code: int, words: str
) -> None:
    link = tmp_path / "idcard"
    simulated = SimulatedIdReader(link, WANG, fault=NAMED_FAULTS[fault])
    simulated.start()
    try:
        assert main(["diag", "idcard", "--port", str(link), "--timeout", "0.2"]) == code
    finally:
        simulated.stop()
    captured = capsys.readouterr()
    assert captured.out == ""
    assert words in captured.err and len(captured.err.splitlines()) == 1
    assert WANG.id_number not in captured.err


def test_diag_idcard_without_a_port(tmp_path: Path) -> None:
    env = private_env(tmp_path)
    line = one_line(kiosk("diag", "idcard", "--port", str(tmp_path / "nothing"), env=env))
    assert "unavailable" in line and "No such file or directory" in line
    done = kiosk("diag", "idcard", env=env)
    assert done.returncode == exit_codes.USAGE
    assert "give --port DEV or set idcard_port" in one_line(done)
    done = kiosk("--demo", "diag", "idcard", env=env)
    assert done.returncode == exit_codes.USAGE and "simulated" in one_line(done)
    done = kiosk("diag", "idcard", env=private_env(tmp_path, KIOSK_IDCARD_READER="serial"))
    assert done.returncode == exit_codes.USAGE and "idcard_port must be set" in one_line(done)


def test_hostile_serve_arguments_are_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    taken = tmp_path / "a-file"
    taken.write_text("not a link")
    bad_json = tmp_path / "person.json"
    bad_json.write_text('{"name": "张三"}', encoding="utf-8")
    cases = [
        (["nobody", "--link", str(tmp_path / "l")], "neither a demo identity"),
        (["bad\x01name", "--link", str(tmp_path / "l")], "PERSON"),
        ([str(bad_json), "--link", str(tmp_path / "l")], "lacks"),
        (["wangxiaoming", "--link", str(taken)], "is not a symlink"),
        (["wangxiaoming", "--link", str(tmp_path)], "is not a symlink"),
        (["wangxiaoming", "--link", str(tmp_path / "no" / "such" / "dir")], "Cannot make"),
    ]
    for args, words in cases:
        assert main(["idcard", "serve", *args]) == exit_codes.USAGE, args
        err = capsys.readouterr().err
        assert words in err and len(err.splitlines()) == 1, (args, err)
    assert taken.read_text() == "not a link"
    with pytest.raises(SystemExit) as exited:
        main(["idcard", "serve", "wangxiaoming", "--link", "x", "--fault", "meltdown"])
    assert exited.value.code == exit_codes.USAGE
    assert "invalid choice" in capsys.readouterr().err
    # A path that would write control characters to the terminal, or fill it, is refused with
    # the characters shown escaped.
    for argv in (
        ["idcard", "serve", "wangxiaoming", "--link", "x\x1b[2J"],
        ["idcard", "serve", "wangxiaoming", "--link", "x" * 5000],
        ["diag", "idcard", "--port", "/dev/x\x1b[2J"],
    ):
        with pytest.raises(SystemExit) as exited:
            main(argv)
        assert exited.value.code == exit_codes.USAGE
        err = capsys.readouterr().err
        assert "printable device path" in err and "\x1b" not in err, argv


def test_serve_takes_controls_on_standard_input(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    link = tmp_path / "idcard"
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "idcard", "serve", "王晓明", "--link", str(link)],
        cwd=ROOT,
        env=private_env(tmp_path),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdin is not None and process.stdout is not None

    def say(command: str, answer: str) -> None:
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(command + "\n")
        process.stdin.flush()
        while True:
            line = process.stdout.readline()
            assert line, "the server ended"
            if line.startswith(answer):
                return

    def diag() -> tuple[int, str]:
        code = main(["diag", "idcard", "--port", str(link), "--timeout", "0.3"])
        captured = capsys.readouterr()
        return code, captured.out + captured.err

    try:
        assert process.stdout.readline().startswith("Serving")
        say("take", "ID card taken away")
        assert diag() == (exit_codes.FAILED, "No ID card on the reader: lay it on and try again.\n")
        say("lay lijing", "ID card laid on")
        code, out = diag()
        assert code == exit_codes.OK and "李*" in out
        say("lay nobody", "Cannot lay 'nobody'")
        say("fault read-failed", "Fault: read-failed")
        assert diag()[0] == exit_codes.FAILED
        say("fault none", "Fault: none")
        say("vanish", "The reader is gone")
        assert diag()[0] == exit_codes.UNAVAILABLE
        say("back", "The reader is back")
        code, out = diag()
        assert code == exit_codes.OK and "李*" in out
        say("dance", "Not a command: 'dance'")
    finally:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=TIMEOUT_S)
    assert process.returncode == exit_codes.OK
