"""The technician's card test (`kiosk diag read --timings`) against the simulated card through
the mock reader: every public file read, each APDU a timed line, personal fields masked, and a
card that fails part way still gives its trace up to the failing APDU."""

from __future__ import annotations

import json

import pytest

from drivers.readers.errors import CardRemoved
from drivers.readers.mock import DEFAULT_READER, Faults, MockReaderBackend
from drivers.simcard.image import load_image
from kiosk.services.card_test import CardTest, card_test_report, render_timings, run_card_test
from kiosk.services.diagnostics import render_card_report


@pytest.fixture
def backend():
    backend = MockReaderBackend()
    backend.start()
    yield backend
    backend.stop()


def card_test(backend: MockReaderBackend, image: str = "normal") -> CardTest:
    backend.insert(image)
    return backend.run(DEFAULT_READER, run_card_test).result(5)


def test_every_public_file_is_read_and_each_apdu_timed(backend) -> None:
    test = card_test(backend)
    assert test.passed and test.read is not None
    commands = [record.command for record in test.records]
    assert commands[0] == "SELECT SSSE" and len(test.records) == 19
    assert sum("of EF05" in c for c in commands) == 7 and sum("of EF06" in c for c in commands) == 7
    assert commands[15:] == [
        "SELECT SSSE",
        "READ BINARY EF08 at 0",
        "SELECT 0008",
        "READ BINARY at 256",
    ]
    assert test.photo_bytes == len(load_image("normal").photo_data) and test.photo_is_jpeg
    report = card_test_report(test)
    total = report["timings"]["total"]
    assert total["apdus"] == 19 and total["card_ms"] <= total["ms"]
    assert report["timings"]["apdus"][0] == {
        "n": 1,
        "command": "SELECT SSSE",
        "header": "00 A4 04 00 0F",
        "sw": "6115",
        "meaning": "done, 21 bytes waiting: fetch them with GET RESPONSE (00 C0 00 00 15)",
        "bytes": 0,
        "ms": report["timings"]["apdus"][0]["ms"],
    }
    assert report["problem"] is None and report["photo"]["jpeg"] is True


def test_the_report_is_masked_unless_full(backend) -> None:
    test = card_test(backend)
    image = load_image("normal")
    secrets = (
        image.holder.ssn,
        image.holder.name,
        image.issuer.card_number,
        image.holder.birth_date.isoformat(),
    )
    masked = card_test_report(test)
    text = json.dumps(masked, ensure_ascii=False) + render_timings(masked)
    text += render_card_report({"reader": {"name": "r", "driver": "mock"}, **masked})
    for secret in secrets:
        assert secret not in text
    full = json.dumps(card_test_report(test, full=True), ensure_ascii=False)
    assert all(secret in full for secret in secrets)
    # The timing part holds no data at all: the same with and without --full.
    assert card_test_report(test, full=True)["timings"]["apdus"] == masked["timings"]["apdus"]


def test_an_unreadable_card_gives_its_trace_up_to_the_failing_apdu(backend) -> None:
    test = card_test(backend, "unreadable")
    assert not test.passed and test.read is None and test.photo_bytes is None
    report = card_test_report(test)
    assert report["card"] is None and report["problem"]
    assert report["timings"]["apdus"], "the APDUs that did go out are listed"
    assert "failed the test" in render_timings(report)


def test_a_corrupted_answer_is_a_finding_not_a_crash(backend) -> None:
    backend.insert("normal")
    backend.set_faults(Faults(corrupt=lambda answer: answer[:1] + b"\x90\x00"))
    test = backend.run(DEFAULT_READER, run_card_test).result(5)
    assert not test.passed and test.problem.startswith(("bad_", "mute"))
    assert test.records[-1].sw == 0x9000


def test_a_mute_card_is_a_finding(backend) -> None:
    backend.insert("normal")
    backend.set_faults(Faults(mute=True))
    test = backend.run(DEFAULT_READER, run_card_test).result(5)
    assert test.problem.startswith("mute") and test.records[0].failure == "CardMute"


def test_a_card_pulled_out_is_the_callers_error(backend) -> None:
    backend.insert("normal")
    backend.set_faults(Faults(remove_after=5))
    with pytest.raises(CardRemoved):
        backend.run(DEFAULT_READER, run_card_test).result(5)
