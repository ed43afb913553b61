"""The staff area "readers" (kiosk.flows.staff_readers): the card readers, live
(`staff-readers`). First the service the readers stand on (pcscd running or not and its
version, or the demo's simulated reader) and which reader the kiosk uses; then one row per
reader: its device state as a coloured pill in words (the CEN/XFS vocabulary of
kiosk.domain.devices), its name, the card in it, the driver, when it last changed, and its
problem (or its last one) in plain words. Texts in the context "StaffScreen".

Under them, the resident ID card reader's own row, when the kiosk has one
(readers_idcard.py). The page has no button: it follows readers and cards, and ID cards laid
on and taken away, by itself while open (the staff controller hands the area the kiosk's
reader events and the ID card reader's notices)."""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from kiosk.domain.calendar import CHINA_TZ
from kiosk.domain.devices import DeviceState, DeviceStatus, MediaState
from kiosk.flows.staff_readers import ReadersNotice, ReadersView
from kiosk.services.reader_diag import ReaderRow, ReadersReport, ServiceKind
from kiosk.ui.screens.staff.base import Send, StaffScreen
from kiosk.ui.screens.staff.entry import menu_item
from kiosk.ui.theme import SPACING
from kiosk.ui.widgets.parts import Card, clear_layout, make_label, scroll_area
from kiosk.ui.widgets.parts import Notice as NoticeBox

menu_item(
    "readers",
    "reader",
    QT_TRANSLATE_NOOP("StaffScreen", "Card readers"),
    QT_TRANSLATE_NOOP("StaffScreen", "State, driver, pcscd, live"),
)

STATE_TONES = {
    DeviceState.ONLINE: "ok",
    DeviceState.BUSY: "warn",
    DeviceState.USER_ERROR: "warn",
    DeviceState.OFFLINE: "error",
    DeviceState.POWER_OFF: "error",
    DeviceState.NO_DEVICE: "error",
    DeviceState.HARDWARE_ERROR: "error",
}


def state_word(state: DeviceState) -> str:
    """A device state in words (XFS's device states), as every diagnostics page says it."""
    words = {
        DeviceState.ONLINE: lambda: QCoreApplication.translate("StaffScreen", "Online"),
        DeviceState.OFFLINE: lambda: QCoreApplication.translate("StaffScreen", "Offline"),
        DeviceState.POWER_OFF: lambda: QCoreApplication.translate("StaffScreen", "Power off"),
        DeviceState.NO_DEVICE: lambda: QCoreApplication.translate("StaffScreen", "No device"),
        DeviceState.HARDWARE_ERROR: lambda: QCoreApplication.translate(
            "StaffScreen", "Hardware error"
        ),
        DeviceState.USER_ERROR: lambda: QCoreApplication.translate("StaffScreen", "User error"),
        DeviceState.BUSY: lambda: QCoreApplication.translate("StaffScreen", "Busy"),
    }
    return words[state]()


def media_word(media: MediaState) -> str:
    """What is in a card reader."""
    words = {
        MediaState.CARD_PRESENT: lambda: QCoreApplication.translate("StaffScreen", "Card in"),
        MediaState.CARD_ABSENT: lambda: QCoreApplication.translate("StaffScreen", "No card"),
        MediaState.CARD_JAMMED: lambda: QCoreApplication.translate("StaffScreen", "Card jammed"),
    }
    found = words.get(media)
    return found() if found is not None else QCoreApplication.translate("StaffScreen", "Card: ?")


def problem_words(status: DeviceStatus) -> str:
    """What is wrong with a reader, and what to do, from its state."""
    if status.state is DeviceState.NO_DEVICE:
        return QCoreApplication.translate(
            "StaffScreen", "Not connected: check the reader's USB cable."
        )
    if status.state is DeviceState.OFFLINE:
        return QCoreApplication.translate(
            "StaffScreen", "pcscd does not answer: start it (systemctl start pcscd)."
        )
    if status.state is DeviceState.USER_ERROR:
        return QCoreApplication.translate(
            "StaffScreen", "The card does not answer: inserted the wrong way round, or damaged."
        )
    if status.state is DeviceState.BUSY:
        return QCoreApplication.translate(
            "StaffScreen", "Another program holds the card (a second kiosk running?)."
        )
    if status.media is MediaState.CARD_JAMMED:
        return QCoreApplication.translate("StaffScreen", "The card is jammed: take it out.")
    return QCoreApplication.translate("StaffScreen", "The reader reports an error.")


def clock_time(at: dt.datetime) -> str:
    """14:05:09, in the kiosk's (China's) time: readers change by the second."""
    return f"{at.astimezone(CHINA_TZ):%H:%M:%S}"


def service_words(report: ReadersReport) -> tuple[str, str]:
    """The line about the service behind the readers, and its tone."""
    service = report.service
    if service.kind is ServiceKind.SIMULATED:
        return (
            QCoreApplication.translate(
                "StaffScreen",
                "This is the demo's simulated card reader, inside the kiosk program: "
                "no pcscd is involved.",
            ),
            "info",
        )
    version = service.version or QCoreApplication.translate("StaffScreen", "unknown")
    if service.running:
        text = QCoreApplication.translate(
            "StaffScreen", "Smart card service (pcscd): running. Version: {version}."
        )
        return text.format(version=version), "ok"
    text = QCoreApplication.translate(
        "StaffScreen",
        "Smart card service (pcscd): not running. Start it: systemctl start pcscd. "
        "Version: {version}.",
    )
    return text.format(version=version), "error"


def uses_words(report: ReadersReport) -> str:
    if report.wanted:
        return QCoreApplication.translate(
            "StaffScreen", "The kiosk uses the reader {name} (reader_name in the settings)."
        ).format(name=report.wanted)
    return QCoreApplication.translate(
        "StaffScreen", "The kiosk takes a card from any reader (no reader_name in the settings)."
    )


def row_facts(row: ReaderRow) -> str:
    """The line under a reader's name: its card, driver and last change."""
    status = row.status
    parts = []
    if status.state is not DeviceState.NO_DEVICE and status.state is not DeviceState.OFFLINE:
        parts.append(media_word(status.media))
    if row.driver:
        parts.append(
            QCoreApplication.translate("StaffScreen", "Driver: {driver}").format(driver=row.driver)
        )
    if status.since is not None:
        parts.append(
            QCoreApplication.translate("StaffScreen", "Changed at {time}").format(
                time=clock_time(status.since)
            )
        )
    else:
        parts.append(QCoreApplication.translate("StaffScreen", "No change since this page opened"))
    return " · ".join(parts)


def row_problem(row: ReaderRow) -> tuple[str, str] | None:
    """The reader's problem now, or its last one, and the tone; None: it had none."""
    if not row.status.usable:
        return QCoreApplication.translate("StaffScreen", "Problem: {problem}").format(
            problem=problem_words(row.status)
        ), STATE_TONES[row.status.state]
    if row.last_problem is not None:
        if row.problem_ended is not None:
            text = QCoreApplication.translate(
                "StaffScreen", "Last problem, until {time}: {problem}"
            ).format(time=clock_time(row.problem_ended), problem=problem_words(row.last_problem))
        else:
            text = QCoreApplication.translate("StaffScreen", "Last problem: {problem}").format(
                problem=problem_words(row.last_problem)
            )
        return text, ""
    return None


def notice_text(notice: ReadersNotice) -> str:
    if notice is ReadersNotice.UNAVAILABLE:
        return QCoreApplication.translate(
            "StaffScreen", "This kiosk has no card reader to look at."
        )
    return QCoreApplication.translate(
        "StaffScreen",
        "The card readers could not be read. Try again in a moment, or run "
        "kiosk diag readers from a terminal.",
    )


class ReadersScreen(StaffScreen):
    """The service's line, then a row per reader; updated by the area at each reader event."""

    name = "staff-readers"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = NoticeBox("staffReadersService")
        self.service.setVisible(False)
        self.uses = make_label("small", object_name="staffReadersUses")
        self.uses.setVisible(False)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, SPACING.s, 0)
        column.setSpacing(SPACING.m)
        self.rows_card = Card("staffReadersRows", margins=SPACING.l)
        self.rows = QGridLayout()
        self.rows.setHorizontalSpacing(SPACING.l)
        self.rows.setVerticalSpacing(SPACING.m)
        self.rows.setColumnStretch(1, 1)
        self.rows_card.body.addLayout(self.rows)
        self.empty = make_label("body", object_name="staffReadersEmpty")
        self.rows_card.body.addWidget(self.empty)
        column.addWidget(self.rows_card)
        from kiosk.ui.screens.staff.readers_idcard import IdReaderPanel  # it uses our words

        self.id_reader = IdReaderPanel()
        self.id_reader.setVisible(False)
        column.addWidget(self.id_reader)
        column.addStretch(1)
        self.scroll = scroll_area(content, "staffReadersScroll")
        self.notice = NoticeBox("staffReadersNotice")
        self.notice.setVisible(False)
        self.body.addWidget(self.service)
        self.body.addWidget(self.uses)
        self.body.addWidget(self.scroll, 1)
        self.body.addWidget(self.notice)
        self._view = ReadersView()
        self._shown: ReadersReport | None = None
        self.retranslate()

    def show_view(self, view: ReadersView) -> None:
        self._view = view
        self._fill()

    def _fill(self) -> None:
        view, report = self._view, self._view.report
        if report is not self._shown:
            self._fill_rows(report.rows if report is not None else ())
            self.id_reader.show_row(report.id_reader if report is not None else None)
            self._shown = report
        self.rows_card.setVisible(report is not None)
        self.empty.setVisible(report is not None and not report.rows)
        if report is not None:
            text, tone = service_words(report)
            self.service.set_tone(tone)
            self.service.set_text(text)
            self.uses.setText(uses_words(report))
        self.service.setVisible(report is not None)
        self.uses.setVisible(report is not None)
        if view.notice is not None:
            self.notice.set_tone("error")
            self.notice.set_text(notice_text(view.notice))
        elif view.busy and report is None:
            self.notice.set_tone("info", "clock")
            self.notice.set_text(
                QCoreApplication.translate("StaffScreen", "Looking at the card readers…")
            )
        self.notice.setVisible(view.notice is not None or (view.busy and report is None))

    def _fill_rows(self, rows: tuple[ReaderRow, ...]) -> None:
        """A row per reader: the state's pill, then its name over its facts and problem."""
        clear_layout(self.rows)
        for index, row in enumerate(rows):
            pill = make_label(
                "pill",
                object_name=f"staffReader{index}State",
                wrap=False,
                align=Qt.AlignmentFlag.AlignCenter,
                tone=STATE_TONES[row.status.state],
            )
            pill.setText(state_word(row.status.state))
            cell = QWidget()
            cell.setObjectName(f"staffReader{index}")
            layout = QVBoxLayout(cell)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.setSpacing(0)
            name = make_label("body", object_name=f"staffReader{index}Name")
            name.setTextFormat(Qt.TextFormat.RichText)  # the name in bold, escaped
            title = f"<b>{escape(row.name)}</b>"
            if row.kiosk_uses:
                title += " · " + escape(
                    QCoreApplication.translate("StaffScreen", "used by the kiosk")
                )
            name.setText(title)
            layout.addWidget(name)
            facts = make_label("small", object_name=f"staffReader{index}Facts")
            facts.setText(row_facts(row))
            layout.addWidget(facts)
            problem = row_problem(row)
            if problem is not None:
                text, tone = problem
                line = make_label("small", object_name=f"staffReader{index}Problem", tone=tone)
                line.setText(text)
                layout.addWidget(line)
            self.rows.addWidget(pill, index, 0, Qt.AlignmentFlag.AlignTop)
            self.rows.addWidget(cell, index, 1, Qt.AlignmentFlag.AlignTop)

    def retranslate(self) -> None:
        self.title.setText(QCoreApplication.translate("StaffScreen", "Card readers"))
        self.lead.setText(
            QCoreApplication.translate(
                "StaffScreen",
                "Each card reader as the kiosk sees it. The page follows readers and cards "
                "as they come and go.",
            )
        )
        self.empty.setText(
            QCoreApplication.translate(
                "StaffScreen", "No card reader is connected. Check the reader's USB cable."
            )
        )
        self._shown = None  # the rows' words
        self._fill()

    def wipe(self) -> None:
        super().wipe()
        self._view = ReadersView()
        self._fill()


def make() -> list[StaffScreen]:
    return [ReadersScreen()]


def connect(screens: dict[str, StaffScreen], send: Send) -> None:
    """Nothing to connect: the page has no button (the staff controller feeds reader events)."""
