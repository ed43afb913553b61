"""A CUPS queue as a technician looks at it: what CUPS says of the queue (state, accepting jobs,
every printer-state-reason in plain words, the device, the CUPS version) and its last jobs with
their outcome. `CupsPrinter.status()` (cups.py) answers the kiosk's one question, "can I print
now?"; this answers the technician's, "what is it doing, and what happened to the last jobs?".

Read-only: nothing here submits, cancels or changes a queue. Every answer of CUPS is read as
pycups gives it (cups.py's PrinterFacts and its helpers), and nothing raises for a CUPS that
cannot be asked: `describe_queue` returns a `PrinterStatus` saying why instead.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass

from drivers.printers.base import PrinterStatus
from drivers.printers.cups import (
    _CUPS_ERRORS,
    JOB_ABORTED,
    JOB_CANCELED,
    JOB_COMPLETED,
    JOB_HELD,
    JOB_PENDING,
    JOB_PROCESSING,
    JOB_STOPPED,
    PRINTER_IDLE,
    PRINTER_PROCESSING,
    PRINTER_STOPPED,
    CupsPrinter,
    PrinterFacts,
    _int,
    _strings,
    _text,
)

# The last jobs a technician is shown at most (CUPS keeps up to MaxJobs, 500 by default).
MAX_JOBS = 100

PRINTER_STATE_WORDS = {
    PRINTER_IDLE: "idle",
    PRINTER_PROCESSING: "printing",
    PRINTER_STOPPED: "stopped",
}
JOB_STATE_WORDS = {
    JOB_PENDING: "waiting",
    JOB_HELD: "held",
    JOB_PROCESSING: "printing",
    JOB_STOPPED: "stopped",
    JOB_CANCELED: "cancelled",
    JOB_ABORTED: "aborted",
    JOB_COMPLETED: "completed",
}

# printer-state-reasons keywords (RFC 8011, PWG 5100.9, CUPS' own), without their -report /
# -warning / -error suffix, in the words a technician at the kiosk acts on.
REASON_WORDS = {
    "media-empty": "out of paper: load a new roll",
    "media-needed": "paper needed: load paper",
    "media-low": "paper is running low: have a roll ready",
    "media-jam": "paper jammed: open the cover and clear it",
    "input-tray-missing": "paper tray missing",
    "output-tray-missing": "output tray missing",
    "output-area-full": "output full: take the printouts away",
    "output-area-almost-full": "output almost full",
    "door-open": "a door or the cover is open: close it",
    "cover-open": "the cover is open: close it",
    "interlock-open": "the cover is open: close it",
    "offline": "the printer is offline: check its power and cable",
    "timed-out": "the printer stopped answering: check its power and cable",
    "connecting-to-device": "CUPS is trying to reach the printer: check its power and cable",
    "shutdown": "the printer is shut down",
    "paused": "the queue is paused: `cupsenable` resumes it",
    "stopped": "the printer has stopped",
    "moving-to-paused": "the queue is being paused",
    "spool-area-full": "the print server's disk is full",
    "marker-supply-low": "ink or toner is low",
    "marker-supply-empty": "ink or toner is empty",
    "toner-low": "toner is low",
    "toner-empty": "toner is empty",
    "marker-waste-almost-full": "waste container almost full",
    "marker-waste-full": "waste container full",
    "fuser-over-temp": "the print head is too hot: let it cool down",
    "fuser-under-temp": "the print head is warming up",
    "developer-low": "developer is low",
    "developer-empty": "developer is empty",
    "opc-near-eol": "the drum is near the end of its life",
    "opc-life-over": "the drum has reached the end of its life",
    "cups-missing-filter": "CUPS has no filter for this printer: check the queue's driver",
    "cups-insecure-filter": "CUPS refuses an insecure filter: check the driver's file modes",
    "cups-waiting-for-job-completed": "CUPS waits for the printer to finish the job",
    "hold-new-jobs": "the queue holds new jobs",
    "other": "the printer reports a problem it does not name",
}
_SEVERITIES = ("-report", "-warning", "-error")


def reason_words(reason: str) -> str:
    """One printer-state-reason in plain words, with its severity: "media-low-warning" ->
    "paper is running low: have a roll ready (warning)". A keyword not known here is kept."""
    base, severity = reason, ""
    for suffix in _SEVERITIES:
        if reason.endswith(suffix):
            base, severity = reason[: -len(suffix)], suffix[1:]
            break
    words = REASON_WORDS.get(base, base)
    return f"{words} ({severity})" if severity else words


def shown_device_uri(uri: str) -> str:
    """A device URI as a technician may be shown it (and a bundle may hold): a password in it
    (ipp://user:secret@host/...) replaced by ***."""
    try:
        parts = urllib.parse.urlsplit(uri)
        if parts.password is None:
            return uri
        host = parts.netloc.rpartition("@")[2]
        user = parts.username or ""
        return urllib.parse.urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))
    except ValueError:  # not a URL at all: hide anything between :// and @ all the same
        head, sep, rest = uri.partition("://")
        return head + sep + ("***@" + rest.rpartition("@")[2] if "@" in rest else rest)


@dataclass(frozen=True, slots=True)
class JobRecord:
    """One job of the queue as CUPS keeps it (times in seconds since the epoch, None: unknown)."""

    job_id: int
    name: str
    state: int | None
    reasons: tuple[str, ...]
    created: int | None
    completed: int | None
    message: str

    @property
    def state_words(self) -> str:
        return JOB_STATE_WORDS.get(self.state or 0, "unknown")

    @classmethod
    def read(cls, job_id: int, attrs: Mapping[str, object]) -> JobRecord:
        return cls(
            job_id=job_id,
            name=_text(attrs.get("job-name")),
            state=_int(attrs.get("job-state")),
            reasons=tuple(r for r in _strings(attrs.get("job-state-reasons")) if r != "none"),
            created=_int(attrs.get("time-at-creation")),
            completed=_int(attrs.get("time-at-completed")),
            message=_text(attrs.get("job-printer-state-message")),
        )


@dataclass(frozen=True, slots=True)
class QueueDetails:
    """What CUPS says of one queue, and its last jobs, newest first."""

    queue: str
    server: str
    status: PrinterStatus  # what CupsPrinter.status() would say (without the device probe)
    facts: PrinterFacts
    make_and_model: str
    cups_version: str
    state_changed: int | None
    queued: int | None
    jobs: tuple[JobRecord, ...]
    jobs_error: str = ""  # why the jobs could not be listed (empty: they were)

    @property
    def state_words(self) -> str:
        return PRINTER_STATE_WORDS.get(self.facts.state or 0, "unknown")


_DETAIL_ATTRS = (
    *CupsPrinter._PRINTER_ATTRS,
    "printer-make-and-model",
    "cups-version",
    "printer-state-change-time",
    "queued-job-count",
)
_JOB_ATTRS = (
    "job-id",
    "job-name",
    "job-state",
    "job-state-reasons",
    "time-at-creation",
    "time-at-completed",
    "job-printer-uri",
    "job-printer-state-message",
)


def describe_queue(printer: CupsPrinter, *, jobs: int = 10) -> QueueDetails | PrinterStatus:
    """The queue of `printer` and its last `jobs` jobs (0 to MAX_JOBS), or, when CUPS cannot
    describe the queue (not running, no such queue), the status that says so."""
    jobs = max(0, min(jobs, MAX_JOBS))
    attrs = printer.ask_printer(_DETAIL_ATTRS)
    if isinstance(attrs, PrinterStatus):
        return attrs
    facts = PrinterFacts.read(attrs)
    records, problem = _last_jobs(printer, jobs) if jobs else ((), "")
    return QueueDetails(
        queue=printer.queue,
        server=printer.server,
        status=facts.classify(printer.queue),
        facts=facts,
        make_and_model=_text(attrs.get("printer-make-and-model")),
        cups_version=_text(attrs.get("cups-version")),
        state_changed=_int(attrs.get("printer-state-change-time")),
        queued=_int(attrs.get("queued-job-count")),
        jobs=records,
        jobs_error=problem,
    )


def _last_jobs(printer: CupsPrinter, count: int) -> tuple[tuple[JobRecord, ...], str]:
    """The queue's newest `count` jobs, finished or not; CUPS lists every queue's, so they are
    picked by their printer URI, which ends in /printers/<queue> (or /classes/<queue>)."""
    try:
        answer = printer._connect().getJobs(which_jobs="all", requested_attributes=list(_JOB_ATTRS))
    except _CUPS_ERRORS as exc:
        return (), f"CUPS did not list the jobs ({exc})"
    mine = []
    for job_id, attrs in answer.items():
        uri = _text(attrs.get("job-printer-uri"))
        if isinstance(job_id, int) and uri.rstrip("/").rpartition("/")[2] == printer.queue:
            mine.append(JobRecord.read(job_id, attrs))
    mine.sort(key=lambda job: job.job_id, reverse=True)
    return tuple(mine[:count]), ""
