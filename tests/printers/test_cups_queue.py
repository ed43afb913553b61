"""A CUPS queue as a technician sees it (drivers/printers/cups_queue.py, and `kiosk diag printer`
through the real entry point), against the private cupsd of conftest.py: state, reasons in plain
words, the last jobs of this queue only, and a CUPS that cannot be asked."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import kiosk, private_env
from cupsd_helper import DeviceListener, PrivateCupsd

from drivers.printers.base import PrinterState, PrinterStatus
from drivers.printers.cups import PRINTER_STOPPED, CupsPrinter
from drivers.printers.cups_queue import (
    MAX_JOBS,
    QueueDetails,
    describe_queue,
    reason_words,
    shown_device_uri,
)
from kiosk import exit_codes

MakeDevice = Callable[..., DeviceListener]
PDF = b"%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n%%EOF\n"


def test_reasons_in_plain_words() -> None:
    assert reason_words("media-empty-error") == "out of paper: load a new roll (error)"
    assert reason_words("media-low-warning") == "paper is running low: have a roll ready (warning)"
    assert reason_words("offline-report").startswith("the printer is offline")
    assert reason_words("paused") == "the queue is paused: `cupsenable` resumes it"
    assert reason_words("com.vendor-blinking-error") == "com.vendor-blinking (error)"  # kept


def test_device_uri_passwords_are_hidden() -> None:
    assert shown_device_uri("ipp://kiosk:s3cret@10.0.0.5/ipp/print") == (
        "ipp://kiosk:***@10.0.0.5/ipp/print"
    )
    assert shown_device_uri("socket://10.0.0.5:9100") == "socket://10.0.0.5:9100"
    assert shown_device_uri("smb://user@host/share") == "smb://user@host/share"  # no password
    assert "s3cret" not in shown_device_uri("ipp://u:s3cret@[::1/x")  # not even a URL


def test_a_queue_its_state_and_its_own_last_jobs(
    cupsd: PrivateCupsd, make_device: MakeDevice, queue_name: str
) -> None:
    device = make_device()
    queue = cupsd.add_queue(queue_name, device.uri)
    other = cupsd.add_queue(queue_name + "x", device.uri)  # another queue's jobs stay out
    CupsPrinter(other, server=cupsd.server, timeout=30).print(PDF, "other-queue")
    printer = CupsPrinter(queue, server=cupsd.server, timeout=30)
    for n in range(3):
        printer.print(PDF, f"job-{n}")

    details = describe_queue(printer, jobs=2)
    assert isinstance(details, QueueDetails)
    assert details.status.state is PrinterState.READY
    assert details.state_words == "idle" and details.facts.accepting is True
    assert details.cups_version.startswith("2.")
    assert details.facts.device_uri == device.uri
    assert [job.name for job in details.jobs] == ["job-2", "job-1"]  # newest first, 2 asked
    assert {job.state_words for job in details.jobs} == {"completed"}
    assert all(job.completed is not None for job in details.jobs)

    assert describe_queue(printer, jobs=0).jobs == ()  # type: ignore[union-attr]
    assert len(describe_queue(printer, jobs=10**9).jobs) == 3  # type: ignore[union-attr]
    assert MAX_JOBS == 100


def test_a_stopped_queue_and_a_missing_one(
    cupsd: PrivateCupsd, make_device: MakeDevice, queue_name: str, tmp_path: Path
) -> None:
    queue = cupsd.add_queue(queue_name, make_device().uri)
    cupsd.run("cupsdisable", queue)
    details = describe_queue(CupsPrinter(queue, server=cupsd.server))
    assert isinstance(details, QueueDetails)
    assert details.facts.state == PRINTER_STOPPED and details.state_words == "stopped"
    assert details.status.state is PrinterState.OFFLINE
    assert "paused" in details.facts.reasons

    missing = describe_queue(CupsPrinter("no-such-queue", server=cupsd.server))
    assert isinstance(missing, PrinterStatus)
    assert "no print queue named 'no-such-queue'" in missing.detail
    nobody = describe_queue(CupsPrinter(queue, server=str(tmp_path / "no.sock")))
    assert isinstance(nobody, PrinterStatus) and "does not answer" in nobody.detail


def test_the_command_on_a_cups_queue(
    cupsd: PrivateCupsd, make_device: MakeDevice, queue_name: str, tmp_path: Path
) -> None:
    """`kiosk diag printer` on the kiosk's CUPS queue: ready and its jobs; --test-page prints
    (the device gets a PDF); stopped, the command says why and exits 1."""
    device = make_device()
    queue = cupsd.add_queue(queue_name, device.uri)
    env = private_env(
        tmp_path / "home",
        KIOSK_PRINTER="cups",
        KIOSK_PRINTER_QUEUE=queue,
        KIOSK_PRINTER_SERVER=cupsd.server,
    )
    done = kiosk("diag", "printer", "--test-page", "--json", env=env)
    assert done.returncode == exit_codes.OK, done.stderr
    report = json.loads(done.stdout)
    assert report["test_page"]["printed"] and report["test_page"]["job_id"].startswith(queue)
    assert not report["test_page"]["audited"]  # no database in this home: said, not failed
    assert "no database yet" in report["test_page"]["audit_problem"]
    cups = report["printer"]["cups"]
    assert cups["printer_state"] == "idle" and cups["accepting_jobs"] is True
    assert cups["jobs"][0]["name"].startswith("test-page-KIOSK01")
    assert cups["jobs"][0]["state"] == "completed"
    deadline = time.monotonic() + 10
    while not device.jobs() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert device.jobs()[0].startswith(b"%PDF-")

    cupsd.run("cupsdisable", queue)
    done = kiosk("diag", "printer", env=env)
    assert done.returncode == exit_codes.FAILED
    assert "Queue     stopped, accepting jobs" in done.stdout
    assert "paused: the queue is paused" in done.stdout
    assert f"cupsenable {queue}" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


@pytest.mark.parametrize("jobs", ["0", "100"])
def test_job_counts_at_the_bounds(
    cupsd: PrivateCupsd, make_device: MakeDevice, queue_name: str, tmp_path: Path, jobs: str
) -> None:
    queue = cupsd.add_queue(queue_name, make_device().uri)
    env = private_env(
        tmp_path / "home", KIOSK_PRINTER="cups", KIOSK_PRINTER_QUEUE=queue,
        KIOSK_PRINTER_SERVER=cupsd.server,
    )  # fmt: skip
    done = kiosk("diag", "printer", "--jobs", jobs, "--json", env=env)
    assert done.returncode == exit_codes.OK, done.stderr
    assert json.loads(done.stdout)["printer"]["cups"]["jobs"] == []
