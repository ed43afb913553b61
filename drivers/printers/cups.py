"""A real print queue through CUPS: submit with `lp`, follow the job to its end, cancel it.

Looking and cancelling go through pycups (the CUPS project's binding of libcups): it gives the
job-state and printer-state enums exactly, where `lpstat` prints localized text and cannot tell
a completed job from an aborted one. Each call opens a cups.Connection of its own to exactly
this printer's server: cups.setServer/setPort would change the server for the whole process,
and a Connection is not for sharing between threads. Encryption follows client.conf (pycups
ignores the encryption argument of Connection).

Submitting goes through `lp -h server` (cups-client): pycups' createJob and printFile go through
libcups' cupsCreateJob, which takes a TCP connection to any server but the process-wide one
(cupsServer/ippPort) for a connection straight to the device, and fails with "The printer or
class does not exist."

`server` is "host", "host:port" or the path of the scheduler's socket. Without it: $CUPS_SERVER,
else /run/cups/cups.sock when it exists, else localhost:631.

For a `socket://host:port` device (AppSocket/JetDirect) CUPS itself only notices a switched-off
printer when a job fails to reach it, so status() also tries a TCP connection to the device
while the queue is idle (`probe_device=False` turns that off).

CUPS keeps the printer-state-reasons a backend reported (media-empty-error...) until a backend
clears them, which the socket backend never does: status() shows them as CUPS has them, but
print() refuses up front only what CUPS itself decides (no queue, queue stopped or rejecting,
device not answering) and, while its job runs, reacts only to reasons that were not there
before it. A stale "out of paper" therefore neither blocks printing after a refill nor fails a
job; a real one fails the job at the timeout, as PrinterOutOfPaper.

It stays one module (about 550 lines, a fifth of them this account of CUPS' ways): the
printer class and the translation of CUPS' job and printer states it alone uses. What a
technician is shown of a queue (its reasons in plain words, its last jobs) is cups_queue.py's.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import re
import socket
import subprocess
import time
import urllib.parse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NoReturn

import cups

from drivers.printers.base import (
    Printer,
    PrinterError,
    PrinterOffline,
    PrinterOutOfPaper,
    PrinterState,
    PrinterStatus,
    PrintJobFailed,
    PrintResult,
    check_pdf,
    sanitize_job_name,
)

log = logging.getLogger(__name__)

_Done = subprocess.CompletedProcess[bytes]

DEFAULT_SOCKET = "/run/cups/cups.sock"
DEFAULT_PORT = 631

JOB_PENDING, JOB_HELD = cups.IPP_JOB_PENDING, cups.IPP_JOB_HELD
JOB_PROCESSING, JOB_STOPPED = cups.IPP_JOB_PROCESSING, cups.IPP_JOB_STOPPED
JOB_CANCELED, JOB_ABORTED, JOB_COMPLETED = (
    cups.IPP_JOB_CANCELED,
    cups.IPP_JOB_ABORTED,
    cups.IPP_JOB_COMPLETED,
)
PRINTER_IDLE, PRINTER_PROCESSING = cups.IPP_PRINTER_IDLE, cups.IPP_PRINTER_PROCESSING
PRINTER_STOPPED = cups.IPP_PRINTER_STOPPED
STATUS_NOT_FOUND = cups.IPP_NOT_FOUND
# What libcups reports when it could not reach the scheduler (or got no IPP answer from it).
STATUS_UNAVAILABLE = cups.IPP_SERVICE_UNAVAILABLE

_CUPS_ERRORS = (cups.IPPError, RuntimeError, ValueError)  # RuntimeError: no connection


def resolve_server(server: str | None) -> str:
    """The scheduler to talk to, the way the CUPS clients would find it (client.conf aside)."""
    if server:
        return server
    env = os.environ.get("CUPS_SERVER", "").strip()
    if env:
        return env
    return DEFAULT_SOCKET if os.path.exists(DEFAULT_SOCKET) else f"localhost:{DEFAULT_PORT}"


def server_address(server: str) -> tuple[str, int]:
    """(host, port) for cups.Connection; libcups takes a socket path as the host."""
    if server.startswith("/"):
        return server, DEFAULT_PORT
    host, port = server, ""
    if server.startswith("["):  # [::1]:631
        host, _, rest = server[1:].partition("]")
        port = rest.removeprefix(":")
    elif server.count(":") == 1:
        host, _, port = server.partition(":")
    if not port:
        return host, DEFAULT_PORT
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"{server!r} is not host[:port] nor a socket path")
    return host, int(port)


def _ipp_status(exc: Exception) -> int | None:
    """The IPP status of a cups.IPPError, None for any other error."""
    if isinstance(exc, cups.IPPError) and exc.args and isinstance(exc.args[0], int):
        return exc.args[0]
    return None


def _why(exc: Exception) -> str:
    """What a pycups error says: an IPPError is (status, message)."""
    if isinstance(exc, cups.IPPError) and len(exc.args) == 2:
        return str(exc.args[1])
    return str(exc)


# --- what CUPS answers, as pycups gives it: a dict, one value or a list per attribute ----------


def _strings(value: object) -> tuple[str, ...]:
    """pycups gives a one-valued attribute as the value, a many-valued one as a list."""
    values = value if isinstance(value, list | tuple) else [value]
    return tuple(v for v in values if isinstance(v, str))


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


@dataclass(frozen=True, slots=True)
class PrinterFacts:
    """A Get-Printer-Attributes answer, in the types used here (None/empty: not there)."""

    state: int | None = None
    reasons: tuple[str, ...] = ()
    accepting: bool | None = None
    message: str = ""
    device_uri: str = ""

    @classmethod
    def read(cls, attrs: Mapping[str, object]) -> PrinterFacts:
        accepting = attrs.get("printer-is-accepting-jobs")
        return cls(
            state=_int(attrs.get("printer-state")),
            reasons=_strings(attrs.get("printer-state-reasons")),
            accepting=accepting if isinstance(accepting, bool) else None,
            message=_text(attrs.get("printer-state-message")),
            device_uri=_text(attrs.get("device-uri")),
        )

    def classify(self, queue: str, ignore: Sequence[str] = ()) -> PrinterStatus:
        reasons = [r for r in self.reasons if r not in ignore]
        status = classify(
            queue, state=self.state, reasons=reasons, accepting=self.accepting, message=self.message
        )
        return dataclasses.replace(status, reasons=tuple(r for r in reasons if r != "none"))


@dataclass(frozen=True, slots=True)
class JobFacts:
    """A Get-Job-Attributes answer, in the types used here."""

    state: int | None = None
    reasons: tuple[str, ...] = ()
    message: str = ""

    @classmethod
    def read(cls, attrs: Mapping[str, object]) -> JobFacts:
        return cls(
            state=_int(attrs.get("job-state")),
            reasons=_strings(attrs.get("job-state-reasons")),
            message=_text(attrs.get("job-printer-state-message")),
        )


# --- what a printer's state means for the kiosk ---------------------------------------------

_NO_PAPER = {"media-empty", "media-needed"}
_OFFLINE = {"offline", "connecting-to-device", "shutdown", "paused", "stopped", "timed-out"}
_SUFFIX = re.compile(r"-(report|warning|error)$")


def _base(reason: str) -> str:
    return _SUFFIX.sub("", reason)


def classify(
    queue: str,
    *,
    state: int | None,
    reasons: Sequence[str],
    accepting: bool | None,
    message: str = "",
) -> PrinterStatus:
    """PrinterStatus from a queue's printer-state, printer-state-reasons and accepting flag."""
    said = f" (the printer says: {message})" if message else ""
    reasons = [r for r in reasons if r and r != "none"]
    base = {_base(r) for r in reasons}
    if base & _NO_PAPER:
        return PrinterStatus(PrinterState.NO_PAPER, f"printer {queue} is out of paper: load paper")
    if state == PRINTER_STOPPED:
        return PrinterStatus(
            PrinterState.OFFLINE,
            f"print queue {queue} is stopped{said}: fix the printer, then run `cupsenable {queue}`",
        )
    if base & _OFFLINE:
        return PrinterStatus(
            PrinterState.OFFLINE,
            f"printer {queue} is offline{said}: check its power and cable",
        )
    errors = sorted(r for r in reasons if r.endswith("-error"))
    if errors:
        return PrinterStatus(
            PrinterState.ERROR,
            f"printer {queue} reports {', '.join(errors)}{said}: check the printer",
        )
    if accepting is False:
        return PrinterStatus(
            PrinterState.OFFLINE,
            f"print queue {queue} rejects jobs: run `cupsaccept {queue}`",
        )
    if state == PRINTER_PROCESSING:
        return PrinterStatus(PrinterState.READY, f"printer {queue} is printing")
    return PrinterStatus(PrinterState.READY, f"printer {queue} is ready")


def parse_socket_uri(uri: str) -> tuple[str, int] | None:
    """(host, port) of an AppSocket device URI, None for every other kind of device."""
    parts = urllib.parse.urlsplit(uri)
    if parts.scheme != "socket" or not parts.hostname:
        return None
    try:
        return parts.hostname, parts.port or 9100
    except ValueError:
        return None


_REQUEST_ID = re.compile(r"request id is (?P<dest>\S+)-(?P<id>[0-9]+)\b")


def parse_request_id(lp_output: str) -> int | None:
    """The job number in `lp`'s answer, "request id is kiosk-12 (1 file(s))" (C locale)."""
    match = _REQUEST_ID.search(lp_output)
    return int(match["id"]) if match else None


# --- the printer ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Look:
    """One Get-Printer-Attributes, judged. `blocking`: CUPS itself cannot print now (no CUPS,
    no such queue, queue stopped or rejecting, device not answering), as opposed to
    printer-state-reasons, which CUPS keeps from the last job until a backend clears them."""

    status: PrinterStatus
    blocking: bool
    facts: PrinterFacts = PrinterFacts()

    def fresh(self, queue: str, stale: Sequence[str]) -> PrinterStatus:
        """The status without the reasons already there before the job (`stale`)."""
        if self.facts.state is None:
            return self.status
        return self.facts.classify(queue, ignore=stale)


class CupsPrinter(Printer):
    name = "cups"

    _PRINTER_ATTRS = (
        "printer-state",
        "printer-state-reasons",
        "printer-state-message",
        "printer-is-accepting-jobs",
        "device-uri",
    )
    _JOB_ATTRS = ("job-state", "job-state-reasons", "job-printer-state-message")

    def __init__(
        self,
        queue: str,
        *,
        server: str | None = None,
        timeout: float = 60.0,
        poll: float = 0.2,
        probe_device: bool = True,
    ) -> None:
        """`timeout`: how long print() follows a job before cancelling it; `poll`: how often."""
        if not queue or queue.startswith("-") or any(c in "/#" or c.isspace() for c in queue):
            raise ValueError("a CUPS queue name has no spaces, slashes or '#' and no leading '-'")
        self.queue = queue
        self.server = resolve_server(server)
        self.timeout = timeout
        self.poll = poll
        self.probe_device = probe_device
        self._env = {**os.environ, "LC_ALL": "C", "LANG": "C", "CUPS_SERVER": self.server}

    def _connect(self) -> cups.Connection:
        """A new connection to this printer's scheduler; RuntimeError when there is none."""
        host, port = server_address(self.server)
        return cups.Connection(host=host, port=port)

    # -- looking

    def _printer_attributes(self) -> PrinterFacts | PrinterStatus:
        attrs = self.ask_printer(self._PRINTER_ATTRS)
        return attrs if isinstance(attrs, PrinterStatus) else PrinterFacts.read(attrs)

    def ask_printer(self, names: Sequence[str]) -> Mapping[str, object] | PrinterStatus:
        """The queue's attributes `names` as pycups gives them, or the status that says why
        CUPS could not be asked (cups_queue.py asks for more than status() needs)."""
        try:
            attrs: Mapping[str, object] = self._connect().getPrinterAttributes(
                self.queue, requested_attributes=list(names)
            )
        except _CUPS_ERRORS as exc:
            status = _ipp_status(exc)
            if status == STATUS_NOT_FOUND:
                return PrinterStatus(
                    PrinterState.OFFLINE,
                    f"CUPS has no print queue named {self.queue!r}: "
                    "create it with lpadmin or fix printer_queue in the kiosk configuration",
                )
            if status is not None and status != STATUS_UNAVAILABLE:
                return PrinterStatus(
                    PrinterState.ERROR,
                    f"CUPS refused to describe print queue {self.queue} "
                    f"(IPP status 0x{status:04x}, {_why(exc)}): check the CUPS configuration",
                )
            log.warning("printer.cups.unreachable error=%s", type(exc).__name__)
            return PrinterStatus(
                PrinterState.OFFLINE,
                f"the print service (CUPS at {self.server}) does not answer ({_why(exc)}): "
                "check that cups is running (`systemctl status cups`)",
            )
        return attrs

    def status(self) -> PrinterStatus:
        return self._look(probe=self.probe_device).status

    def _look(self, *, probe: bool) -> _Look:
        facts = self._printer_attributes()
        if isinstance(facts, PrinterStatus):
            return _Look(facts, blocking=True)
        status = facts.classify(self.queue)
        blocking = facts.state == PRINTER_STOPPED or facts.accepting is False
        if status.ready and probe and facts.state == PRINTER_IDLE:
            failed = self._probe(facts.device_uri)
            if failed is not None:
                status, blocking = failed, True
        return _Look(status, blocking, facts)

    def _probe(self, device_uri: str) -> PrinterStatus | None:
        """None when the AppSocket device takes a connection (or is not one), else OFFLINE."""
        address = parse_socket_uri(device_uri)
        if address is None:
            return None
        try:
            with socket.create_connection(address, timeout=min(self.timeout, 3.0)):
                pass
        except OSError as exc:
            log.info("printer.cups.probe_failed error=%s", type(exc).__name__)
            host, port = address
            return PrinterStatus(
                PrinterState.OFFLINE,
                f"printer {self.queue} at {host}:{port} does not answer "
                f"({exc.strerror or exc}): check its power and network cable",
            )
        return None

    # -- printing

    def print(self, pdf: bytes, job_name: str) -> PrintResult:
        check_pdf(pdf)
        before = self._look(probe=self.probe_device)
        if before.blocking:  # printer-state-reasons alone may be stale: try all the same
            _raise_for(before.status)
        started = time.monotonic()
        job = self._submit(bytes(pdf), sanitize_job_name(job_name))
        job_id = f"{self.queue}-{job}"
        log.info("printer.cups.submitted job=%s bytes=%d", job_id, len(pdf))
        try:
            result = self._follow(job, job_id, started, before.facts.reasons)
        except PrinterError as exc:
            log.warning(
                "printer.cups.failed job=%s error=%s seconds=%.2f",
                job_id,
                type(exc).__name__,
                time.monotonic() - started,
            )
            raise
        log.info("printer.cups.completed job=%s seconds=%.2f", job_id, time.monotonic() - started)
        return result

    def _run(self, args: list[str], data: bytes) -> _Done:
        return subprocess.run(
            args,
            input=data,
            capture_output=True,
            env=self._env,
            timeout=max(self.timeout, 5.0),
            check=False,
        )

    def _submit(self, pdf: bytes, title: str) -> int:
        try:
            # The title cannot start with "-" (sanitize_job_name), nor can the queue name.
            done = self._run(["lp", "-h", self.server, "-d", self.queue, "-t", title, "-"], pdf)
        except FileNotFoundError as exc:
            raise PrinterOffline(
                "the CUPS command `lp` is missing: install the cups-client package"
            ) from exc
        except subprocess.TimeoutExpired as exc:
            raise PrinterOffline(
                f"CUPS at {self.server} did not take the print job in time: "
                "check that cups is running, then print again"
            ) from exc
        answer = _first_line(done.stdout) or _first_line(done.stderr)
        job = parse_request_id(done.stdout.decode("utf-8", "replace"))
        if done.returncode != 0 or job is None:
            raise PrinterOffline(
                f"print queue {self.queue} did not take the job ({answer or 'no answer'}): "
                "check the queue with `lpstat -p`, then print again"
            )
        return job

    def _follow(self, job: int, job_id: str, started: float, stale: Sequence[str]) -> PrintResult:
        """Poll the job until it ends; `stale`: the printer-state-reasons from before it."""
        deadline = started + self.timeout
        while True:
            facts: JobFacts | None = None
            forgotten = False
            try:
                attrs = self._connect().getJobAttributes(
                    job, requested_attributes=list(self._JOB_ATTRS)
                )
                facts = JobFacts.read(attrs)
            except _CUPS_ERRORS as exc:
                forgotten = _ipp_status(exc) == STATUS_NOT_FOUND
                if not forgotten:
                    log.warning(
                        "printer.cups.poll_failed job=%s error=%s", job_id, type(exc).__name__
                    )
            if forgotten:
                # CUPS forgets finished jobs when PreserveJobHistory is off: judge by the printer.
                _raise_for(self._look(probe=False).fresh(self.queue, stale), job_id)
                log.warning("printer.cups.job_forgotten job=%s", job_id)
                return PrintResult(job_id=job_id)
            if facts is not None:
                if facts.state == JOB_COMPLETED:
                    # No page count: a raw queue reports one "impression" per document.
                    return PrintResult(job_id=job_id)
                if facts.state in (JOB_CANCELED, JOB_ABORTED):
                    self._ended_badly(job_id, facts.state, facts.message, stale)
                failure = self._stuck(job_id, facts.state, facts.reasons, stale)
                if failure is not None:
                    self._cancel(job, job_id)
                    raise failure
            if time.monotonic() >= deadline:
                self._cancel(job, job_id)
                self._timed_out(job_id)
            time.sleep(self.poll)

    def _timed_out(self, job_id: str) -> NoReturn:
        printer = self.status()  # the job is gone: a device probe cannot disturb it
        said = f" ({printer.detail})" if not printer.ready else ""
        text = (
            f"print job {job_id} timed out: the printer did not finish it within "
            f"{self.timeout:g} s{said}. It was cancelled: check that the printer is on, "
            "connected and has paper, then print again"
        )
        if printer.state is PrinterState.NO_PAPER:
            raise PrinterOutOfPaper(text)
        raise PrinterOffline(text)

    def _ended_badly(self, job_id: str, state: int | None, said: str, stale: Sequence[str]) -> None:
        _raise_for(self._look(probe=False).fresh(self.queue, stale), job_id)  # a printer fault?
        if state == JOB_CANCELED:
            raise PrintJobFailed(
                f"print job {job_id} was cancelled on the print server: print it again"
            )
        said = f" (the printer says: {said})" if said else ""
        raise PrintJobFailed(
            f"print job {job_id} was aborted by CUPS{said}: the printout may be missing or "
            "incomplete; check the printer and the CUPS error log, then print again"
        )

    def _stuck(
        self, job_id: str, state: int | None, reasons: Sequence[str], stale: Sequence[str]
    ) -> PrinterError | None:
        """The error to cancel the job with when it cannot go on by itself, else None."""
        if state == JOB_HELD:
            return PrintJobFailed(
                f"print job {job_id} is held by CUPS ({', '.join(reasons) or 'no reason'}): "
                "it was cancelled; check the queue's settings, then print again"
            )
        if state not in (JOB_PENDING, JOB_PROCESSING, JOB_STOPPED):
            return None
        look = self._look(probe=False)  # never a connection beside the job's own
        printer = look.fresh(self.queue, stale)
        if printer.state is PrinterState.NO_PAPER:
            return PrinterOutOfPaper(
                f"printer {self.queue} ran out of paper during job {job_id}; the job was "
                "cancelled: load paper, then print again"
            )
        if (
            state == JOB_STOPPED
            or "printer-stopped" in reasons
            or look.facts.state == PRINTER_STOPPED
        ):
            return PrinterOffline(
                f"print job {job_id} cannot go on and was cancelled: {look.status.detail}"
            )
        return None  # anything else may pass: the timeout has the last word

    def _cancel(self, job: int, job_id: str) -> None:
        try:
            self._connect().cancelJob(job)
        except _CUPS_ERRORS as exc:
            log.warning("printer.cups.cancel_failed job=%s error=%s", job_id, type(exc).__name__)
            return
        log.info("printer.cups.cancelled job=%s", job_id)


def _raise_for(status: PrinterStatus, job_id: str | None = None) -> None:
    if status.ready:
        return
    prefix = f"print job {job_id}: " if job_id else ""
    if status.state is PrinterState.NO_PAPER:
        raise PrinterOutOfPaper(prefix + status.detail)
    raise PrinterOffline(prefix + status.detail)


def _first_line(data: bytes) -> str:
    text = data.decode("utf-8", "replace").strip()
    return text.splitlines()[0][:200] if text else ""
