"""The CUPS printer prints through a real, private cupsd to a network printer the test plays.

The first half talks to cupsd (fixtures in conftest.py, the daemon in cupsd_helper.py); the
second checks the reading of pycups' answers and the state mapping on answers recorded from
that cupsd.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import cups
import pytest
from cupsd_helper import DeviceListener, PrivateCupsd

from drivers.printers.base import (
    PrinterError,
    PrinterOffline,
    PrinterOutOfPaper,
    PrinterState,
    PrintJobFailed,
)
from drivers.printers.cups import (
    JOB_COMPLETED,
    JOB_PROCESSING,
    PRINTER_IDLE,
    PRINTER_PROCESSING,
    PRINTER_STOPPED,
    CupsPrinter,
    JobFacts,
    PrinterFacts,
    classify,
    parse_request_id,
    parse_socket_uri,
    resolve_server,
    server_address,
)
from kiosk.demo.report_samples import SAMPLE_KEY, sample_voucher
from kiosk.domain.voucher_data import VoucherKind
from kiosk.reports.vouchers import render_voucher
from kiosk.services.voucher_codes import sign

MakeDevice = Callable[..., DeviceListener]


@pytest.fixture(scope="module")
def voucher_pdf() -> bytes:
    data = sample_voucher(VoucherKind.CARD_RECEIPT, "zh_CN")
    return render_voucher(data, sign(data.voucher_number, SAMPLE_KEY), "receipt80")


def not_completed(cupsd: PrivateCupsd, queue: str) -> str:
    """The jobs still waiting or printing on `queue`, as `lpstat -o` lists them."""
    return cupsd.run("lpstat", "-W", "not-completed", "-o", queue).strip()


def test_prints_a_voucher_byte_for_byte(
    cupsd: PrivateCupsd,
    make_device: MakeDevice,
    queue_name: str,
    voucher_pdf: bytes,
    record_property: Callable[[str, object], None],
) -> None:
    device = make_device()
    queue = cupsd.add_queue(queue_name, device.uri)
    printer = CupsPrinter(queue, server=cupsd.server, timeout=30)
    assert printer.status().state is PrinterState.READY

    started = time.monotonic()
    result = printer.print(voucher_pdf, "voucher BJCY01-20261122-000042-K")
    seconds = time.monotonic() - started

    assert result.job_id.startswith(f"{queue}-")
    jobs = device.jobs()
    assert jobs == [voucher_pdf]  # a raw queue: exactly the PDF, once
    assert jobs[0].startswith(b"%PDF-") and jobs[0].rstrip().endswith(b"%%EOF")
    assert not_completed(cupsd, queue) == ""
    completed = cupsd.run("lpstat", "-W", "completed", "-o", queue)
    assert result.job_id in completed
    record_property("bytes", len(jobs[0]))
    record_property("seconds", round(seconds, 3))
    print(f"\ncups print: {len(jobs[0])} bytes, first {jobs[0][:8]!r}, {seconds:.3f} s")


def test_second_job_and_status_over_tcp(
    cupsd: PrivateCupsd, make_device: MakeDevice, queue_name: str, voucher_pdf: bytes
) -> None:
    device = make_device()
    queue = cupsd.add_queue(queue_name, device.uri)
    process_wide = (cups.getServer(), cups.getPort())
    printer = CupsPrinter(queue, server=cupsd.tcp_server, timeout=30)
    assert printer.status().state is PrinterState.READY
    first = printer.print(voucher_pdf, "one")
    second = printer.print(voucher_pdf, "two")
    assert first.job_id != second.job_id
    assert device.jobs() == [voucher_pdf, voucher_pdf]
    # Nothing process-wide was changed (cups.setServer/setPort): other printers keep theirs.
    assert (cups.getServer(), cups.getPort()) == process_wide


def test_switched_off_printer_is_refused_before_submitting(
    cupsd: PrivateCupsd, make_device: MakeDevice, queue_name: str, voucher_pdf: bytes
) -> None:
    device = make_device()
    queue = cupsd.add_queue(queue_name, device.uri)
    device.stop()  # the port is closed: connections are refused
    printer = CupsPrinter(queue, server=cupsd.server, timeout=30)

    status = printer.status()
    assert status.state is PrinterState.OFFLINE
    assert f"127.0.0.1:{device.port} does not answer" in status.detail
    with pytest.raises(PrinterOffline, match="check its power and network cable"):
        printer.print(voucher_pdf, "voucher")
    assert not_completed(cupsd, queue) == ""  # nothing left to print by surprise later
    assert device.jobs() == []


def test_printer_gone_during_the_job_times_out_and_cancels(
    cupsd: PrivateCupsd,
    make_device: MakeDevice,
    queue_name: str,
    voucher_pdf: bytes,
    record_property: Callable[[str, object], None],
) -> None:
    device = make_device()
    queue = cupsd.add_queue(queue_name, device.uri)
    device.stop()
    # Without the probe the job goes to CUPS, whose socket backend keeps retrying the device.
    printer = CupsPrinter(queue, server=cupsd.server, timeout=3, probe_device=False)
    assert printer.status().state is PrinterState.READY  # CUPS cannot know before a job

    started = time.monotonic()
    with pytest.raises(PrinterError) as caught:
        printer.print(voucher_pdf, "voucher")
    seconds = time.monotonic() - started

    assert isinstance(caught.value, PrinterOffline)
    assert "timed out" in str(caught.value) and "was cancelled" in str(caught.value)
    assert not_completed(cupsd, queue) == ""
    assert CupsPrinter(queue, server=cupsd.server).status().state is PrinterState.OFFLINE
    record_property("seconds", round(seconds, 3))
    print(f"\ncups stopped listener: {type(caught.value).__name__} after {seconds:.2f} s")


def test_printer_that_never_answers_times_out(
    cupsd: PrivateCupsd, make_device: MakeDevice, queue_name: str, voucher_pdf: bytes
) -> None:
    device = make_device(hang=True)  # takes the connection, never reads, never closes
    queue = cupsd.add_queue(queue_name, device.uri)
    printer = CupsPrinter(queue, server=cupsd.server, timeout=3)
    assert printer.status().state is PrinterState.READY
    with pytest.raises(PrinterOffline, match="timed out"):
        printer.print(voucher_pdf, "voucher")
    assert not_completed(cupsd, queue) == ""


def test_disabled_and_rejecting_queues_are_offline(
    cupsd: PrivateCupsd, make_device: MakeDevice, queue_name: str, voucher_pdf: bytes
) -> None:
    device = make_device()
    queue = cupsd.add_queue(queue_name, device.uri)
    printer = CupsPrinter(queue, server=cupsd.server, timeout=5)

    cupsd.run("cupsdisable", queue)
    status = printer.status()
    assert status.state is PrinterState.OFFLINE
    assert f"cupsenable {queue}" in status.detail
    with pytest.raises(PrinterOffline):
        printer.print(voucher_pdf, "voucher")

    cupsd.run("cupsenable", queue)
    cupsd.run("cupsreject", queue)
    status = printer.status()
    assert status.state is PrinterState.OFFLINE
    assert f"cupsaccept {queue}" in status.detail

    cupsd.run("cupsaccept", queue)
    assert printer.status().state is PrinterState.READY
    assert device.jobs() == []
    assert not_completed(cupsd, queue) == ""


def test_a_refused_submission_leaves_no_job(
    cupsd: PrivateCupsd, make_device: MakeDevice, queue_name: str, voucher_pdf: bytes
) -> None:
    queue = cupsd.add_queue(queue_name, make_device().uri)
    cupsd.run("cupsreject", queue)  # print() would refuse up front: submit directly
    with pytest.raises(PrinterOffline, match="did not take the job") as caught:
        CupsPrinter(queue, server=cupsd.server)._submit(voucher_pdf, "voucher")
    assert "not accepting jobs" in str(caught.value)  # what CUPS said
    assert not_completed(cupsd, queue) == ""


def test_unknown_queue_and_missing_cupsd(cupsd: PrivateCupsd, tmp_path: Path) -> None:
    status = CupsPrinter("no-such-queue", server=cupsd.server).status()
    assert status.state is PrinterState.OFFLINE
    assert "no print queue named 'no-such-queue'" in status.detail

    gone = CupsPrinter("kiosk", server=str(tmp_path / "cups.sock"))
    status = gone.status()
    assert status.state is PrinterState.OFFLINE
    assert "does not answer" in status.detail and "cups is running" in status.detail
    with pytest.raises(PrinterOffline):
        gone.print(b"%PDF-1.4\n%%EOF\n", "voucher")


def test_not_a_pdf_never_reaches_cups(tmp_path: Path) -> None:
    # No cupsd behind this server: talking to CUPS would raise PrinterOffline instead.
    printer = CupsPrinter("kiosk", server=str(tmp_path / "cups.sock"))
    with pytest.raises(PrintJobFailed, match="not a PDF"):
        printer.print(b"Hello, printer", "voucher")


def test_paper_running_out_during_the_job(
    cupsd: PrivateCupsd, queue_name: str, voucher_pdf: bytes
) -> None:
    # The backend reports media-empty-error and waits for paper, as a receipt printer's does.
    queue = cupsd.add_queue(queue_name, "kioskfault:/media-empty")
    printer = CupsPrinter(queue, server=cupsd.server, timeout=20)
    assert printer.status().state is PrinterState.READY
    with pytest.raises(PrinterOutOfPaper, match="load paper"):
        printer.print(voucher_pdf, "voucher")
    assert not_completed(cupsd, queue) == ""


def test_stale_no_paper_does_not_block_printing_after_a_refill(
    cupsd: PrivateCupsd, make_device: MakeDevice, queue_name: str, voucher_pdf: bytes
) -> None:
    queue = cupsd.add_queue(queue_name, "kioskfault:/media-empty")
    printer = CupsPrinter(queue, server=cupsd.server, timeout=20)
    with pytest.raises(PrinterOutOfPaper):
        printer.print(voucher_pdf, "voucher")
    # CUPS keeps media-empty-error after the job; the technician loads paper (here: the queue
    # gets a working device, whose socket backend does not clear the reason).
    device = make_device()
    cupsd.run("lpadmin", "-p", queue, "-v", device.uri)
    assert printer.status().state is PrinterState.NO_PAPER  # what CUPS still says
    result = printer.print(voucher_pdf, "voucher")
    assert result.job_id.startswith(f"{queue}-")
    assert device.jobs() == [voucher_pdf]


def test_no_paper_status_while_a_job_waits(cupsd: PrivateCupsd, queue_name: str) -> None:
    queue = cupsd.add_queue(queue_name, "kioskfault:/media-empty")
    printer = CupsPrinter(queue, server=cupsd.server)
    cupsd.run("lp", "-d", queue, "/etc/hostname")
    try:
        deadline = time.monotonic() + 10
        status = printer.status()
        while status.state is PrinterState.READY and time.monotonic() < deadline:
            time.sleep(0.05)  # waiting for the backend to start, not a timed assertion
            status = printer.status()
        assert status.state is PrinterState.NO_PAPER
    finally:
        cupsd.run("cancel", "-a", queue)


def test_job_aborted_by_the_backend(
    cupsd: PrivateCupsd, queue_name: str, voucher_pdf: bytes
) -> None:
    queue = cupsd.add_queue(queue_name, "kioskfault:/abort")
    printer = CupsPrinter(queue, server=cupsd.server, timeout=20)
    with pytest.raises(PrintJobFailed, match="aborted") as caught:
        printer.print(voucher_pdf, "voucher")
    assert "print head fault" in str(caught.value)  # what the printer said, for the technician


def test_queue_stopped_by_a_device_error(
    cupsd: PrivateCupsd, queue_name: str, voucher_pdf: bytes
) -> None:
    queue = cupsd.add_queue(queue_name, "kioskfault:/stop", error_policy="stop-printer")
    printer = CupsPrinter(queue, server=cupsd.server, timeout=20)
    with pytest.raises(PrinterOffline, match=f"cupsenable {queue}"):
        printer.print(voucher_pdf, "voucher")
    status = printer.status()
    assert status.state is PrinterState.OFFLINE
    assert "cover open" in status.detail
    assert not_completed(cupsd, queue) == ""  # cancelled: it must not print hours later


def test_exception_messages_carry_no_document_content(cupsd: PrivateCupsd, queue_name: str) -> None:
    queue = cupsd.add_queue(queue_name, "kioskfault:/abort")
    secret = b"%PDF-1.4\n(110101199003074518 ZHANG SAN)\n%%EOF\n"
    with pytest.raises(PrintJobFailed) as caught:
        CupsPrinter(queue, server=cupsd.server, timeout=20).print(secret, "voucher")
    assert "110101199003074518" not in str(caught.value)
    assert "ZHANG" not in str(caught.value)


# --- recorded answers and the mapping, without cupsd -----------------------------------------

# Get-Printer-Attributes answers as pycups 2.0.4 gives them, recorded from the private cupsd
# (cupsd 2.4.2, Debian 12). pycups always gives printer-state-reasons as a list.
IDLE = {
    "printer-is-accepting-jobs": True,
    "printer-state": 3,
    "printer-state-message": "",
    "printer-state-reasons": ["none"],
    "device-uri": "socket://127.0.0.1:38373",
}
MEDIA_EMPTY = {
    "printer-is-accepting-jobs": True,
    "printer-state": 4,
    "printer-state-message": "paper roll empty",
    "printer-state-reasons": ["media-empty-error"],
    "device-uri": "kioskfault:/media-empty",
}
STOPPED = {
    "printer-is-accepting-jobs": True,
    "printer-state": 5,
    "printer-state-message": "cover open",
    "printer-state-reasons": ["paused"],
    "device-uri": "kioskfault:/stop",
}
# Get-Job-Attributes of a job that completed: CUPS 2.4 leaves "processing-to-stop-point" in
# job-state-reasons (an aborted job shows the same), so only job-state tells them apart. pycups
# gives a one-valued job attribute as the value itself, a many-valued one as a list.
JOB_DONE = {
    "attributes-charset": "utf-8",
    "attributes-natural-language": "en",
    "job-state": 9,
    "job-state-reasons": "processing-to-stop-point",
    "job-printer-state-message": "",
}
# Not recorded: the shape pycups gives a job with two reasons.
JOB_WAITING = {
    "job-state": 5,
    "job-state-reasons": ["job-printing", "printer-stopped"],
    "job-printer-state-message": "paper roll empty ",
}


def status_of(attrs: dict[str, object], queue: str = "kiosk") -> PrinterState:
    return PrinterFacts.read(attrs).classify(queue).state


def test_reads_recorded_printer_answers() -> None:
    idle = PrinterFacts.read(IDLE)
    assert idle.state == PRINTER_IDLE and idle.accepting is True
    assert idle.reasons == ("none",)
    assert idle.device_uri == "socket://127.0.0.1:38373"
    assert status_of(IDLE) is PrinterState.READY

    empty = PrinterFacts.read(MEDIA_EMPTY)
    assert empty.state == PRINTER_PROCESSING
    assert empty.reasons == ("media-empty-error",)
    assert empty.message == "paper roll empty"
    assert status_of(MEDIA_EMPTY) is PrinterState.NO_PAPER

    stopped = PrinterFacts.read(STOPPED)
    assert stopped.state == PRINTER_STOPPED
    assert stopped.reasons == ("paused",)
    assert status_of(STOPPED) is PrinterState.OFFLINE
    assert "cover open" in stopped.classify("kiosk").detail


def test_reads_recorded_job_answers() -> None:
    done = JobFacts.read(JOB_DONE)
    assert done.state == JOB_COMPLETED
    assert done.reasons == ("processing-to-stop-point",)  # one value: a string, not a list
    waiting = JobFacts.read(JOB_WAITING)
    assert waiting.state == JOB_PROCESSING
    assert waiting.reasons == ("job-printing", "printer-stopped")
    assert waiting.message == "paper roll empty"


def test_missing_or_odd_attributes_are_not_guessed() -> None:
    assert PrinterFacts.read({}) == PrinterFacts()
    odd = PrinterFacts.read(
        {
            "printer-state": True,  # a bool is an int to Python, not a printer-state
            "printer-is-accepting-jobs": 1,
            "printer-state-reasons": None,
            "device-uri": None,
        }
    )
    assert odd == PrinterFacts()
    assert JobFacts.read({"job-state": "9"}) == JobFacts()


def test_server_addresses_for_pycups() -> None:
    assert server_address("/run/cups/cups.sock") == ("/run/cups/cups.sock", 631)
    assert server_address("printhost") == ("printhost", 631)
    assert server_address("127.0.0.1:6310") == ("127.0.0.1", 6310)
    assert server_address("[::1]:8631") == ("::1", 8631)
    assert server_address("[::1]") == ("::1", 631)
    for bad in ("printhost:ipp", "printhost:0", "printhost:70000", "[::1]:x"):
        with pytest.raises(ValueError):
            server_address(bad)
    # A bad address in the configuration is a print service that does not answer, not a crash.
    status = CupsPrinter("kiosk", server="printhost:ipp").status()
    assert status.state is PrinterState.OFFLINE and "does not answer" in status.detail


@pytest.mark.parametrize(
    ("state", "reasons", "accepting", "expected"),
    [
        (PRINTER_IDLE, ["none"], True, PrinterState.READY),
        (PRINTER_PROCESSING, [], True, PrinterState.READY),
        (PRINTER_IDLE, ["media-low-warning"], True, PrinterState.READY),
        (PRINTER_IDLE, ["toner-low-report"], True, PrinterState.READY),
        (PRINTER_PROCESSING, ["media-empty-error"], True, PrinterState.NO_PAPER),
        (PRINTER_PROCESSING, ["media-needed"], True, PrinterState.NO_PAPER),
        (PRINTER_STOPPED, ["media-empty-error", "paused"], True, PrinterState.NO_PAPER),
        (PRINTER_STOPPED, ["paused"], True, PrinterState.OFFLINE),
        (PRINTER_PROCESSING, ["offline-report"], True, PrinterState.OFFLINE),
        (PRINTER_PROCESSING, ["connecting-to-device"], True, PrinterState.OFFLINE),
        (PRINTER_IDLE, ["none"], False, PrinterState.OFFLINE),
        (PRINTER_IDLE, ["cover-open-error"], True, PrinterState.ERROR),
        (PRINTER_IDLE, ["cups-missing-filter-warning"], True, PrinterState.READY),
    ],
)
def test_state_mapping(
    state: int, reasons: list[str], accepting: bool, expected: PrinterState
) -> None:
    assert classify("kiosk", state=state, reasons=reasons, accepting=accepting).state is expected


def test_lp_answer_and_device_uri_parsing() -> None:
    assert parse_request_id("request id is kiosk-4 (1 file(s))\n") == 4
    assert parse_request_id("request id is receipt-80-mm-123 (0 file(s))") == 123
    assert parse_request_id("lp: The printer or class does not exist.") is None
    assert parse_socket_uri("socket://10.0.0.9") == ("10.0.0.9", 9100)
    assert parse_socket_uri("socket://127.0.0.1:40427") == ("127.0.0.1", 40427)
    assert parse_socket_uri("usb://EPSON/TM-T88V?serial=X") is None
    assert parse_socket_uri("socket://host:notaport") is None


def test_server_resolution(monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_server("127.0.0.1:6310") == "127.0.0.1:6310"
    monkeypatch.setenv("CUPS_SERVER", "/tmp/x/cups.sock")
    assert resolve_server(None) == "/tmp/x/cups.sock"
    with pytest.raises(ValueError):
        CupsPrinter("bad/name")
