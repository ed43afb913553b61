"""What the headless tour (kiosk.demo.tour) drives the demo kiosk with: a citizen's taps, card
insertions and scans as the widgets' own signals, waits on the event loop until the kiosk
settles on the expected step, and the screenshots themselves with their names and timings.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEvent, QEventLoop
from PySide6.QtWidgets import QApplication

from drivers.readers.mock import MockReaderBackend
from kiosk.app import Kiosk
from kiosk.ui.widgets.scanner import type_as_scanner

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


class TourDriver:
    """The demo kiosk in `kiosk`, driven as a citizen would; screenshots go under `out`."""

    def __init__(self, kiosk: Kiosk, out: Path) -> None:
        self.kiosk = kiosk
        self.out = out
        self.shots: list[Shot] = []
        self.language = "zh_CN"
        self.size = MAIN_SIZE
        self.large_text = False
        # The QR codes of vouchers the citizen passes printed, oldest first (the staff pass
        # scans the last one at the voucher desk).
        self.printed_codes: list[str] = []
        reader = kiosk.backend
        assert isinstance(reader, MockReaderBackend), "the tour runs on the mock reader"
        self.reader: MockReaderBackend = reader
        # The card receipt of the last reissue flow of each kind ("replace", "loss-final"): the
        # vouchers the staff tour reprints, moves on, hands over and reimburses.
        self.new_card_vouchers: dict[str, str] = {}

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
        """At citizen step `step`, or at business step `step` while a business runs."""
        controller = self.kiosk.controller

        def here() -> bool:
            business = controller.business
            if controller.flow.in_business and business is not None:
                return business.view.step.value == step and not business.view.busy
            return controller.flow.view.step.value == step

        return here

    def shot(self, flow: str, step: str, *, wait: bool = True, **timings: float) -> None:
        window = self.kiosk.window
        self.choose_language_and_text_size()
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

    def choose_language_and_text_size(self) -> None:
        """The tour's language and text size, chosen again as a citizen would: every session
        end gives the kiosk back its own (Kiosk.restore_defaults)."""
        if self.kiosk.translations.language != self.language:
            self.kiosk.set_language(self.language)
        if self.kiosk.large_text != self.large_text:
            self.kiosk.set_large_text(self.large_text)

    def insert(self, card: str, expect: str) -> float:
        """Insert a demo card and wait for `expect`; returns insert → screen in ms."""
        started = time.perf_counter()
        self.reader.insert(card)
        self.settle(self.at(expect), f"{card} → {expect}")
        return (time.perf_counter() - started) * 1000

    def remove(self) -> None:
        self.reader.remove()
        self.settle(self.at("attract"), "card removal")

    def print_statement(self) -> None:
        """Tap the records' print button and wait for the statement to come out."""
        flow = self.kiosk.controller.flow
        self.kiosk.window.records.print_button.click()
        self.settle(lambda: flow.view.statement is not None, "statement printed")

    def enter_pin(self, digits: str) -> None:
        self.kiosk.window.pin.pin_entered.emit(bytearray(digits.encode()))
        self.settle(what="PIN")

    # The flows --------------------------------------------------------------------------------

    def start(self, signal, step: str) -> None:  # type: ignore[no-untyped-def]
        signal.emit()
        self.settle(self.at(step), step)

    def type_instead(self, screen) -> None:  # type: ignore[no-untyped-def]
        """With the demo's ID card reader the screen asks for the ID card first: tap "Type
        the number instead" (the typed shots stay as they were)."""
        if screen.id_panel.isVisible():
            screen.id_panel.button.click()
            self.settle(what="typing instead")

    def identify(self, ssn: str, mobile: str, *, as_agent: bool = False) -> None:
        screen = self.kiosk.window.identify
        self.type_instead(screen)
        screen.id_field.set_text(ssn)
        screen.mobile_field.set_text(mobile)
        screen.agent_toggle.setChecked(as_agent)
        screen.submit()
        self.settle(what="identification")

    def reissue_steps(self, flow: str) -> None:
        """Outlet (chosen) → materials → pickup date → review → confirm → voucher."""
        w, c = self.kiosk.window, self.kiosk.controller
        assert c.business is not None
        w.outlet.chosen.emit(c.business.view.outlets[0].code)
        self.settle(self.at("outlet"))
        self.shot(flow, "outlet-chosen")
        for step in ("materials", "pickup", "review", "confirm"):
            w.business_screens[c.business.view.step].next_clicked.emit()
            self.settle(self.at(step), step)
            self.shot(flow, step)
        self.confirm_and_print(flow)
        receipt = c.business.view.receipt if c.business is not None else None
        assert receipt is not None
        self.new_card_vouchers[flow] = receipt.voucher_number

    def confirm_and_print(self, flow: str, *, shoot: bool = True) -> None:
        c = self.kiosk.controller
        self.kiosk.window.confirm.confirmed.emit()

        def printed() -> bool:
            view = c.business.view if c.business is not None else None
            return (
                view is not None and view.step.value == "receipt" and view.print_outcome is not None
            )

        self.settle(printed, "receipt printed")
        if shoot:
            self.shot(flow, "receipt")

    def receipt_code(self) -> str:
        """The QR code of the voucher on the receipt screen, as a scanner would read it."""
        business = self.kiosk.controller.business
        assert business is not None and business.view.receipt is not None
        return business.view.receipt.qr_payload

    def scan(self, code: str) -> None:
        """Hold a voucher under the terminal's scanner, which types the code and Enter."""
        type_as_scanner(self.kiosk.window, code)
        QApplication.processEvents()

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

    def cancel_loss_report(self, card: str, *, flow: str | None = None) -> None:
        """Flow 6 with `card`; screenshots under `flow` when given."""
        w = self.kiosk.window
        self.insert(card, "problem")
        w.problem.cancel_loss_clicked.emit()
        self.settle(self.at("pin"), "PIN to cancel the loss report")
        self.enter_pin("123456")
        self.settle(self.at("review"), "cancellation review")
        if flow:
            self.shot(flow, "review")
        w.review.next_clicked.emit()
        self.settle(self.at("confirm"), "cancellation confirm")
        if flow:
            self.shot(flow, "confirm")
        self.confirm_and_print(flow or "", shoot=flow is not None)
        self.remove()

    def problem_card(self, card: str, step: str) -> None:
        """Insert `card`, photograph its problem screen as `step`, take it out."""
        ms = self.insert(card, "problem")
        self.shot("problem", step, insert_to_screen=ms)
        self.remove()
