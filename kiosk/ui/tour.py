"""The headless tour: the demo kiosk driven offscreen through every screen of every flow, one
PNG per screen and language, and `tour.json` listing each shot with the timings it saw.

    kiosk tour --out DIR [--lang zh_CN|en|all]

It runs on the demo set-up in a fresh temporary data folder (mock reader, seeded SQLite), taps
through the flows as a citizen would (the same signals the widgets emit), and also photographs
the key screens at 1280x800 in large text, the hardest case for the layout.
"""

from __future__ import annotations

import json
import logging
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from PySide6.QtCore import QEvent, QEventLoop
from PySide6.QtWidgets import QApplication

from drivers.readers.mock import DEFAULT_READER, Faults, MockReaderBackend
from kiosk.app import Kiosk, build_kiosk
from kiosk.config import load_settings
from kiosk.domain.session import CardProblem

log = logging.getLogger(__name__)

LANGUAGES = ("zh_CN", "en")
MAIN_SIZE = (1920, 1080)
SMALL_SIZE = (1280, 800)
WAIT_SECONDS = 10.0


@dataclass
class Shot:
    flow: str
    step: str
    language: str
    file: str
    size: str
    large_text: bool = False
    timings_ms: dict[str, float] = field(default_factory=dict)


class TourError(RuntimeError):
    pass


class Tour:
    def __init__(self, kiosk: Kiosk, out: Path) -> None:
        self.kiosk = kiosk
        self.out = out
        self.shots: list[Shot] = []
        self.language = "zh_CN"
        self.size = MAIN_SIZE
        self.large_text = False
        reader = kiosk.backend
        assert isinstance(reader, MockReaderBackend), "the tour runs on the mock reader"
        self.reader: MockReaderBackend = reader

    # Driving ----------------------------------------------------------------------------------

    def settle(self, condition: Callable[[], bool] = lambda: True, what: str = "") -> None:
        """Run the event loop until the worker is idle and `condition` holds."""
        deadline = time.monotonic() + WAIT_SECONDS
        app = QApplication.instance()
        while True:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            if self.kiosk.controller.worker.pending == 0 and condition():
                app.processEvents()
                # What the main loop does on its way round: processEvents() never runs the
                # deleteLater() of widgets that screens dispose of.
                QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
                return
            if time.monotonic() > deadline:
                step = self.kiosk.controller.flow.view.step.value
                raise TourError(f"waited {WAIT_SECONDS} s for {what or 'the kiosk'} (at {step})")
            time.sleep(0.005)

    def at(self, step: str) -> Callable[[], bool]:
        return lambda: self.kiosk.controller.flow.view.step.value == step

    def shot(self, flow: str, step: str, *, wait: bool = True, **timings: float) -> None:
        window = self.kiosk.window
        window.resize(*self.size)
        if wait:
            self.settle(what="layout")
        else:
            QApplication.instance().processEvents()
        if (window.width(), window.height()) != self.size:
            # The layout's minimum is larger than the screen: on a kiosk, content cut off.
            raise TourError(
                f"{flow}/{step} needs {window.width()}x{window.height()}, more than {self.size}"
            )
        size = f"{self.size[0]}x{self.size[1]}"
        suffix = "" if self.size == MAIN_SIZE and not self.large_text else f"-{size}-large"
        name = f"{self.language}/{flow}-{step}{suffix}.png"
        path = self.out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(path)):
            raise TourError(f"could not save {path}")
        self.shots.append(
            Shot(flow, step, self.language, name, size, self.large_text, dict(timings))
        )

    def insert(self, card: str, expect: str) -> float:
        """Insert a demo card and wait for `expect`; returns insert → screen in ms."""
        started = time.perf_counter()
        self.reader.insert(card)
        self.settle(self.at(expect), f"{card} → {expect}")
        return (time.perf_counter() - started) * 1000

    def remove(self) -> None:
        self.reader.remove()
        self.settle(self.at("attract"), "card removal")

    def enter_pin(self, digits: str) -> None:
        self.kiosk.window.pin.pin_entered.emit(bytearray(digits.encode()))
        self.settle(what="PIN")

    # The flows --------------------------------------------------------------------------------

    def run_language(self, language: str) -> None:
        self.language = language
        self.kiosk.set_language(language)
        w, c = self.kiosk.window, self.kiosk.controller
        self.settle(self.at("attract"))
        self.shot("attract", "attract")

        # Reading: slow the mock reader down so the screen can be seen.
        self.reader.set_faults(Faults(latency=0.05))
        self.reader.insert("normal")
        self.shot("card", "reading", wait=False)  # during the read, not after it
        self.settle(self.at("summary"), "summary after the slow read")
        self.reader.set_faults(None)
        self.remove()

        ms = self.insert("normal", "summary")
        self.shot("card", "summary", insert_to_summary=ms)
        w.summary.view_records_clicked.emit()
        self.settle(self.at("pin"), "PIN screen")
        self.shot("pin", "pin")
        self.enter_pin("000000")
        self.shot("pin", "pin-wrong")
        self.enter_pin("123456")
        self.settle(self.at("records"), "records")
        for section in ("overview", "contributions", "employment", "injury"):
            w.records.show_section(section)
            self.shot("records", f"records-{section}")
        if c.flow.view.records and len(c.flow.view.records.years) > 1:
            w.records.year_selected.emit(c.flow.view.records.years[-1])
            self.settle(what="an older year")
            w.records.show_section("contributions")
            self.shot("records", "records-contributions-oldest-year")
        self.idle_warning()
        self.remove()

        self.insert("pin-last-try", "summary")
        w.summary.view_records_clicked.emit()
        self.settle(self.at("pin"), "PIN screen, last try")
        self.shot("pin", "pin-last-try")
        self.remove()

        self.insert("pin-blocked", "summary")
        w.summary.view_records_clicked.emit()
        self.settle(self.at("problem"), "PIN blocked")
        self.shot("problem", f"problem-{CardProblem.PIN_BLOCKED.value}")
        self.remove()

        for card in ("temporary-loss", "expired", "unknown", "unreadable"):
            ms = self.insert(card, "problem")
            problem = c.flow.view.problem
            assert problem is not None
            self.shot("problem", f"problem-{problem.value}", insert_to_screen=ms)
            self.remove()

        self.reader.unplug(DEFAULT_READER)
        self.settle(self.at("reader_unavailable"), "reader unavailable")
        self.shot("reader", "reader-unavailable")
        self.reader.plug(DEFAULT_READER)
        self.settle(self.at("attract"), "reader back")

        self.small_large_pass()

    def idle_warning(self) -> None:
        """Show the "need more time?" countdown by moving the idle clock forward."""
        controller = self.kiosk.controller
        real_clock = controller.clock
        offset = controller.idle.idle + 0.5
        controller.clock = lambda: real_clock() + offset
        controller.check_idle()
        self.settle(what="idle warning")
        self.shot("idle", "idle-warning")
        controller.window.idle.more_time.emit()
        controller.clock = real_clock
        controller.idle.touch(real_clock())
        controller.check_idle()
        self.settle(what="more time")

    def small_large_pass(self) -> None:
        """The key screens at 1280x800 in large text: the tightest layout a citizen can get."""
        self.size, self.large_text = SMALL_SIZE, True
        self.kiosk.set_large_text(True)
        w = self.kiosk.window
        try:
            self.shot("attract", "attract")
            self.insert("normal", "summary")
            self.shot("card", "summary")
            w.summary.view_records_clicked.emit()
            self.settle(self.at("pin"))
            self.enter_pin("000000")
            self.shot("pin", "pin-wrong")
            self.enter_pin("123456")
            self.settle(self.at("records"))
            for section in ("overview", "contributions", "employment", "injury"):
                w.records.show_section(section)
                self.shot("records", f"records-{section}")
            self.remove()
            self.insert("unreadable", "problem")
            self.shot("problem", "problem-unreadable")
            self.remove()
        finally:
            self.size, self.large_text = MAIN_SIZE, False
            self.kiosk.set_large_text(False)


def run_tour(out: Path, languages: tuple[str, ...] = LANGUAGES) -> Path:
    """Run the tour into `out`; returns the path of tour.json."""
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="kiosk-tour-") as scratch:
        settings = load_settings(
            demo=True, environ={}, data_dir=Path(scratch), log_dir=Path(scratch) / "log"
        )
        kiosk = build_kiosk(settings, app)
        tour = Tour(kiosk, out)
        kiosk.window.resize(*MAIN_SIZE)
        kiosk.window.show()
        started = time.perf_counter()
        try:
            for language in languages:
                tour.run_language(language)
        finally:
            kiosk.close()
    summary = {
        "languages": list(languages),
        "seconds": round(time.perf_counter() - started, 2),
        "shots": [asdict(shot) for shot in tour.shots],
    }
    index = out / "tour.json"
    index.write_text(json.dumps(summary, indent=2, ensure_ascii=False), encoding="utf-8")
    return index
