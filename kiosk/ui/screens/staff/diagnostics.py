"""The staff area "diagnostics" (kiosk.flows.staff_diagnostics): the self-test's checks, each
as a row with a coloured verdict pill, what was found and the fix (`staff-diag`), and the
printer's state with its last jobs or files and a test page (`staff-diag-devices`). Texts in
the context "StaffScreen". The checks' findings and the printer's details are the services'
own words (the same as `kiosk diag selftest|printer` print), shown in the language of the
screen: they are kiosk.domain.texts Texts, translated in the context "DiagText"
(kiosk.ui.i18n.translated); values (paths, names, versions) stay as they are."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.domain.business import PrintOutcome
from kiosk.flows.staff_diagnostics import DiagnosticsArea, DiagNotice, DiagPage, DiagView
from kiosk.services.printer_diag import TestPageResult
from kiosk.services.selftest import CheckResult, Verdict
from kiosk.services.staff_diagnostics import SelftestRun
from kiosk.ui.i18n import translated
from kiosk.ui.screens.staff.base import Send, StaffScreen
from kiosk.ui.screens.staff.entry import menu_item
from kiosk.ui.screens.staff.today import size_words, slip_text
from kiosk.ui.theme import SPACING
from kiosk.ui.widgets.buttons import KioskButton
from kiosk.ui.widgets.parts import Card, clear_layout, make_label, scroll_area, set_tone
from kiosk.ui.widgets.parts import Notice as NoticeBox

menu_item(
    "diagnostics",
    "wrench",
    QT_TRANSLATE_NOOP("StaffScreen", "Diagnostics"),
    QT_TRANSLATE_NOOP("StaffScreen", "Self-test, devices, test page"),
)

VERDICT_TONES = {
    Verdict.PASS: "ok",
    Verdict.WARN: "warn",
    Verdict.FAIL: "error",
    Verdict.SKIP: "neutral",
}


def verdict_word(verdict: Verdict) -> str:
    words = {
        Verdict.PASS: QCoreApplication.translate("StaffScreen", "PASS"),
        Verdict.WARN: QCoreApplication.translate("StaffScreen", "WARN"),
        Verdict.FAIL: QCoreApplication.translate("StaffScreen", "FAIL"),
        Verdict.SKIP: QCoreApplication.translate("StaffScreen", "SKIP"),
    }
    return words[verdict]


def notice_text(notice: DiagNotice) -> str:
    texts = {
        DiagNotice.UNAVAILABLE: lambda: QCoreApplication.translate(
            "StaffScreen", "The diagnostics tools are not available on this kiosk."
        ),
        DiagNotice.SELFTEST_FAILED: lambda: QCoreApplication.translate(
            "StaffScreen",
            "The self-test could not run to the end. Try again, or run "
            "kiosk diag selftest from a terminal.",
        ),
        DiagNotice.PRINTER_UNREADABLE: lambda: QCoreApplication.translate(
            "StaffScreen", "The printer's state could not be read. Try again in a moment."
        ),
        DiagNotice.TEST_PAGE_FAILED: lambda: QCoreApplication.translate(
            "StaffScreen", "The test page could not be made. Check the printer, then try again."
        ),
    }
    return texts[notice]()


def verdict_line(run: SelftestRun) -> tuple[str, str]:
    """The run's one-line verdict (with whether it is in the audit log), and its tone."""
    report = run.report
    counts = {v: sum(1 for c in report.checks if c.verdict is v) for v in Verdict}
    if report.verdict is Verdict.FAIL:
        text = QCoreApplication.translate(
            "StaffScreen", "Self-test failed ({n} of {total} checks). The kiosk should not serve."
        ).format(n=counts[Verdict.FAIL], total=len(report.checks))
    elif report.verdict is Verdict.WARN:
        text = QCoreApplication.translate(
            "StaffScreen", "Self-test passed, with warnings ({n} of {total} checks): look at them."
        ).format(n=counts[Verdict.WARN], total=len(report.checks))
    else:
        text = QCoreApplication.translate("StaffScreen", "Self-test passed: {n} checks.").format(
            n=len(report.checks)
        )
    if run.audit_problem is None:
        text += " " + QCoreApplication.translate("StaffScreen", "Recorded in the audit log.")
    else:
        text += " " + QCoreApplication.translate("StaffScreen", "Not recorded in the audit log.")
    return text, VERDICT_TONES[report.verdict]


class SelftestScreen(StaffScreen):
    """Run self-test, then its checks as rows; Devices and test page for the printer."""

    name = DiagPage.SELFTEST.value
    run_clicked = Signal()
    devices_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.verdict = NoticeBox("staffDiagVerdict")
        self.verdict.setVisible(False)
        # One compact line above the rows: body text, thin margins (the rows need the height).
        self.verdict.text.setProperty("role", "body")
        self.verdict.layout().setContentsMargins(SPACING.m, SPACING.s, SPACING.m, SPACING.s)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, SPACING.s, 0)
        column.setSpacing(SPACING.m)
        # Compact rows: a technician should see as many checks at once as the height allows.
        self.checks_card = Card("staffDiagChecks", margins=SPACING.m)
        self.rows = QGridLayout()
        self.rows.setHorizontalSpacing(SPACING.m)
        self.rows.setVerticalSpacing(SPACING.s)
        self.rows.setColumnStretch(1, 1)
        self.checks_card.body.addLayout(self.rows)
        column.addWidget(self.checks_card)
        column.addStretch(1)
        self.scroll = scroll_area(content, "staffDiagScroll")
        self.notice = NoticeBox("staffDiagNotice")
        self.notice.setVisible(False)
        self.run_button = KioskButton("staffDiagRun", kind="primary", icon_name="wrench")
        self.devices_button = KioskButton("staffDiagDevices", kind="secondary", icon_name="printer")
        buttons = QHBoxLayout()
        buttons.setSpacing(SPACING.m)
        buttons.addWidget(self.devices_button, 1)
        buttons.addWidget(self.run_button, 1)
        self.body.addWidget(self.verdict)
        self.body.addWidget(self.scroll, 1)
        self.body.addWidget(self.notice)
        self.body.addLayout(buttons)
        self.run_button.clicked.connect(self.run_clicked)
        self.devices_button.clicked.connect(self.devices_clicked)
        self._view = DiagView()
        self._shown: SelftestRun | None = None
        self.retranslate()

    def show_view(self, view: DiagView) -> None:
        self._view = view
        self.run_button.setEnabled(not view.busy)
        self.devices_button.setEnabled(not view.busy)
        self._fill()

    def _fill(self) -> None:
        view = self._view
        if view.run is not self._shown:
            self._fill_rows(view.run.report.checks if view.run is not None else ())
            self._shown = view.run
        self.checks_card.setVisible(view.run is not None)
        # With results shown, the verdict says what the lead said: the rows get its height.
        self.lead.setVisible(view.run is None and not view.busy)
        if view.busy:
            self.verdict.set_tone("info", "clock")
            self.verdict.set_text(
                QCoreApplication.translate(
                    "StaffScreen", "The self-test is running. It takes a few seconds."
                )
            )
        elif view.run is not None:
            text, tone = verdict_line(view.run)
            self.verdict.set_tone(tone)
            self.verdict.set_text(text)
        self.verdict.setVisible(view.busy or view.run is not None)
        if view.notice is not None:
            self.notice.set_tone("error")
            self.notice.set_text(notice_text(view.notice))
        self.notice.setVisible(view.notice is not None)
        self.run_button.set_text(
            QCoreApplication.translate("StaffScreen", "Run the self-test again")
            if view.run is not None
            else QCoreApplication.translate("StaffScreen", "Run self-test")
        )

    def _fill_rows(self, checks: tuple[CheckResult, ...]) -> None:
        """A row per check: the pill, then its name over what was found and the fix."""
        clear_layout(self.rows)
        for row, check in enumerate(checks):
            pill = make_label(
                "pill",
                object_name=f"staffDiagCheck{row}Verdict",
                wrap=False,
                align=Qt.AlignmentFlag.AlignCenter,
                tone=VERDICT_TONES[check.verdict],
            )
            pill.setText(verdict_word(check.verdict))
            cell = QWidget()
            cell.setObjectName(f"staffDiagCheck{row}")
            layout = QVBoxLayout(cell)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.setSpacing(0)
            name = make_label("body", object_name=f"staffDiagCheck{row}Name")
            name.setTextFormat(Qt.TextFormat.RichText)  # the name in bold; both escaped
            name.setText(
                f"<b>{escape(translated(check.name))}</b> · {escape(translated(check.found))}"
            )
            layout.addWidget(name)
            if check.fix:
                fix = make_label("small", object_name=f"staffDiagCheck{row}Fix")
                fix.setText(
                    QCoreApplication.translate("StaffScreen", "Fix: {fix}").format(
                        fix=translated(check.fix)
                    )
                )
                layout.addWidget(fix)
            self.rows.addWidget(pill, row, 0, Qt.AlignmentFlag.AlignTop)
            self.rows.addWidget(cell, row, 1, Qt.AlignmentFlag.AlignTop)

    def retranslate(self) -> None:
        self.title.setText(QCoreApplication.translate("StaffScreen", "Diagnostics"))
        self.lead.setText(
            QCoreApplication.translate(
                "StaffScreen",
                "The self-test checks the settings, disk, clock, card reader, printer, "
                "database, audit log and keys. Each run is recorded in the audit log.",
            )
        )
        self.devices_button.set_text(
            QCoreApplication.translate("StaffScreen", "Printer and test page")
        )
        self._shown = None  # the pills' words
        self._fill()

    def wipe(self) -> None:
        super().wipe()
        self._view = DiagView()
        self._fill()


def printer_lines(report: dict[str, Any]) -> list[str]:
    """The printer's report as short lines: the queue's facts, then its last jobs or files."""
    lines: list[str] = []
    cups = report.get("cups")
    pdf = report.get("pdf")
    if cups is not None:
        if cups.get("problem"):
            lines.append(translated(cups["problem"]))
        if cups.get("printer_state"):
            lines.append(
                QCoreApplication.translate("StaffScreen", "Queue {queue}: {state}").format(
                    queue=cups["queue"], state=cups["printer_state"]
                )
            )
        for reason in cups.get("reasons") or []:
            lines.append(f"• {reason['words']}")
        if cups.get("message"):
            lines.append(cups["message"])
        for job in cups.get("jobs") or []:
            lines.append(
                QCoreApplication.translate("StaffScreen", "Job {id} {name}: {state}").format(
                    id=job["id"], name=job["name"], state=job["state"]
                )
            )
    if pdf is not None:
        lines.append(
            QCoreApplication.translate("StaffScreen", "Newest PDF files in {folder}:").format(
                folder=pdf["folder"]
            )
        )
        for file in pdf.get("files") or []:
            lines.append(f"• {file['name']} ({size_words(file['bytes'])})")
    return lines


def test_page_words(result: TestPageResult) -> tuple[str, str]:
    """What became of the test page, and the notice's tone."""
    if result.outcome is PrintOutcome.PRINTED:
        text = QCoreApplication.translate(
            "StaffScreen", "The test page was printed. Check it: every line should be sharp."
        )
        tone = "ok"
    else:
        text, tone = slip_text(result.outcome)
        if result.outcome is PrintOutcome.FAILED:
            text = QCoreApplication.translate(
                "StaffScreen", "The test page could not be printed. Check the printer."
            )
    if result.audit_problem is None:
        text += " " + QCoreApplication.translate("StaffScreen", "Recorded in the audit log.")
    else:
        text += " " + QCoreApplication.translate("StaffScreen", "Not recorded in the audit log.")
    return text, tone


class DevicesScreen(StaffScreen):
    """The printer: its state, reasons, last jobs or files; Print a test page."""

    name = DiagPage.DEVICES.value
    test_page_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, SPACING.s, 0)
        column.setSpacing(SPACING.m)
        self.printer_card = Card("staffDiagPrinter", margins=SPACING.l)
        self.printer_heading = make_label("heading", object_name="staffDiagPrinterHeading")
        self.printer_state = make_label("body", object_name="staffDiagPrinterState")
        self.printer_lines = make_label("small", object_name="staffDiagPrinterLines")
        self.printer_lines.setTextFormat(Qt.TextFormat.PlainText)
        self.printer_card.body.addWidget(self.printer_heading)
        self.printer_card.body.addWidget(self.printer_state)
        self.printer_card.body.addWidget(self.printer_lines)
        column.addWidget(self.printer_card)
        column.addStretch(1)
        self.scroll = scroll_area(content, "staffDiagDevicesScroll")
        self.notice = NoticeBox("staffDiagDevicesNotice")
        self.notice.setVisible(False)
        self.test_page_button = KioskButton(
            "staffDiagTestPage", kind="primary", icon_name="printer"
        )
        self.body.addWidget(self.scroll, 1)
        self.body.addWidget(self.notice)
        self.body.addWidget(self.test_page_button)
        self.test_page_button.clicked.connect(self.test_page_clicked)
        self._view = DiagView(page=DiagPage.DEVICES)
        self.retranslate()

    def show_view(self, view: DiagView) -> None:
        self._view = view
        self.test_page_button.setEnabled(not view.busy and view.printer is not None)
        self._fill()

    def _fill(self) -> None:
        view, report = self._view, self._view.printer
        self.printer_card.setVisible(report is not None)
        if report is None:
            for label in (self.printer_state, self.printer_lines):
                label.clear()
        else:
            state = translated(report["detail"]) or report["state"]
            set_tone(self.printer_state, "ok" if report["ready"] else "error")
            self.printer_state.setText(
                QCoreApplication.translate("StaffScreen", "Ready: {state}").format(state=state)
                if report["ready"]
                else QCoreApplication.translate("StaffScreen", "Not ready: {state}").format(
                    state=state
                )
            )
            lines = printer_lines(report)
            self.printer_lines.setText("\n".join(lines))
            self.printer_lines.setVisible(bool(lines))
        if view.notice is not None:
            self.notice.set_tone("error")
            self.notice.set_text(notice_text(view.notice))
        elif view.test_page is not None:
            text, tone = test_page_words(view.test_page)
            self.notice.set_tone(tone)
            self.notice.set_text(text)
        else:
            self.notice.set_text("")
        self.notice.setVisible(view.notice is not None or view.test_page is not None)

    def retranslate(self) -> None:
        self.title.setText(QCoreApplication.translate("StaffScreen", "Printer and test page"))
        self.lead.setText(
            QCoreApplication.translate(
                "StaffScreen",
                "The voucher printer as the kiosk sees it now. A test page is recorded in "
                "the audit log.",
            )
        )
        self.test_page_button.set_text(
            QCoreApplication.translate("StaffScreen", "Print a test page")
        )
        self.printer_heading.setText(QCoreApplication.translate("StaffScreen", "Voucher printer"))
        self._fill()

    def wipe(self) -> None:
        super().wipe()
        self._view = DiagView(page=DiagPage.DEVICES)
        self._fill()


def make() -> list[StaffScreen]:
    return [SelftestScreen(), DevicesScreen()]


def connect(screens: dict[str, StaffScreen], send: Send) -> None:
    selftest = screens[DiagPage.SELFTEST.value]
    devices = screens[DiagPage.DEVICES.value]
    assert isinstance(selftest, SelftestScreen) and isinstance(devices, DevicesScreen)
    selftest.run_clicked.connect(lambda: send(DiagnosticsArea, lambda a: a.run_selftest()))
    selftest.devices_clicked.connect(lambda: send(DiagnosticsArea, lambda a: a.devices()))
    devices.test_page_clicked.connect(lambda: send(DiagnosticsArea, lambda a: a.print_test_page()))
