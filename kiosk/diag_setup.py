"""The technician's tools put together from the settings, without Qt (part of the composition
root, beside app.py): the configured printer, the audit log a technician's action goes into,
and the diagnostics bundle's documents. `kiosk diag printer|bundle` use these now; the
diagnostics screens will, from the running kiosk's settings.

Nothing here creates a database: a kiosk whose database is missing or unreachable is exactly
the one a technician makes a bundle of. What cannot be read is said in the documents.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.config import Settings
from kiosk.hardware import make_idcard_reader, make_printer

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from drivers.idcard.base import IdCardReader
    from drivers.printers.base import Printer
    from kiosk.services.bundle import Bundle, BundleFile
    from kiosk.services.centre_report import CentreLink
    from kiosk.services.database_report import DatabaseReport
    from kiosk.services.idcard_diag import IdReaderProbe
    from kiosk.services.printer_diag import TestPageResult
    from kiosk.services.selftest import SelftestSubject
    from kiosk.services.staff_diagnostics import BundleRun, DiagnosticsTools
    from kiosk.services.staff_reports import ReportTools
    from kiosk.services.system_report import SystemReport
    from kiosk.services.technician_audit import Actor, AuditTarget

log = logging.getLogger(__name__)

BUNDLE_EXPORTED = "diag.bundle_exported"  # the audit action of a bundle written
READER_WAIT_S = 5.0  # how long the bundle waits for pcscd to list its readers

# Something that adds its own document to a bundle: `lambda bundle: bundle.add_json(...)`.
Contributor = Callable[["Bundle"], None]


def selftest_subject(
    settings: Settings, build_date: str, id_reader: IdCardReader | None = None
) -> SelftestSubject:
    """What the self-test looks at, as the kiosk with these settings would use it; nothing is
    created (the PDF folder is looked at as it is). `id_reader`: the running kiosk's ID card
    reader, looked at through its own open port (a command could not open it)."""
    from kiosk.services.selftest import SelftestSubject, survey_pcsc

    return SelftestSubject(
        kiosk_id=settings.kiosk_id,
        data_dir=settings.data_dir,
        database_url=settings.resolved_database_url,
        hmac_key_file=settings.resolved_voucher_key_file,
        printer=lambda: make_printer(settings, prepare=False),
        readers=survey_pcsc if settings.reader == "pcsc" else None,
        reader_name=settings.reader_name,
        reader_kind=settings.reader,
        build_date=dt.date.fromisoformat(build_date),
        centre=(lambda: _link(settings)) if settings.fleet else None,
        id_reader=(
            (lambda: id_reader_probe(settings, id_reader))
            if id_reader is not None or settings.idcard_reader != "none"
            else None
        ),
    )


def id_reader_probe(
    settings: Settings, reader: IdCardReader | None = None, *, look_for_card: bool = False
) -> IdReaderProbe:
    """One look at the ID card reader of `settings` (never a card read): `reader`, the running
    kiosk's own (its watch loop's port is used), else one made from the settings, as the
    kiosk makes it, for this look only (its port opened and closed)."""
    from kiosk.services.idcard_diag import probe_id_reader

    watched = reader is not None
    chosen = reader if reader is not None else make_idcard_reader(settings)
    assert chosen is not None  # only asked for with idcard_reader set
    return probe_id_reader(
        chosen, settings.idcard_port, watched=watched, look_for_card=look_for_card
    )


def _link(settings: Settings) -> CentreLink:
    link = centre_link(settings)
    assert link is not None  # only asked for in fleet mode
    return link


def add_selftest(settings: Settings, id_reader: IdCardReader | None = None) -> Contributor:
    """A bundle contributor: the self-test's result as selftest.json (`id_reader`: the running
    kiosk's ID card reader)."""
    import kiosk
    from kiosk.services.selftest import run_selftest

    def contribute(bundle: Bundle) -> None:
        report = run_selftest(selftest_subject(settings, kiosk.BUILD_DATE, id_reader))
        bundle.add_json("selftest.json", report.as_dict())

    return contribute


# The audit log ---------------------------------------------------------------------------------


def open_kiosk_database(settings: Settings) -> tuple[Engine | None, str | None]:
    """The kiosk's database at this program's schema, or None and why not (no database yet,
    unreachable, an older or newer schema). Never creates or migrates it."""
    from kiosk.store.db import create_engine, is_sqlite, sqlite_path
    from kiosk.store.migrate import current_revision, head_revision
    from kiosk.store.urls import parse_database_url

    try:
        url = parse_database_url(settings.resolved_database_url)
        path = sqlite_path(url) if is_sqlite(url) else None
        if path is not None and not path.is_file():
            return None, f"the kiosk has no database yet ({path})"
        engine = create_engine(url)
    except Exception as exc:
        return None, f"the database cannot be opened ({_reason(exc)})"
    try:
        found, wanted = current_revision(engine), head_revision()
    except Exception as exc:
        engine.dispose()
        return None, f"the database cannot be reached ({_reason(exc)})"
    if found != wanted:
        engine.dispose()
        return None, (
            f"the database is at schema {found or 'none'}, this program at {wanted} "
            "(start the kiosk once: it migrates the database)"
        )
    return engine, None


def open_audit(settings: Settings, actor: Actor) -> tuple[AuditTarget | None, str | None]:
    """Where `actor`'s action is recorded: the kiosk's database and audit seal, or None and
    why not (no database yet, unreachable, no usable audit key). Never creates the database."""
    from kiosk.services.audit_seal import open_audit_seal
    from kiosk.services.technician_audit import AuditTarget
    from kiosk.store.db import create_engine, is_sqlite, sqlite_path
    from kiosk.store.seal import SealFiles
    from kiosk.store.urls import parse_database_url

    try:
        url = parse_database_url(settings.resolved_database_url)
        path = sqlite_path(url) if is_sqlite(url) else None
        if path is not None and not path.is_file():
            return None, f"the kiosk has no database yet ({path})"
        engine = create_engine(url)
    except Exception as exc:
        return None, f"the database cannot be opened ({_reason(exc)})"
    try:
        seal = open_audit_seal(engine, SealFiles.in_folder(settings.data_dir), settings.kiosk_id)
    except Exception as exc:
        engine.dispose()
        return None, f"the audit log cannot be used ({_reason(exc)})"
    return AuditTarget(engine, seal, settings.kiosk_id, actor), None


def _reason(exc: BaseException) -> str:
    """The first line of what went wrong (a driver's message may run over lines)."""
    text = str(getattr(exc, "orig", None) or exc).strip()
    return (text.splitlines()[0] if text else type(exc).__name__)[:300]


# The bundle ------------------------------------------------------------------------------------


def settings_values(settings: Settings) -> dict[str, Any]:
    """The settings as a field -> value mapping, plus what they resolve to (the database URL,
    the key files and folders the kiosk really uses)."""
    values = {f.name: getattr(settings, f.name) for f in dataclasses.fields(settings)}
    values["resolved_database_url"] = settings.resolved_database_url
    values["resolved_voucher_key_file"] = settings.resolved_voucher_key_file
    values["resolved_export_dir"] = settings.resolved_export_dir
    values["output_dir"] = settings.output_dir
    return values


def reader_document(settings: Settings) -> dict[str, Any]:
    """The card readers as far as they can be seen without a card: the configured kind and,
    for PC/SC, whether pcscd answers and the readers it lists (no card is touched)."""
    doc: dict[str, Any] = {
        "configured": settings.reader,
        "reader_name": settings.reader_name or None,
        "pcscd_running": None,
        "readers": [],
        "device": None,  # the kiosk's reader as a DeviceStatus, where it can be seen from here
        "problem": None,
    }
    if settings.reader != "pcsc":
        doc["problem"] = "the mock reader lives in the running kiosk: nothing to list here"
        return doc
    try:
        from drivers.readers.pcsc import PcscBackend
        from kiosk.services.devices import reader_device
        from kiosk.services.diagnostics import reader_rows

        backend = PcscBackend()
        backend.start()
        try:
            backend.wait_ready(READER_WAIT_S)
            doc["pcscd_running"] = backend.service_available
            doc["device"] = reader_device(
                backend.readers(),
                service_available=backend.service_available,
                wanted=settings.reader_name,
            ).as_dict()
            if backend.service_available:
                infos = backend.readers()
                doc["readers"] = reader_rows(infos)
                for row, info in zip(doc["readers"], infos, strict=True):
                    row["atr"] = _atr_summary(info.atr)
            else:
                doc["problem"] = "the smart card service (pcscd) is not running"
        finally:
            backend.stop()
    except Exception as exc:  # pyscard missing, the PC/SC library absent: said, not raised
        doc["problem"] = f"the readers could not be listed ({_reason(exc)})"
    return doc


def id_reader_document(settings: Settings, reader: IdCardReader | None = None) -> dict[str, Any]:
    """The resident ID card reader for the bundle: the configured kind and one look at it (its
    DeviceStatus, driver, port, the SAM id's length; no card read, nor looked for)."""
    doc: dict[str, Any] = {"configured": settings.idcard_reader, "problem": None}
    if reader is None and settings.idcard_reader == "none":
        return doc
    try:
        doc.update(id_reader_probe(settings, reader).as_dict())
    except Exception as exc:  # pyserial missing...: said, not raised
        doc["problem"] = f"the ID card reader could not be looked at ({_reason(exc)})"
    return doc


def _atr_summary(atr: bytes | None) -> dict[str, Any] | None:
    """What a bundle tells of an inserted card's ATR: its length, protocols and whether the
    card type is recognised; not the bytes, whose historical part is card specific (the back
    end keeps it as the card's reset information)."""
    from kiosk.services.diagnostics import atr_report

    if not atr:
        return None
    report = atr_report(atr)
    if "error" in report:
        return {"bytes": len(atr), "valid": False, "problem": report["error"]}
    return {
        "bytes": len(atr),
        "valid": True,
        "convention": report["convention"],
        "protocols": report["protocols"],
        "card_type": report["card_type"],
    }


def database_document(settings: Settings) -> dict[str, Any]:
    """The database: its URL (password hidden), server version, a round trip's latency and
    `kiosk db check --quick`'s findings (kiosk.store.check, as the command runs it)."""
    from sqlalchemy import text

    from kiosk.services.audit_seal import seal_for_check
    from kiosk.store.check import check_database
    from kiosk.store.db import create_engine, is_sqlite, redacted, sqlite_path
    from kiosk.store.seal import SealFiles
    from kiosk.store.urls import parse_database_url

    doc: dict[str, Any] = {
        "url": None,
        "backend": None,
        "server_version": None,
        "reachable": False,
        "round_trip_ms": None,
        "check_ok": None,
        "check": [],
        "problem": None,
    }
    try:
        url = parse_database_url(settings.resolved_database_url)
    except Exception as exc:
        doc["problem"] = f"the database URL cannot be used ({_reason(exc)})"
        return doc
    doc["url"], doc["backend"] = redacted(url), url.get_backend_name()
    path = sqlite_path(url) if is_sqlite(url) else None
    if path is not None and not path.is_file():
        doc["problem"] = f"no database at {path} (the kiosk creates it when it first starts)"
        return doc
    try:
        engine = create_engine(url)
    except Exception as exc:
        doc["problem"] = f"the database cannot be opened ({_reason(exc)})"
        return doc
    try:
        started = time.perf_counter()
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            doc["round_trip_ms"] = round((time.perf_counter() - started) * 1000, 2)
            doc["reachable"] = True
            info = engine.dialect.server_version_info
            doc["server_version"] = ".".join(str(part) for part in info) if info else None
        audit = seal_for_check(SealFiles.in_folder(settings.data_dir))
        report = check_database(
            engine, seal=audit.seal, files=audit.files, key_problem=audit.key_problem, quick=True
        )
        doc["check_ok"], doc["check"] = report.ok, report.lines()
    except Exception as exc:
        what = "checked" if doc["reachable"] else "reached"
        doc["problem"] = f"the database could not be {what} ({_reason(exc)})"
    finally:
        engine.dispose()
    return doc


def _qt_version() -> str | None:
    try:
        from PySide6.QtCore import qVersion

        return str(qVersion())
    except Exception:  # Qt missing or broken: the bundle says so rather than failing
        return None


def collect_bundle(
    settings: Settings,
    *,
    now: dt.datetime | None = None,
    contributors: Iterable[Contributor] = (),
    id_reader: IdCardReader | None = None,
) -> Bundle:
    """Every document of the bundle for the kiosk of `settings`: versions, settings (secrets
    removed), the system (disk, clock, memory), devices (readers, printer), the database and
    its check, the log's tail; then what each of `contributors` adds (the self-test, the last
    card test). `id_reader`: the running kiosk's ID card reader (else one is made from the
    settings for a look). Nothing is written yet: `Bundle.write` does."""
    from kiosk.logs import LOG_NAME
    from kiosk.services import system_info
    from kiosk.services.bundle import Bundle, log_tail, settings_document
    from kiosk.services.printer_diag import printer_report

    now = now or dt.datetime.now(dt.UTC)
    bundle = Bundle(settings.kiosk_id, now)
    from kiosk.services.devices import read_printer_device

    printer_doc: dict[str, Any]
    try:
        voucher_printer = make_printer(settings, prepare=False)
        printer_doc = printer_report(voucher_printer)
        # The same model as the status strip, the screens and the self-test (DeviceStatus).
        printer_doc["device"] = read_printer_device(voucher_printer).as_dict()
    except Exception as exc:  # the output folder cannot be made: that is the printer's state
        printer_doc = {"problem": f"the printer could not be set up ({_reason(exc)})"}
    database = database_document(settings)
    cups_version = (printer_doc.get("cups") or {}).get("cups_version")
    bundle.add_json(
        "versions.json",
        system_info.versions(
            {
                "qt": _qt_version(),
                "cups": cups_version,
                "database_server": database["server_version"],
            }
        ),
    )
    bundle.add_json("settings.json", settings_document(settings_values(settings)))
    system = system_info.system(now)
    system["disk"] = system_info.disk(
        {"data_dir": settings.data_dir, "log_dir": settings.log_dir, "tmp": Path("/tmp")}
    )
    bundle.add_json("system.json", system)
    bundle.add_json(
        "devices.json",
        {
            "card_reader": reader_document(settings),
            "id_card_reader": id_reader_document(settings, id_reader),
            "printer": printer_doc,
        },
    )
    bundle.add_json("database.json", database)
    centre = centre_document(settings)
    if centre is not None:
        bundle.add_json("centre.json", centre)
    tail = log_tail(settings.log_dir / LOG_NAME)
    bundle.add_json("log.json", tail.summary())
    bundle.add_text("kiosk-log-tail.txt", tail.text)
    for contribute in contributors:
        contribute(bundle)
    return bundle


def record_bundle(settings: Settings, written: BundleFile, actor: Actor) -> str | None:
    """Record the bundle written in the audit log with `actor` (a technician's login, or an
    administrator's on the service screens); None
    when recorded, else why not. A bundle is kept either way: it holds no personal data, and
    a kiosk whose database is down is the one that needs it most."""
    from kiosk.domain.journal import Outcome
    from kiosk.services.technician_audit import record_technician_action

    target, problem = open_audit(settings, actor)
    if target is None:
        return problem
    detail: dict[str, object] = {
        "file": written.path.name,
        "bytes": written.size,
        "documents": len(written.documents),
    }
    try:
        record_technician_action(
            target, BUNDLE_EXPORTED, Outcome.OK, detail, dt.datetime.now(dt.UTC)
        )
    except Exception as exc:
        log.warning("diag.bundle.audit_failed error=%s", type(exc).__name__)
        return f"the audit log could not record it ({type(exc).__name__})"
    finally:
        target.engine.dispose()
    return None


# The diagnostics screens ------------------------------------------------------------------------


def diagnostics_tools(
    settings: Settings,
    build_date: str,
    printer: Callable[[], Printer] | None = None,
    id_reader: IdCardReader | None = None,
) -> DiagnosticsTools:
    """The technician's areas' tools for the running kiosk of `settings`: the same self-test,
    printer report, test page and bundle as `kiosk diag selftest|printer|bundle`, each
    recorded with the staff member's login as actor. `printer`: the voucher printer the kiosk
    prints with now (its own object: the demo's printer faults show), else one made from the
    settings as the commands make it. `id_reader`: the kiosk's running ID card reader, which
    the self-test looks at through its own open port (a command could not open it)."""
    from kiosk.reports.test_page import TestPage
    from kiosk.services.printer_diag import print_test_page, printer_label, printer_report
    from kiosk.services.selftest import record_selftest, run_selftest
    from kiosk.services.staff_diagnostics import DiagnosticsTools, SelftestRun

    def current_printer() -> Printer:
        return printer() if printer is not None else make_printer(settings, prepare=False)

    def selftest(actor: Actor) -> SelftestRun:
        subject = dataclasses.replace(
            selftest_subject(settings, build_date, id_reader), printer=current_printer
        )
        report = run_selftest(subject)
        try:
            _, problem = record_selftest(subject, report, actor=actor)
        except Exception as exc:  # the checks stand; the screen says it is not recorded
            log.warning("diag.selftest.audit_failed error=%s", type(exc).__name__)
            problem = f"the audit log could not record it ({type(exc).__name__})"
        return SelftestRun(report, problem or None)

    def report() -> dict[str, Any]:
        return printer_report(current_printer())

    def test_page(actor: Actor) -> TestPageResult:
        voucher_printer = current_printer()
        audit, problem = open_audit(settings, actor)
        page = TestPage(
            settings.kiosk_id,
            settings.location,
            dt.datetime.now(dt.UTC),
            printer_label(voucher_printer),
            technician=actor.name,
        )
        try:
            return print_test_page(
                voucher_printer, page, settings.voucher_layout, audit, audit_problem=problem
            )
        finally:
            if audit is not None:
                audit.engine.dispose()

    def bundle(folder: Path, actor: Actor, documents: Mapping[str, Any]) -> BundleRun:
        return make_bundle(settings, folder, actor, documents, id_reader)

    return DiagnosticsTools(
        selftest=selftest, printer_report=report, test_page=test_page, bundle=bundle
    )


def make_bundle(
    settings: Settings,
    folder: Path,
    actor: Actor,
    documents: Mapping[str, Any] | None = None,
    id_reader: IdCardReader | None = None,
) -> BundleRun:
    """The bundle as `kiosk diag bundle` makes it (with the self-test), plus `documents` the
    running kiosk has (the last card test), written into `folder` and recorded with `actor`.
    Raises BundleRefused when the folder cannot take it (nothing written)."""
    from kiosk.services.bundle import BundleError, folder_problem
    from kiosk.services.export_places import write_problem
    from kiosk.services.staff_diagnostics import BundleRefused, BundleRun

    problem = folder_problem(folder)  # before the seconds of gathering, not after
    if problem:
        raise BundleRefused(problem, write_problem(None, folder))

    def add_documents(bundle: Bundle) -> None:
        for name, document in (documents or {}).items():
            bundle.add_json(name, document)

    gathered = collect_bundle(
        settings,
        contributors=[add_selftest(settings, id_reader), add_documents],
        id_reader=id_reader,
    )
    try:
        written = gathered.write(folder)
    except BundleError as exc:
        raise BundleRefused(str(exc), write_problem(exc.cause, folder)) from None
    log.info("diag.bundle.written bytes=%d documents=%d", written.size, len(written.documents))
    return BundleRun(written, record_bundle(settings, written, actor))


# The Database and System reports ----------------------------------------------------------------


def centre_link(settings: Settings) -> CentreLink | None:
    """A fleet kiosk's centre for the diagnostics, as a CentreClient on central_url (the
    caller closes it: `close_link`); None when standalone."""
    if not settings.fleet:
        return None
    from kiosk.services.centre_report import CentreLink
    from kiosk.store.central.client import CentreClient

    return CentreLink(CentreClient(settings.central_url), settings.central_url)


def close_link(link: CentreLink | None) -> None:
    close = getattr(link.api, "close", None) if link is not None else None
    if callable(close):
        close()


def database_report_of(
    settings: Settings,
    *,
    url: str | None = None,
    quick: bool = True,
    centre: CentreLink | None = None,
) -> DatabaseReport:
    """The Database report of the kiosk of `settings` (or of the database at `url`, with the
    kiosk's audit key and anchor): kiosk.services.database_report. A fleet kiosk's has the
    centre part: from `centre` (the running kiosk's), else a client made and closed here."""
    from kiosk.services.database_report import database_report

    link = centre if centre is not None else centre_link(settings)
    try:
        return database_report(
            url if url is not None else settings.resolved_database_url,
            data_dir=settings.data_dir,
            kiosk_id=settings.kiosk_id,
            quick=quick,
            centre=link,
        )
    finally:
        if centre is None:
            close_link(link)


def centre_document(settings: Settings) -> dict[str, Any] | None:
    """The bundle's centre part (URL redacted; the tail checked against the local database
    where it can be opened); None when standalone."""
    from kiosk.services.centre_report import centre_report

    link = centre_link(settings)
    if link is None:
        return None
    engine, _problem = open_kiosk_database(settings)
    try:
        return centre_report(link, engine=engine).as_dict()
    finally:
        close_link(link)
        if engine is not None:
            engine.dispose()


def cups_version(settings: Settings) -> str | None:
    """The CUPS scheduler's version, as the voucher printer's queue tells it (None: the kiosk
    prints to PDF files, or CUPS does not answer)."""
    from kiosk.services.printer_diag import printer_report

    try:
        report = printer_report(make_printer(settings, prepare=False))
    except Exception:  # a printer that cannot be set up: the Diagnostics area says why
        return None
    return (report.get("cups") or {}).get("cups_version")


def system_report_of(
    settings: Settings, build_date: str, *, in_kiosk: bool = False
) -> SystemReport:
    """The System report of the kiosk of `settings`: kiosk.services.system_report."""
    from kiosk.logs import LOG_NAME
    from kiosk.services.system_report import database_facts, system_report

    return system_report(
        data_dir=settings.data_dir,
        log_file=settings.log_dir / LOG_NAME,
        build_date=dt.date.fromisoformat(build_date),
        qt_version=_qt_version(),
        cups_version=cups_version(settings),
        database=database_facts(settings.resolved_database_url),
        in_kiosk=in_kiosk,
    )


def report_tools(
    settings: Settings, build_date: str, centre: CentreLink | None = None
) -> ReportTools:
    """The staff areas "database" and "system"'s reports for the running kiosk of `settings`,
    the same as `kiosk db check` and `kiosk diag system` print; `centre`: the running fleet
    kiosk's centre and sender (its Database report then says the sender's state too)."""
    from kiosk.services.staff_reports import ReportTools

    return ReportTools(
        database=lambda: database_report_of(settings, centre=centre),
        system=lambda: system_report_of(settings, build_date, in_kiosk=True),
    )
