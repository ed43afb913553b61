"""The staff area "system" (kiosk.flows.staff_system): `staff-system`, the System report
(kiosk.services.system_report): versions, this machine (disk free for the data folder, the
clock and time zone, uptime, memory) and the log's last lines in a monospace box that scrolls
on its own; a warning when the clock would misdate vouchers; "Check again". Texts in the
context "StaffScreen"."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QPlainTextEdit, QScroller, QVBoxLayout, QWidget

from kiosk.flows.staff_system import SystemArea, SystemView
from kiosk.services.system_report import LOG_TAIL_LINES, ClockState, SystemReport
from kiosk.ui.i18n import format_moment
from kiosk.ui.screens.staff.base import Send, StaffScreen
from kiosk.ui.screens.staff.database import (
    duration_text,
    fill_columns,
    fill_pairs,
    report_notice_text,
)
from kiosk.ui.screens.staff.entry import menu_item
from kiosk.ui.screens.staff.today import size_words
from kiosk.ui.theme import SPACING
from kiosk.ui.widgets.buttons import KioskButton
from kiosk.ui.widgets.parts import Card, clear_layout, make_label, scroll_area
from kiosk.ui.widgets.parts import Notice as NoticeBox

menu_item(
    "system",
    "info",
    QT_TRANSLATE_NOOP("StaffScreen", "System"),
    QT_TRANSLATE_NOOP("StaffScreen", "Versions, disk, clock, memory, log"),
)

LOG_BOX_LINES = 9  # lines the log box shows at once; it scrolls for the rest

VERSION_NAMES = {
    "kiosk": QT_TRANSLATE_NOOP("StaffScreen", "Kiosk software"),
    "python": "Python",
    "qt": "Qt",
    "pyside6": "PySide6",
    "pyscard": "pyscard",
    "pcsc_lite": "pcsc-lite",
    "cups": "CUPS",
    "sqlite": "SQLite",
    "postgresql": QT_TRANSLATE_NOOP("StaffScreen", "PostgreSQL server"),
}


def clock_warning(state: ClockState) -> str:
    """The clock's problem in one sentence with the fix."""
    texts = {
        ClockState.BEFORE_BUILD: lambda: QCoreApplication.translate(
            "StaffScreen",
            "The clock is behind: it is before this software was made. Vouchers printed now "
            "would carry a wrong date. Set the clock or turn on network time (NTP).",
        ),
        ClockState.FAR_AHEAD: lambda: QCoreApplication.translate(
            "StaffScreen",
            "The clock is far ahead. Vouchers printed now would carry a wrong date. Set the "
            "clock or turn on network time (NTP).",
        ),
        ClockState.WENT_BACK: lambda: QCoreApplication.translate(
            "StaffScreen",
            "The clock went back: it is behind the newest audit entry. Vouchers printed now "
            "would carry a wrong date. Set the clock or turn on network time (NTP).",
        ),
    }
    return texts[state]()


def version_rows(report: SystemReport) -> list[tuple[str, str]]:
    return [
        (
            QCoreApplication.translate("StaffScreen", VERSION_NAMES.get(key, key)),
            value or QCoreApplication.translate("StaffScreen", "not found"),
        )
        for key, value in report.versions
    ]


def machine_rows(report: SystemReport) -> list[tuple[str, str]]:
    unknown = QCoreApplication.translate("StaffScreen", "not known")
    if report.disk_free_bytes is not None and report.disk_total_bytes is not None:
        disk = QCoreApplication.translate(
            "StaffScreen", "{free} free of {total} · {folder}"
        ).format(
            free=size_words(report.disk_free_bytes),
            total=size_words(report.disk_total_bytes),
            folder=report.data_dir,
        )
    else:
        disk = unknown
    clock = report.clock
    offset = clock.get("utc_offset_minutes")
    zone = clock.get("zone") or clock.get("zone_abbreviation") or unknown
    if offset is not None:
        sign = "+" if offset >= 0 else "-"
        zone += f" (UTC{sign}{abs(offset) // 60:02d}:{abs(offset) % 60:02d})"
    if report.memory_available_bytes is not None and report.memory_total_bytes is not None:
        memory = QCoreApplication.translate("StaffScreen", "{free} available of {total}").format(
            free=size_words(report.memory_available_bytes),
            total=size_words(report.memory_total_bytes),
        )
    else:
        memory = unknown
    return [
        (QCoreApplication.translate("StaffScreen", "Disk (data folder)"), disk),
        (
            QCoreApplication.translate("StaffScreen", "Clock (China time)"),
            f"{format_moment(report.checked_at)} · UTC {report.checked_at:%H:%M}",
        ),
        (QCoreApplication.translate("StaffScreen", "Time zone"), zone),
        (
            QCoreApplication.translate("StaffScreen", "Uptime"),
            QCoreApplication.translate("StaffScreen", "system {system}, kiosk {kiosk}").format(
                system=duration_text(report.system_uptime_s),
                kiosk=duration_text(report.kiosk_uptime_s),
            ),
        ),
        (QCoreApplication.translate("StaffScreen", "Memory"), memory),
    ]


class SystemScreen(StaffScreen):
    """The System report, and Check again."""

    name = "staff-system"
    again_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notice = NoticeBox("staffSystemNotice")
        self.notice.setVisible(False)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, SPACING.s, 0)
        column.setSpacing(SPACING.m)
        self.machine_card = Card("staffSystemMachine", margins=SPACING.l)
        self.machine_heading = make_label("heading", object_name="staffSystemMachineHeading")
        self.machine = QGridLayout()
        self.machine.setHorizontalSpacing(SPACING.l)
        self.machine.setVerticalSpacing(SPACING.s)
        self.machine_card.body.addWidget(self.machine_heading)
        self.machine_card.body.addLayout(self.machine)
        self.versions_card = Card("staffSystemVersions", margins=SPACING.l)
        self.versions_heading = make_label("heading", object_name="staffSystemVersionsHeading")
        self.versions = QGridLayout()
        self.versions.setHorizontalSpacing(SPACING.l)
        self.versions.setVerticalSpacing(SPACING.s)
        self.versions_card.body.addWidget(self.versions_heading)
        self.versions_card.body.addLayout(self.versions)
        self.log_card = Card("staffSystemLogCard", margins=SPACING.l)
        self.log_heading = make_label("heading", object_name="staffSystemLogHeading")
        self.log_path = make_label("small", object_name="staffSystemLogPath")
        self.log = QPlainTextEdit()
        self.log.setObjectName("staffSystemLog")
        self.log.setProperty("role", "logTail")
        self.log.setReadOnly(True)
        self.log.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.log.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.log.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(self.log.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        self.log_card.body.addWidget(self.log_heading)
        self.log_card.body.addWidget(self.log_path)
        self.log_card.body.addWidget(self.log)
        for card in (self.machine_card, self.log_card, self.versions_card):
            column.addWidget(card)
        column.addStretch(1)
        self.scroll = scroll_area(content, "staffSystemScroll")
        self.again_button = KioskButton("staffSystemAgain", kind="primary", icon_name="info")
        self.body.addWidget(self.notice)
        self.body.addWidget(self.scroll, 1)
        self.body.addWidget(self.again_button)
        self.again_button.clicked.connect(self.again_clicked)
        self._view = SystemView()
        self._shown: SystemReport | None = None
        self.retranslate()

    def show_view(self, view: SystemView) -> None:
        self._view = view
        self.again_button.setEnabled(not view.busy)
        self._fill()

    def _fill(self) -> None:
        view, report = self._view, self._view.report
        if report is not self._shown:
            self._fill_report(report)
            self._shown = report
        if view.busy:
            self.notice.set_tone("info", "clock")
            self.notice.set_text(
                QCoreApplication.translate("StaffScreen", "Reading the system. It takes a moment.")
            )
        elif view.notice is not None:
            self.notice.set_tone("error")
            self.notice.set_text(report_notice_text(view.notice))
        elif report is not None and report.clock_state.misdates:
            self.notice.set_tone("warn", "clock")
            self.notice.set_text(clock_warning(report.clock_state))
        show = view.busy or view.notice is not None
        self.notice.setVisible(show or (report is not None and report.clock_state.misdates))

    def _fill_report(self, report: SystemReport | None) -> None:
        for card in (self.machine_card, self.versions_card, self.log_card):
            card.setVisible(report is not None)
        if report is None:
            clear_layout(self.machine)
            clear_layout(self.versions)
            self.log.clear()
            return
        fill_pairs(self.machine, "staffSystemFact", machine_rows(report))
        fill_columns(self.versions, "staffSystemVersion", version_rows(report), 2)
        self.log_path.setText(report.log_path)
        if report.log_lines:
            self.log.setPlainText("\n".join(report.log_lines))
            self.log.verticalScrollBar().setValue(self.log.verticalScrollBar().maximum())
        else:
            self.log.setPlainText(
                QCoreApplication.translate("StaffScreen", "The log has no lines yet.")
            )
        self._size_log()

    def _size_log(self) -> None:
        """Tall enough for a few lines at the current text size, and never taller than the
        page's visible part under the card's heading (large text on 1280x800): the box
        scrolls for the rest."""
        self.log.ensurePolished()
        line = QFontMetrics(self.log.font()).lineSpacing()
        padding = 2 * SPACING.m + 4
        wanted = line * LOG_BOX_LINES + padding
        visible = self.scroll.viewport().height()
        if visible > 0:
            above = self.log_heading.sizeHint().height() + self.log_path.sizeHint().height()
            room = visible - above - 4 * SPACING.l
            wanted = max(line * 3 + padding, min(wanted, room))
        self.log.setFixedHeight(wanted)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._size_log()

    def retranslate(self) -> None:
        self.title.setText(QCoreApplication.translate("StaffScreen", "System"))
        self.lead.setText(
            QCoreApplication.translate(
                "StaffScreen",
                "This kiosk's machine: disk, clock, uptime, memory, the software's versions "
                "and the log's last lines.",
            )
        )
        self.machine_heading.setText(QCoreApplication.translate("StaffScreen", "This machine"))
        self.versions_heading.setText(QCoreApplication.translate("StaffScreen", "Versions"))
        self.log_heading.setText(
            QCoreApplication.translate("StaffScreen", "Log, last {n} lines").format(
                n=LOG_TAIL_LINES
            )
        )
        self.again_button.set_text(QCoreApplication.translate("StaffScreen", "Check again"))
        self._shown = None
        self._fill()

    def wipe(self) -> None:
        super().wipe()
        self._view = SystemView()
        self._fill()


def make() -> list[StaffScreen]:
    return [SystemScreen()]


def connect(screens: dict[str, StaffScreen], send: Send) -> None:
    screen = screens[SystemScreen.name]
    assert isinstance(screen, SystemScreen)
    screen.again_clicked.connect(lambda: send(SystemArea, lambda a: a.check_again()))
