"""The composition root: settings → logging → window → database (migrated) → reader → services.

Nothing here runs at import. Start-up comes in two phases so the citizen sees the kiosk at
once (P5): `open_window` needs only Qt and the screens and shows the attract screen;
`build_kiosk` then imports and opens the back end (SQLAlchemy and Alembic are most of the
start-up time), starts the reader and wires the controller. The tour and the tests call
`build_kiosk` alone, which opens the window itself without showing it.

A technician or administrator may take the kiosk out of service for maintenance (the service
menu, `kiosk diag service out`): the state is read from the database at start-up and at each
back end check, and `Kiosk.apply_service` shows the out-of-service screen (E-MAINTENANCE) with
the service entry still open, or takes it away.

When the kiosk cannot serve (a damaged or unreachable database, an unsafe key, a bad setting:
QUALITY.md R10), `run_kiosk` does not exit: kiosk.startup shows the out-of-service screen with
a reason code, logs why, and tries again until it can. `build_kiosk` marks what it raises with
the step it was at (kiosk.faults.startup_step) and otherwise lets it through.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QApplication

from drivers.readers.base import CardReaderBackend
from kiosk.config import Settings
from kiosk.domain.fleet import CentreState, CentreStatus
from kiosk.domain.outage import Reason, ServiceState
from kiosk.faults import SchemaMismatch, Step, classify, startup_step, summary
from kiosk.flows.idle import IdleWatch
from kiosk.hardware import make_idcard_reader, make_printer, make_reader_backend
from kiosk.ui.i18n import Translations
from kiosk.ui.theme import Theme, apply_theme
from kiosk.ui.window import KioskWindow

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    from PySide6.QtWidgets import QWidget
    from sqlalchemy.engine import Engine

    from drivers.idcard.base import IdCardReader
    from drivers.printers.base import Printer
    from kiosk.domain.devices import DeviceStatus
    from kiosk.domain.voucher_data import Language
    from kiosk.services.business import BusinessService
    from kiosk.services.centre import CentreApi
    from kiosk.services.centre_report import CentreLink
    from kiosk.services.outbox_sender import OutboxSender
    from kiosk.store.seal import AuditSeal
    from kiosk.ui.controller import CitizenController
    from kiosk.ui.staff_controller import StaffController

    FaultHandler = Callable[[Reason, BaseException], None]
    Seed = Callable[[Engine], None]

log = logging.getLogger(__name__)

BACKEND_CHECK_MS = 15_000
# What the back end check stops serving for while the kiosk runs. A back end that is only away
# shows on the status strip, and business is refused plainly meanwhile; but a damaged database,
# or one a newer program has migrated, must not be written to at all; and one that cannot be
# written (a disk remounted read-only) would refuse every business it seemed to offer.
STOP_SERVING = frozenset({Reason.DB_CORRUPT, Reason.DB_SCHEMA, Reason.DB_READONLY})


@dataclass(frozen=True)
class DemoKit:
    """What the demo adds to a kiosk, handed in by the demo package (kiosk.demo.kit) so that
    the product never imports the demo: the seed of its database, run after every migration
    (it adds only what is missing), and the card tray beside the window (none in tests)."""

    seed: Seed
    tray: Callable[[Kiosk], QWidget] | None = None


@dataclass
class Kiosk:
    settings: Settings
    engine: Engine
    backend: CardReaderBackend
    window: KioskWindow
    controller: CitizenController
    translations: Translations
    business: BusinessService
    staff: StaffController | None = None  # None: no service entry (no service_code set)
    large_text: bool = False
    schema: str | None = None  # the schema revision the database was migrated to at start-up
    # In service, or out of it for maintenance (read at start-up, then apply_service).
    service: ServiceState = dataclasses.field(default_factory=ServiceState)
    # The periodic back end, printer and service state check, now (_watch_status; tests).
    check_status: Callable[[], None] | None = None
    fleet: FleetParts | None = None  # a kiosk of a fleet: its centre and outbox sender
    # The resident ID card reader (issue 15); None: the setting idcard_reader is "none".
    id_reader: IdCardReader | None = None

    @property
    def language(self) -> Language:
        """The language on screen, which is also the one vouchers print in."""
        return _language_of(self.translations)

    def set_language(self, language: str) -> None:
        self.translations.set_language(language)
        log.info("ui.language language=%s", language)

    def toggle_language(self) -> None:
        self.set_language("en" if self.translations.language == "zh_CN" else "zh_CN")

    def set_large_text(self, large: bool) -> None:
        self.large_text = large
        apply_theme(QApplication.instance(), Theme(large_text=large))
        self.window.header.set_large_text(large)
        log.info("ui.large_text on=%d", large)

    def restore_defaults(self) -> None:
        """A session ended: the next citizen finds the kiosk's own language and normal text,
        whatever the last one chose (the screens themselves were wiped by the controller)."""
        if self.translations.language != self.settings.language:
            self.set_language(self.settings.language)
        if self.large_text:
            self.set_large_text(False)

    def apply_service(self, state: ServiceState) -> None:
        """In service or out of it for maintenance, as staff last set it (the service menu, the
        command, a restart). Out of service: a citizen's session ends and the out-of-service
        screen shows, unless a fault's already does (it stays until the fault clears: then
        `show_service` shows this). In service: the maintenance screen goes."""
        was, self.service = self.service, state
        if state != was:
            log.info("kiosk.service in_service=%d", state.in_service)
        outage = state.outage()
        if outage is None:
            if self.window.in_maintenance:
                self.window.back_in_service()
            return
        if self.window.outage is not None and not self.window.in_maintenance:
            return  # a fault's out-of-service screen: it says more than maintenance
        if self.controller.flow.in_session:
            self.controller.home()
        self.window.show_out_of_service(outage)

    def show_service(self) -> None:
        """Serving again after a fault: the attract screen, or maintenance if staff set it."""
        self.window.back_in_service()
        self.apply_service(self.service)

    def close(self) -> None:
        if self.fleet is not None:
            self.fleet.stop()
        self.translations.set_language("en")  # leave no translator on a shared application
        if self.staff is not None:
            self.staff.shutdown()
        self.controller.shutdown()
        self.backend.stop()
        if self.id_reader is not None:
            self.id_reader.stop()
        self.window.allow_close = True
        self.window.close()
        # Delete the widgets now, while the QApplication lives: left to the interpreter's last
        # garbage collection, Qt objects die in any order and PySide6 can crash on the way out.
        self.window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.engine.dispose()


@dataclass
class FleetParts:
    """A kiosk of a fleet (docs/fleet.md): the centre it asks (a CentreClient on central_url,
    or one handed in: the tour's FakeCentre) and the outbox sender on its own thread."""

    centre: CentreApi
    sender: OutboxSender
    thread: threading.Thread | None = None

    def start(self) -> None:
        self.thread = threading.Thread(target=self.sender.run, name="outbox-sender", daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.sender.stop()
        if self.thread is not None:
            self.thread.join(timeout=5)
        close = getattr(self.centre, "close", None)
        if callable(close):
            close()

    def status(self) -> CentreStatus:
        """The centre's state now (hello), with the outbox's depth and age; on the worker."""
        from kiosk.services.centre import CentreRejected, CentreUnreachable

        seen = self.sender.status()
        try:
            self.centre.hello()
            state = CentreState.ONLINE
        except CentreUnreachable:
            state = CentreState.UNREACHABLE
        except CentreRejected:
            state = CentreState.REJECTED
        return dataclasses.replace(seen, state=state, checked_at=dt.datetime.now(dt.UTC))


def make_fleet(
    settings: Settings, engine: Engine, centre: CentreApi | None = None
) -> FleetParts | None:
    """The centre and the outbox sender of a fleet kiosk (None: standalone, unless a centre is
    handed in). The records a crash left in the replica are deleted first."""
    if centre is None and not settings.fleet:
        return None
    from kiosk.services.outbox_sender import OutboxSender
    from kiosk.services.registry import purge

    if centre is None:
        from kiosk.store.central.client import CentreClient

        centre = CentreClient(settings.central_url)
    purge(engine)  # any records left over from a session the kiosk did not end
    sender = OutboxSender(engine, cast("Any", centre), settings.kiosk_id)
    return FleetParts(centre, sender)


def open_database(settings: Settings, seed: Seed | None = None) -> Engine:
    """The engine with the schema at head, then `seed`ed (the demo). The data
    folder and a SQLite database found open to others are made private first (S7), and the log
    says so. Raises kiosk.store.files.PrivateFileError when they cannot be."""
    from kiosk.store.db import create_engine, secure_database_files
    from kiosk.store.files import secure_dir

    repairs = [
        secure_dir(settings.data_dir),
        *secure_database_files(settings.resolved_database_url),
    ]
    for repair in repairs:
        if repair is not None:
            log.warning("files.repaired %s", repair)
    engine = create_engine(settings.resolved_database_url)
    try:
        prepare_database(engine, seed)
    except BaseException:
        engine.dispose()  # no connection left open on a file that failed (it is tried again)
        raise
    return engine


def prepare_database(engine: Engine, seed: Seed | None = None) -> None:
    """Bring the schema to head (and `seed` it: the demo): at start-up, and again when the
    kiosk recovers from a database fault while running."""
    from kiosk.store.db import probe_writable
    from kiosk.store.migrate import upgrade

    upgrade(engine)
    if seed is not None:
        seed(engine)
    probe_writable(engine)  # a database that cannot record is E-DB-READONLY, not "in service"


def open_window(settings: Settings, app: QApplication) -> tuple[KioskWindow, Translations]:
    """Phase one: theme, language and the window on its attract screen (not yet shown)."""
    translations = Translations(app)
    translations.set_language(settings.language)
    apply_theme(app, Theme(large_text=False))
    window = KioskWindow(kiosk_mode=not settings.demo, tap_guard_seconds=settings.tap_guard_seconds)
    return window, translations


def open_seal(settings: Settings, engine: Engine) -> AuditSeal:
    """The audit chain's key and anchor file in the data folder; raises an AuditSealError
    (AuditKeyMissing when the chain is sealed with a key that is gone) to stop start-up."""
    from kiosk.services.audit_seal import open_audit_seal
    from kiosk.store.seal import SealFiles

    return open_audit_seal(engine, SealFiles.in_folder(settings.data_dir), settings.kiosk_id)


def make_business(
    settings: Settings,
    engine: Engine,
    printer: Printer,
    seal: AuditSeal,
    fleet: FleetParts | None = None,
) -> BusinessService:
    from kiosk.domain.voucher_data import KioskInfo
    from kiosk.services.business import BusinessService
    from kiosk.services.voucher_key import open_voucher_codes

    # Raises a kiosk.services.signing_key.SigningKeyError subclass (missing with vouchers,
    # mismatched, unsafe, malformed, unreadable): a reason for the kiosk to stay out of service.
    key, codes = open_voucher_codes(
        engine, settings.resolved_voucher_key_file, settings.kiosk_id, seal
    )
    return BusinessService(
        engine,
        KioskInfo(settings.kiosk_id, settings.location),
        signing_key=key,
        audit_seal=seal,
        printer=printer,
        pickup_working_days=settings.pickup_working_days,
        fee_fen=settings.reissue_fee_fen,
        proof_limits=settings.proof_limits,
        layout=settings.voucher_layout,
        voucher_codes=codes,
        centre=fleet.centre if fleet is not None else None,
        sender=fleet.sender if fleet is not None else None,
    )


def build_kiosk(
    settings: Settings,
    app: QApplication,
    opened: tuple[KioskWindow, Translations] | None = None,
    *,
    printer: Printer | None = None,
    on_fault: FaultHandler | None = None,
    seed: Seed | None = None,
    centre: CentreApi | None = None,
    id_reader: IdCardReader | None = None,
) -> Kiosk:
    """Phase two: the back end, the reader and the controller, wired into the window of
    `open_window` (made here when not given). `printer` replaces the configured voucher
    printer (tests, the tour); `seed` fills the database after migrating it (the demo's
    data: kiosk.demo). `on_fault` hears of a fault found while running that stops
    the kiosk serving (STOP_SERVING). `centre` replaces the fleet's CentreClient (the tour's
    FakeCentre; given, the kiosk runs as a fleet kiosk). `id_reader` replaces the configured
    resident ID card reader (tests). The caller calls `Kiosk.close()`."""
    from kiosk.services.card_session import CardSessionService
    from kiosk.services.devices import ReaderWatch
    from kiosk.services.idcard import IdCardWatch
    from kiosk.services.maintenance import read_service_state
    from kiosk.store.migrate import current_revision
    from kiosk.ui.bridge import IdCardBridge, ReaderBridge
    from kiosk.ui.controller import CitizenController

    window, translations = opened or open_window(settings, app)
    with startup_step(Step.DATABASE):
        engine = open_database(settings, seed)
    try:
        with startup_step(Step.DATABASE):
            schema = current_revision(engine)
            service = read_service_state(engine, settings.kiosk_id)
        with startup_step(Step.PRINTER):
            chosen_printer = printer or make_printer(settings)
        with startup_step(Step.DATABASE):
            fleet = make_fleet(settings, engine, centre)
        with startup_step(Step.KEY):
            seal = open_seal(settings, engine)
            business = make_business(settings, engine, chosen_printer, seal, fleet)
        with startup_step(Step.READER):
            backend = make_reader_backend(settings)
            chosen_id_reader = id_reader or make_idcard_reader(settings)
    except BaseException:
        engine.dispose()
        raise
    bridge = ReaderBridge(ReaderWatch(backend), window)
    id_bridge = None
    if chosen_id_reader is not None:
        watch = IdCardWatch(chosen_id_reader, name=id_reader_name(settings))
        id_bridge = IdCardBridge(watch, window)

    controller = CitizenController(
        window,
        CardSessionService(backend, engine, registry=business.registry),
        bridge,
        business=business,
        kiosk_id=settings.kiosk_id,
        language=lambda: _language_of(translations),
        reader_name=settings.reader_name,
        idle=IdleWatch(settings.idle_seconds, settings.warning_seconds),
        id_bridge=id_bridge,
    )
    kiosk = Kiosk(
        settings,
        engine,
        backend,
        window,
        controller,
        translations,
        business,
        schema=schema,
        fleet=fleet,
        id_reader=chosen_id_reader,
    )
    kiosk.staff = make_staff(kiosk)
    kiosk.apply_service(service)  # out of service for maintenance survives a restart
    window.header.language_clicked.connect(kiosk.toggle_language)
    window.header.large_text_clicked.connect(lambda: kiosk.set_large_text(not kiosk.large_text))
    controller.session_ended.connect(kiosk.restore_defaults)
    # Fleet: what the centre sent for the session is deleted (on the worker, after its jobs).
    controller.session_ended.connect(
        lambda: controller.worker.submit(business.end_session, lambda _r: None, lambda _e: None)
    )
    if fleet is not None:
        fleet.start()
    _watch_status(kiosk, on_fault)
    backend.start()
    if chosen_id_reader is not None:
        chosen_id_reader.start()
    return kiosk


def id_reader_name(settings: Settings) -> str:
    """What the diagnostics call the ID card reader: its port, when the settings say one."""
    return settings.idcard_port


def trusted_public_keys(settings: Settings) -> dict[str, Ed25519PublicKey]:
    """Other kiosks' voucher public keys (the setting voucher_public_keys) for the staff desk.
    A folder that cannot be read is logged and left out: the desk still checks this kiosk's
    own vouchers, and calls the others' keys unknown."""
    if settings.voucher_public_keys is None:
        return {}
    from kiosk.services.voucher_key import PublicKeyError, load_public_keys

    try:
        return load_public_keys(settings.voucher_public_keys)
    except PublicKeyError as exc:
        log.warning("desk.public_keys_unreadable error=%s", exc)
        return {}


def fleet_link(kiosk: Kiosk) -> CentreLink | None:
    """The running fleet kiosk's centre and outbox sender, for its diagnostics (None when
    standalone): the same client the businesses use, so the report sees what they see."""
    if kiosk.fleet is None:
        return None
    from kiosk.services.centre_report import CentreLink

    url = kiosk.settings.central_url or f"(in process: {type(kiosk.fleet.centre).__name__})"
    return CentreLink(kiosk.fleet.centre, url, kiosk.fleet.sender)


def make_staff(kiosk: Kiosk) -> StaffController | None:
    """Staff mode behind the hidden entry, when the kiosk has a service code. It ends with the
    kiosk's own language and text size, like a citizen session; leaving kiosk mode quits."""
    if not kiosk.settings.service_code:
        kiosk.window.attract.service_corner.setEnabled(False)
        kiosk.window.out_of_service.service_corner.setEnabled(False)
        return None
    import kiosk as package
    from kiosk.diag_setup import diagnostics_tools, report_tools
    from kiosk.flows.staff import StaffFlow
    from kiosk.flows.staff_areas import AREAS
    from kiosk.flows.staff_runner import StaffRunner
    from kiosk.services.idcard import IdCardWatch
    from kiosk.services.staff import StaffServices
    from kiosk.ui.staff_controller import StaffController

    kiosk.window.add_staff_screens()
    services = StaffServices(
        kiosk.business,
        service_code=kiosk.settings.service_code,
        public_keys=trusted_public_keys(kiosk.settings),
        export_dir=kiosk.settings.resolved_export_dir,
        reader=kiosk.backend,
        reader_name=kiosk.settings.reader_name,
        simulated_reader=kiosk.settings.reader == "mock",
        id_watch=(
            IdCardWatch(kiosk.id_reader, name=id_reader_name(kiosk.settings))
            if kiosk.id_reader is not None
            else None
        ),
        # The diagnostics look at the printer the kiosk prints with (the demo's faults show).
        diagnostics=diagnostics_tools(
            kiosk.settings,
            package.BUILD_DATE,
            printer=lambda: kiosk.business.printer,
            id_reader=kiosk.id_reader,
        ),
        reports=report_tools(kiosk.settings, package.BUILD_DATE, centre=fleet_link(kiosk)),
    )
    runner = StaffRunner(StaffFlow(AREAS), services, language=lambda: kiosk.language)
    staff = StaffController(kiosk.window, kiosk.controller, runner)

    def mode_changed(on: bool) -> None:
        if not on:
            kiosk.restore_defaults()

    def leave() -> None:
        kiosk.window.allow_close = True
        QApplication.instance().quit()

    staff.mode_changed.connect(mode_changed)
    staff.quit_requested.connect(leave)
    staff.service_changed.connect(kiosk.apply_service)
    return staff


def _watch_status(kiosk: Kiosk, on_fault: FaultHandler | None = None) -> None:
    """Keep the attract screen's status strip true: reader from events, back end and printer
    by a ping on the worker (a printer may take its time to answer). A back end fault that
    stops the kiosk serving goes to `on_fault` as well; out of service for maintenance set
    from the command line is taken up here too."""
    from kiosk.services.devices import ReaderWatch
    from kiosk.services.maintenance import read_service_state

    strip = kiosk.window.attract.status_strip

    readers = ReaderWatch(kiosk.backend)

    def reader_status(_event: object = None) -> None:
        strip.set_reader(*device_light(readers.device_status(kiosk.settings.reader_name)))

    kiosk.controller.reader_event.connect(reader_status)

    def id_reader_status(_notice: object = None) -> None:
        """The ID card reader's light, on its notices and at each check (its state is the
        driver's, read without waiting on the device)."""
        from kiosk.services.idcard import id_reader_device

        if kiosk.id_reader is not None:
            status = id_reader_device(kiosk.id_reader, name=id_reader_name(kiosk.settings))
            strip.set_id_reader(*device_light(status))

    kiosk.controller.id_card_notice.connect(id_reader_status)

    def printer_status(status: DeviceStatus) -> None:
        strip.set_printer(*device_light(status))

    def backend_checked(error: BaseException | None) -> None:
        strip.set_backend(error is None)
        if error is None:
            return
        reason = classify(error, Step.CHECK)
        log.warning("backend.offline code=%s error=%s", reason.code, summary(error))
        if reason in STOP_SERVING and on_fault is not None:
            on_fault(reason, error)

    def service_read(state: ServiceState) -> None:
        if state != kiosk.service:  # set from the command line (or another screen)
            kiosk.apply_service(state)

    def centre_checked(status: CentreStatus) -> None:
        strip.set_centre(status)
        kiosk.controller.centre_away = status.state is CentreState.UNREACHABLE

    def centre_status() -> CentreStatus:

        if kiosk.fleet is None:
            return CentreStatus(CentreState.NOT_USED)
        kiosk.business.registry.refresh_outlets()
        return kiosk.fleet.status()

    def ping() -> None:
        id_reader_status()
        worker = kiosk.controller.worker
        worker.submit(centre_status, centre_checked, lambda _e: None)
        worker.submit(
            lambda: _backend_error(kiosk.engine, kiosk.schema), backend_checked, lambda _e: None
        )
        worker.submit(
            lambda: read_service_state(kiosk.engine, kiosk.settings.kiosk_id),
            service_read,
            lambda _e: None,  # the back end check above says what is wrong with the database
        )
        worker.submit(
            kiosk.business.printer_device, printer_status, lambda _e: strip.set_printer(False)
        )

    kiosk.check_status = ping
    timer = QTimer(kiosk.window)
    timer.setInterval(BACKEND_CHECK_MS)
    timer.timeout.connect(ping)
    timer.start()
    ping()


def _language_of(translations: Translations) -> Language:
    return "en" if translations.language == "en" else "zh_CN"


def device_light(status: DeviceStatus) -> tuple[bool, str]:
    """A device's light on the status strip, from the same DeviceStatus the diagnostics show:
    usable, and what is wrong (or low) in one word."""
    from kiosk.domain.devices import DeviceState, MediaState

    if status.media is MediaState.PAPER_OUT:
        return False, "paper_out"
    if status.usable and status.media is MediaState.PAPER_LOW:
        return True, "paper_low"
    words = {
        DeviceState.OFFLINE: "offline",
        DeviceState.POWER_OFF: "offline",
        DeviceState.NO_DEVICE: "not_found",
    }
    return status.usable, words.get(status.state, "")


def check_backend(engine: Engine, schema: str | None) -> None:
    """Raises unless the back end answers with the schema revision this program migrated it
    to: a shared back end that a newer program upgraded shows here (SchemaMismatch), and so
    does damage the read runs into, and a database that can no longer be written (the probe
    writes nothing). It is one small read every BACKEND_CHECK_MS: damage
    elsewhere in a SQLite file (or hidden by the pages SQLite keeps) shows when that part is
    read, and in `kiosk db check`."""
    from kiosk.services.devices import backend_revision
    from kiosk.store.db import probe_writable

    found = backend_revision(engine)
    if schema is not None and found != schema:
        raise SchemaMismatch(
            f"the database is at schema revision {found}, this program at {schema}"
        )
    probe_writable(engine)  # a disk remounted read-only after an error shows here


def _backend_error(engine: Engine, schema: str | None) -> BaseException | None:
    """The back end check on the worker: None when all is well, else what failed (returned,
    to be classified and logged on the GUI thread)."""
    try:
        check_backend(engine, schema)
    except Exception as exc:
        return exc
    return None


def run_kiosk(load: Callable[[], Settings], *, demo: DemoKit | None = None) -> int:
    """The kiosk until it is asked to quit: `load` reads the settings (again at each retry, so
    a corrected kiosk.toml is taken up). It never exits for a fault it can show: the
    out-of-service screen says so and the start-up is tried again (kiosk.startup). `demo`
    is the demo's kit (`kiosk --demo`), None for the real kiosk."""
    from kiosk.startup import Startup

    app = QApplication.instance() or QApplication(sys.argv[:1])
    startup = Startup(app, load=load, demo=demo)
    startup.show()
    app.processEvents()  # the attract screen is up before the back end is opened
    log.info("screen.shown name=%s first=1", startup.window.current.name)
    startup.start()
    code = app.exec()
    startup.close()
    return code
