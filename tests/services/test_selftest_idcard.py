"""The self-test's "ID card reader" check against the simulated reader on a real pty and its
faults: PASS with the SAM id's length only, each fault a FAIL (or a WARN for a port another
program holds) with the fix in words, SKIP without a reader, PASS "simulated" for the mock;
and no card is ever read (the simulator records every command it got)."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.idcard.base import IdReaderState
from drivers.idcard.identities import demo_identities
from drivers.idcard.mock import MockIdCardReader
from drivers.idcard.protocol import STATUS_WORDS, Command
from drivers.idcard.serial import SerialIdCardReader
from drivers.idcard.sim import NAMED_FAULTS, SimulatedIdReader
from drivers.printers.pdf import PdfPrinter
from kiosk.services.idcard_diag import SW3_WORDS, probe_id_reader
from kiosk.services.selftest import CheckResult, SelftestSubject, Verdict, run_selftest

WANG = demo_identities()["wangxiaoming"]


@pytest.fixture
def link(tmp_path: Path) -> Path:
    return tmp_path / "idcard"


@pytest.fixture
def sim(link: Path) -> Iterator[SimulatedIdReader]:
    simulated = SimulatedIdReader(link, WANG)  # a citizen's ID card lies on it
    simulated.start()
    yield simulated
    simulated.stop()


def reader(link: Path) -> SerialIdCardReader:
    return SerialIdCardReader(str(link), command_timeout=0.2, read_timeout=0.3)


def id_check(tmp_path: Path, probe) -> CheckResult:  # type: ignore[no-untyped-def]
    """The self-test run on a kiosk with no data folder (its other checks fail fast) and the
    ID card reader looked at by `probe`; its "id_reader" check."""
    subject = SelftestSubject(
        kiosk_id="T1",
        data_dir=tmp_path / "none",
        database_url=f"sqlite:///{tmp_path / 'none' / 'kiosk.db'}",
        hmac_key_file=tmp_path / "none" / "k",
        printer=lambda: PdfPrinter(tmp_path / "none" / "printed"),
        readers=None,
        reader_kind="mock",
        build_date=dt.date(2026, 1, 1),
        id_reader=probe,
    )
    report = run_selftest(subject)
    [found] = [c for c in report.checks if c.id == "id_reader"]
    return found


def serial_probe(link: Path):  # type: ignore[no-untyped-def]
    return lambda: probe_id_reader(reader(link), str(link), timeout=0.2)


def test_a_working_reader_passes_with_the_sam_ids_length_and_no_card_read(
    tmp_path: Path, link: Path, sim: SimulatedIdReader
) -> None:
    found = id_check(tmp_path, serial_probe(link))
    assert found.verdict is Verdict.PASS, found
    assert found.found == f"{link}: the security module answers (SAM id of 16 bytes)"
    assert sim.commands == [Command.SAM_STATUS, Command.SAM_ID]  # no find, select or read
    assert WANG.name not in str(found) and "A5C3" not in found.found


@pytest.mark.parametrize(
    ("fault", "found", "fix"),
    [
        ("sam-unauthorised", "(SAM) is not authorised (status 66)", "authorised by its supplier"),
        ("sam-self-test", "(SAM) failed its self-test (status 60)", "power the reader off and on"),
    ],
)
def test_the_security_modules_faults_fail_with_the_fix(
    tmp_path: Path, link: Path, sim: SimulatedIdReader, fault: str, found: str, fix: str
) -> None:
    sim.fault = NAMED_FAULTS[fault]
    check = id_check(tmp_path, serial_probe(link))
    assert check.verdict is Verdict.FAIL
    assert found in check.found and fix in check.fix


def test_a_stalled_or_garbled_reader_fails_with_the_fix(
    tmp_path: Path, link: Path, sim: SimulatedIdReader
) -> None:
    from drivers.idcard.sim import Fault, FaultKind

    sim.fault = Fault(FaultKind.STALL, None)
    check = id_check(tmp_path, serial_probe(link))
    assert check.verdict is Verdict.FAIL
    assert check.found == f"the ID card reader at {link} does not answer"
    assert "power and cable" in check.fix
    sim.fault = Fault(FaultKind.BAD_CHECKSUM, None)
    check = id_check(tmp_path, serial_probe(link))
    assert check.verdict is Verdict.FAIL and "answers garbled" in check.found
    assert "115200" in check.fix


def test_a_missing_port_fails_and_a_held_one_warns(
    tmp_path: Path, link: Path, sim: SimulatedIdReader
) -> None:
    held = reader(link)
    held.start()  # the running kiosk's watch loop holds the port...
    # ...once its thread has opened it and the reader answered (it failed on CI when the
    # self-test got there first).
    deadline = time.monotonic() + 5
    away = (IdReaderState.NO_DEVICE, IdReaderState.OFFLINE)
    while held.state() in away and time.monotonic() < deadline:
        time.sleep(0.01)
    assert held.state() not in away
    try:
        check = id_check(tmp_path, serial_probe(link))
        assert check.verdict is Verdict.WARN
        assert "held by another program" in check.found and "staff mode" in check.fix
        # The kiosk's own reader, looked at through its open port: a pass.
        watched = id_check(
            tmp_path, lambda: probe_id_reader(held, str(link), watched=True, timeout=0.5)
        )
        assert watched.verdict is Verdict.PASS, watched
    finally:
        held.stop()
    sim.vanish()  # unplugged
    check = id_check(tmp_path, serial_probe(link))
    assert check.verdict is Verdict.FAIL
    assert check.found == f"no device at {link}" and "USB cable" in check.fix


def test_no_reader_skips_and_the_mock_passes_simulated(tmp_path: Path) -> None:
    assert id_check(tmp_path, None).verdict is Verdict.SKIP
    mock = MockIdCardReader()
    mock.lay(WANG)
    check = id_check(tmp_path, lambda: probe_id_reader(mock, ""))
    assert (check.verdict, check.found) == (Verdict.PASS, "simulated (the demo's ID card reader)")
    mock.unplug()
    mock.start()
    check = id_check(tmp_path, lambda: probe_id_reader(mock, ""))
    assert check.verdict is Verdict.FAIL and "demo tray" in check.fix


def test_the_status_words_marked_for_translation_are_the_drivers() -> None:
    assert SW3_WORDS == STATUS_WORDS


def test_the_bundles_devices_hold_the_id_card_reader(
    tmp_path: Path, link: Path, sim: SimulatedIdReader
) -> None:
    from kiosk.config import load_settings
    from kiosk.diag_setup import id_reader_document

    settings = load_settings(
        environ={}, data_dir=str(tmp_path), idcard_reader="serial", idcard_port=str(link)
    )
    doc = id_reader_document(settings)
    assert (doc["configured"], doc["driver"], doc["sam_id_bytes"]) == ("serial", "serial", 16)
    assert doc["device"]["state"] == "online" and doc["card_on"] is None  # not looked for
    assert sim.commands == [Command.SAM_STATUS, Command.SAM_ID]
    running = MockIdCardReader()  # the running kiosk's own reader, unplugged
    running.start()
    running.unplug()
    doc = id_reader_document(load_settings(environ={}, data_dir=str(tmp_path)), running)
    assert (doc["configured"], doc["driver"], doc["device"]["state"]) == (
        "none",
        "simulated",
        "offline",
    )
    none = id_reader_document(load_settings(environ={}, data_dir=str(tmp_path)))
    assert none == {"configured": "none", "problem": None}
