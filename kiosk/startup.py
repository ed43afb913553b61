"""Bringing the kiosk up, and keeping it honest when it cannot serve (QUALITY.md R10).

Each attempt reads the settings, opens the log and builds the kiosk (kiosk.app.build_kiosk).
When a step fails, the fault is classified into a reason code (kiosk.faults), logged in full
(the traceback to kiosk.log; where the log folder cannot be written, to stderr, which the
systemd journal keeps), and the window shows the out-of-service screen instead of exiting: a
kiosk that exits is restarted by systemd, and the hall sees a flickering desktop. Then the
whole start-up is tried again on a timer, 5 s doubling up to 60 s, until it succeeds: the back
end comes back, a damaged database file is replaced, a folder is made writable, a key is
restored or kiosk.toml is corrected (a setting from the environment needs a restart: the
unit's environment is fixed at start). The recovery is logged, and the attract screen shown.

While serving, the back end check (kiosk.app.STOP_SERVING) can take the kiosk out of service
too: the citizen's session ends, the same screen shows, and the check is retried likewise,
after migrating (and, in the demo, seeding) the database again as a start would.

With an invalid setting nothing in the settings can be trusted: the log folder, the language
and the rest come from the defaults until the settings are valid.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from kiosk.app import DemoKit, Kiosk, build_kiosk, check_backend, open_window, prepare_database
from kiosk.config import Settings
from kiosk.domain.outage import Outage, Reason
from kiosk.faults import Backoff, Step, classify, fault_report, step_of, summary
from kiosk.logs import setup_logging
from kiosk.ui.window import KioskKeyGuard

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from drivers.printers.base import Printer

log = logging.getLogger(__name__)

DEMO_SIZE = (1280, 800)


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Startup(QObject):
    """The kiosk's start-up and its out-of-service state. `window` is up from the start (the
    attract screen, or out of service if the settings or the log already failed); `kiosk` is
    the built kiosk once an attempt succeeds; `outage` says why it does not serve, or None.

    `load` reads the settings; `fallback` stands in for them while they are invalid (tests
    give one with a private log folder); `backoff` is the retry schedule; `printer` replaces
    the configured printer (tests); `demo` is the demo's kit (its seed and card tray), None
    for the real kiosk."""

    def __init__(
        self,
        app: QApplication,
        *,
        load: Callable[[], Settings],
        demo: DemoKit | None = None,
        fallback: Settings | None = None,
        backoff: Backoff | None = None,
        printer: Printer | None = None,
        now: Callable[[], dt.datetime] = _utc_now,
    ) -> None:
        super().__init__()
        self.app = app
        self._load = load
        self._demo = demo
        self._fallback = fallback or Settings(demo=demo is not None)
        self._backoff = backoff or Backoff()
        self._printer = printer
        self._now = now
        self.kiosk: Kiosk | None = None
        self.outage: Outage | None = None
        self.tray: QWidget | None = None
        self.attempts = 0  # failed attempts since the kiosk last served
        self._last_logged: tuple[Reason, str] | None = None
        self._stderr: logging.Handler | None = None  # while the log file cannot be written
        root = logging.getLogger()  # close() leaves the logging as it found it
        self._handlers_before, self._level_before = list(root.handlers), root.level
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._retry)

        settings, fault = self._settings_and_log()
        log.info("kiosk.start demo=%d reader=%s", settings.demo, settings.reader)
        self.window, self.translations = open_window(settings, app)
        if fault is not None:
            self._out_of_service(*fault)

    # The attempts ------------------------------------------------------------------------------

    def show(self) -> None:
        """The window: full screen in kiosk mode (no keyboard way out), a window in the demo."""
        if self._demo:
            self.window.resize(*DEMO_SIZE)
            self.window.show()
        else:
            self.app.installEventFilter(KioskKeyGuard(self.app))
            self.window.showFullScreen()

    def start(self) -> None:
        """The first attempt at the back end, once the window is up; nothing to do when the
        settings or the log already failed (the retry is set)."""
        if self.outage is None:
            self._attempt()

    def _settings_and_log(self) -> tuple[Settings, tuple[Step, BaseException] | None]:
        """The settings (the defaults while they are invalid) with the log set up from them,
        and the first of their faults, if any."""
        fault: tuple[Step, BaseException] | None = None
        try:
            settings = self._load()
        except Exception as exc:
            settings, fault = self._fallback, (Step.SETTINGS, exc)
        log_fault = self._setup_log(settings)
        return settings, fault or log_fault

    def _setup_log(self, settings: Settings) -> tuple[Step, BaseException] | None:
        try:
            path = setup_logging(settings.log_dir)
        except Exception as exc:
            self._log_to_stderr()
            log.error(
                "log.unwritable dir=%s error=%s; logging to stderr (the systemd journal) instead",
                settings.log_dir,
                summary(exc),
            )
            return Step.LOG, exc
        if self._stderr is not None:
            log.info("log.restored file=%s", path)  # in the journal too: where to look now
            logging.getLogger().removeHandler(self._stderr)
            self._stderr = None
        return None

    def _log_to_stderr(self) -> None:
        """Log to stderr while the file cannot be written, unless something already does."""
        root = logging.getLogger()
        for handler in root.handlers:
            stream = getattr(handler, "stream", None)
            if stream is sys.stderr and not isinstance(handler, logging.FileHandler):
                return
        if self._stderr is None:
            self._stderr = logging.StreamHandler(sys.stderr)
            self._stderr.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
            root.addHandler(self._stderr)
            root.setLevel(min(root.level or logging.INFO, logging.INFO))

    def _attempt(self) -> None:
        settings, fault = self._settings_and_log()
        if fault is not None:
            self._out_of_service(*fault)
            return
        self._apply_settings(settings)
        try:
            kiosk = build_kiosk(
                settings,
                self.app,
                (self.window, self.translations),
                printer=self._printer,
                on_fault=self._fault_while_serving,
                seed=self._demo.seed if self._demo else None,
            )
        except Exception as exc:
            self._out_of_service(step_of(exc), exc)
            return
        self.kiosk = kiosk
        self._serving()

    def _apply_settings(self, settings: Settings) -> None:
        """What the window takes from the settings, which may have changed since it opened."""
        if self.translations.language != settings.language:
            self.translations.set_language(settings.language)
        self.window.tap_guard.seconds = settings.tap_guard_seconds

    def _retry(self) -> None:
        if self.kiosk is None:
            self._attempt()
        else:
            self._recover()

    def _recover(self) -> None:
        """Built but out of service for a fault found while running: open the database afresh
        (a replaced file is read anew), migrate it as a start would, and check it again, on
        the worker (the GUI thread never waits on the database)."""
        kiosk = self.kiosk
        assert kiosk is not None

        def job() -> None:
            kiosk.engine.dispose()
            prepare_database(kiosk.engine, self._demo.seed if self._demo else None)
            check_backend(kiosk.engine, kiosk.schema)

        kiosk.controller.worker.submit(
            job, lambda _: self._serving(), lambda exc: self._out_of_service(Step.DATABASE, exc)
        )

    # Serving or not ----------------------------------------------------------------------------

    def _serving(self) -> None:
        kiosk = self.kiosk
        assert kiosk is not None
        was = self.outage
        self.outage, self.attempts, self._last_logged = None, 0, None
        if self._demo is not None and self._demo.tray is not None and self.tray is None:
            self.tray = self._demo.tray(kiosk)
            geometry = self.window.geometry()
            self.tray.move(geometry.right() + 16, geometry.top())
            self.tray.show()
        kiosk.show_service()  # the attract screen, or out of service for maintenance
        if was is not None:
            lasted = was.lasted(self._now()).total_seconds()
            log.info("kiosk.recovered code=%s out_of_service_s=%d", was.reason.code, lasted)

    def _out_of_service(self, step: Step, exc: BaseException) -> None:
        reason = classify(exc, step)
        since = self.outage.since if self.outage is not None else self._now()
        self.outage = Outage(reason, since)
        delay = self._backoff.delay(self.attempts)
        self.attempts += 1
        said = (reason, summary(exc))
        if said != self._last_logged:  # the full story once, then a line per retry
            log.error(
                "kiosk.out_of_service code=%s step=%s error=%s retry_in_s=%g\n%s",
                reason.code,
                step.value,
                said[1],
                delay,
                fault_report(exc),
            )
            self._last_logged = said
        else:
            log.warning(
                "kiosk.still_out_of_service code=%s attempts=%d retry_in_s=%g",
                reason.code,
                self.attempts,
                delay,
            )
        self.window.show_out_of_service(self.outage)
        self._timer.start(round(delay * 1000))

    def _fault_while_serving(self, reason: Reason, exc: BaseException) -> None:
        """The back end check found a reason to stop serving: end any session (it could not
        have gone on), and go out of service until the retry finds the database good."""
        kiosk = self.kiosk
        if self.outage is not None or kiosk is None:
            return
        if kiosk.controller.flow.in_session:
            kiosk.controller.home()
        self._out_of_service(Step.CHECK, exc)

    # The end -----------------------------------------------------------------------------------

    def close(self) -> None:
        """On a request to quit: stop retrying, close the kiosk (or the bare window)."""
        self._timer.stop()
        if self.tray is not None:
            self.tray.deleteLater()  # goes with the window, while the app lives
        if self.kiosk is not None:
            self.kiosk.close()
        else:
            self.translations.set_language("en")
            self.window.allow_close = True
            self.window.close()
            self.window.deleteLater()
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        root = logging.getLogger()
        for handler in [h for h in root.handlers if h not in self._handlers_before]:
            root.removeHandler(handler)  # the log file (and stderr) set up here
            handler.close()
        root.setLevel(self._level_before)
        self._stderr = None
