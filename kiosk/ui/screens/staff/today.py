"""The staff area "today" (kiosk.flows.staff_today): the day's totals and transactions with the
queue waiting for the central back end and the day-end slip (`staff-today`), and the choice of
where to export the day as CSV (`staff-export`). Texts in the context "StaffScreen"; kinds of
business in the shared vocabulary's words (the slip and the CSV print the same)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.domain import vocabulary
from kiosk.domain.business import PrintOutcome
from kiosk.domain.calendar import CHINA_TZ
from kiosk.domain.day_report import (
    KIND_TERMS,
    LINE_TERMS,
    OUTCOME_TERMS,
    PRINTED_TERM,
    REPRINTED_TERM,
    DayKind,
    DayLine,
    OutboxQueue,
)
from kiosk.domain.journal import Outcome
from kiosk.flows.staff_today import TodayArea, TodayNotice, TodayPage, TodayView
from kiosk.services.day_report import CsvExport
from kiosk.services.export_places import ExportPlace, ExportProblem, PlaceKind
from kiosk.ui.i18n import format_date, format_moment, format_yuan, words
from kiosk.ui.screens.staff.base import Send, StaffScreen
from kiosk.ui.screens.staff.entry import menu_item
from kiosk.ui.screens.staff.places import PlacePicker, problem_text
from kiosk.ui.screens.staff.places import place_words as place_words  # for other screens
from kiosk.ui.screens.staff.places import size_words as size_words
from kiosk.ui.theme import SPACING
from kiosk.ui.widgets.buttons import KioskButton
from kiosk.ui.widgets.parts import Card, clear_layout, make_label, scroll_area
from kiosk.ui.widgets.parts import Notice as NoticeBox

# The menu's words: marked for lupdate here, translated when the menu shows them.
menu_item(
    "today",
    "clock",
    QT_TRANSLATE_NOOP("StaffScreen", "Today"),
    QT_TRANSLATE_NOOP("StaffScreen", "Totals, CSV export, day-end slip"),
)


def notice_text(notice: TodayNotice | None) -> str:
    texts = {
        TodayNotice.DATABASE: lambda: QCoreApplication.translate(
            "StaffScreen", "The kiosk's database did not answer. Please try again in a moment."
        ),
        TodayNotice.EXPORT_GONE: lambda: problem_text(ExportProblem.GONE),
        TodayNotice.EXPORT_READ_ONLY: lambda: problem_text(ExportProblem.READ_ONLY),
        TodayNotice.EXPORT_FULL: lambda: problem_text(ExportProblem.FULL),
        TodayNotice.EXPORT_FAILED: lambda: QCoreApplication.translate(
            "StaffScreen",
            "The file could not be written there. Nothing was written. Try another place.",
        ),
        TodayNotice.EXPORT_NOT_RECORDED: lambda: QCoreApplication.translate(
            "StaffScreen",
            "The export could not be recorded in the audit log, so nothing was left there. "
            "Check the database (diagnostics), then try again.",
        ),
    }
    return texts[notice]() if notice is not None else ""


def slip_text(outcome: PrintOutcome) -> tuple[str, str]:
    """What became of the day-end slip, and the notice's tone."""
    if outcome is PrintOutcome.PRINTED:
        return QCoreApplication.translate(
            "StaffScreen", "The day-end slip was printed. Sign it and file it."
        ), "ok"
    if outcome is PrintOutcome.OUT_OF_PAPER:
        return QCoreApplication.translate(
            "StaffScreen", "The printer is out of paper. Load a new roll, then print again."
        ), "warn"
    if outcome is PrintOutcome.PRINTER_OFFLINE:
        return QCoreApplication.translate(
            "StaffScreen", "The printer is not answering. Check it is on and connected."
        ), "warn"
    return QCoreApplication.translate(
        "StaffScreen", "The day-end slip could not be printed. Check the printer, then try again."
    ), "error"


def day_words(day: dt.date, today: dt.date | None) -> str:
    if day == today:
        return QCoreApplication.translate("StaffScreen", "{date} (today)").format(
            date=format_date(day)
        )
    return format_date(day)


def queue_words(queue: OutboxQueue, today: dt.date | None) -> str:
    """ "N waiting (oldest 09:12)": the oldest's time today, its date and time before."""
    if queue.waiting == 0 or queue.oldest is None:
        return QCoreApplication.translate(
            "StaffScreen", "Waiting to be sent to the central back end: none."
        )
    local = queue.oldest.astimezone(CHINA_TZ)
    oldest = f"{local:%H:%M}" if local.date() == today else format_moment(queue.oldest)
    return QCoreApplication.translate(
        "StaffScreen", "Waiting to be sent to the central back end: {n} (oldest {time})."
    ).format(n=queue.waiting, time=oldest)


def line_details(line: DayLine) -> str:
    """The line's particulars in a few words: a new card's reason and pickup date, a
    reimbursement's amount, an agent."""
    parts: list[str] = []
    if line.kind in (DayKind.REISSUE, DayKind.REPLACEMENT):
        reasons = {r.value: term for r, term in vocabulary.REISSUE_REASONS.items()}
        if line.detail in reasons:
            parts.append(words(reasons[line.detail]))
        if line.pickup_date is not None:
            parts.append(
                QCoreApplication.translate("StaffScreen", "pickup {date}").format(
                    date=format_date(line.pickup_date)
                )
            )
    elif line.kind is DayKind.REIMBURSEMENT and line.detail:
        yuan, _, fen = line.detail.partition(".")
        parts.append(format_yuan(int(yuan) * 100 + int(fen or 0)))
    if line.agent:
        parts.append(QCoreApplication.translate("StaffScreen", "by an agent"))
    return " · ".join(parts)


class _Tile(QFrame):
    """One total: the count, then what it counts."""

    def __init__(self, object_name: str) -> None:
        super().__init__()
        self.setObjectName(object_name)
        self.setProperty("role", "staffTile")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING.s)
        self.count = make_label("heading", object_name=f"{object_name}Count", wrap=False)
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.caption = make_label("body", object_name=f"{object_name}Caption")
        layout.addWidget(self.count, 0)
        layout.addWidget(self.caption, 1)

    def set_count(self, count: int, caption: str) -> None:
        self.count.setText(str(count))
        self.caption.setText(caption)


class TodayScreen(StaffScreen):
    """The day on screen: earlier / later, totals, the queue, the transactions; export and the
    day-end slip at the bottom."""

    name = TodayPage.DAY.value
    earlier_clicked = Signal()
    later_clicked = Signal()
    export_clicked = Signal()
    slip_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The day is the page's title, between the steppers: the room below is the list's.
        self.title.setVisible(False)
        self.lead.setVisible(False)
        self.day_label = make_label("title", object_name="staffTodayDay")
        self.earlier_button = KioskButton(
            "staffTodayEarlier", kind="secondary", icon_name="chevron-left"
        )
        self.later_button = KioskButton(
            "staffTodayLater", kind="secondary", icon_name="chevron-right"
        )
        self.later_button.setLayoutDirection(Qt.LayoutDirection.RightToLeft)  # icon after
        days = QHBoxLayout()
        days.setSpacing(SPACING.m)
        days.addWidget(self.day_label, 1)
        days.addWidget(self.earlier_button, 0)
        days.addWidget(self.later_button, 0)

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, SPACING.s, 0)
        column.setSpacing(SPACING.m)
        self.totals = Card("staffTodayTotals", margins=SPACING.l)
        self.totals_heading = make_label("heading", object_name="staffTodayTotalsHeading")
        self.totals.body.addWidget(self.totals_heading)
        grid = QGridLayout()
        grid.setSpacing(SPACING.s)
        self.tiles: dict[str, _Tile] = {}
        kinds = [kind.value for kind in KIND_TERMS]
        keys = ["total", *kinds, "printed", "reprinted", "refused", "failed"]
        for i, key in enumerate(keys):
            tile = _Tile(f"staffTodayTile_{key}")
            self.tiles[key] = tile
            grid.addWidget(tile, i // 3, i % 3)
        for c in range(3):
            grid.setColumnStretch(c, 1)
        self.totals.body.addLayout(grid)
        self.queue = NoticeBox("staffTodayQueue")
        self.lines_card = Card("staffTodayLines", margins=SPACING.l)
        self.lines_heading = make_label("heading", object_name="staffTodayLinesHeading")
        self.lines_card.body.addWidget(self.lines_heading)
        self.lines_grid = QGridLayout()
        self.lines_grid.setHorizontalSpacing(SPACING.l)
        self.lines_grid.setVerticalSpacing(SPACING.m)
        self.lines_card.body.addLayout(self.lines_grid)
        self.no_lines = make_label("muted", object_name="staffTodayNoLines")
        self.lines_card.body.addWidget(self.no_lines)
        column.addWidget(self.totals)
        column.addWidget(self.queue)
        column.addWidget(self.lines_card)
        column.addStretch(1)
        self.scroll = scroll_area(content, "staffTodayScroll")

        self.notice = NoticeBox("staffTodayNotice")
        self.notice.setVisible(False)
        self.export_button = KioskButton("staffTodayExport", kind="secondary", icon_name="usb")
        self.slip_button = KioskButton("staffTodaySlip", kind="primary", icon_name="printer")
        buttons = QHBoxLayout()
        buttons.setSpacing(SPACING.m)
        buttons.addWidget(self.export_button, 1)
        buttons.addWidget(self.slip_button, 1)

        self.body.addLayout(days)
        self.body.addWidget(self.scroll, 1)
        self.body.addWidget(self.notice)
        self.body.addLayout(buttons)
        self.earlier_button.clicked.connect(self.earlier_clicked)
        self.later_button.clicked.connect(self.later_clicked)
        self.export_button.clicked.connect(self.export_clicked)
        self.slip_button.clicked.connect(self.slip_clicked)
        self._view = TodayView()
        self.retranslate()

    def show_view(self, view: TodayView) -> None:
        self._view = view
        report = view.report
        self.earlier_button.setEnabled(not view.busy and report is not None)
        self.later_button.setEnabled(not view.busy and view.can_go_later)
        self.export_button.setEnabled(not view.busy and report is not None)
        self.slip_button.setEnabled(not view.busy and report is not None)
        self._fill()

    def _fill(self) -> None:
        view, report = self._view, self._view.report
        self.day_label.setText(day_words(report.day, view.today) if report else "")
        counts: dict[str, int] = {}
        captions: dict[str, str] = {
            "total": QCoreApplication.translate("StaffScreen", "All transactions"),
            "printed": words(PRINTED_TERM),
            "reprinted": words(REPRINTED_TERM),
            "refused": words(OUTCOME_TERMS[Outcome.REFUSED]),
            "failed": words(OUTCOME_TERMS[Outcome.FAILED]),
        }
        for kind, term in KIND_TERMS.items():
            captions[kind.value] = words(term)
        if report is not None:
            counts = {kind.value: n for kind, n in report.by_kind.items()}
            counts.update(
                total=report.total,
                printed=report.printed,
                reprinted=report.reprinted,
                refused=report.by_outcome[Outcome.REFUSED],
                failed=report.by_outcome[Outcome.FAILED],
            )
        for key, tile in self.tiles.items():
            tile.set_count(counts.get(key, 0), captions[key])
        self.queue.setVisible(view.queue is not None)
        if view.queue is not None:
            self.queue.set_tone("info" if view.queue.waiting == 0 else "warn", "cloud")
            self.queue.set_text(queue_words(view.queue, view.today))
        self._fill_lines(report.lines if report is not None else ())
        if view.notice is not None:
            self.notice.set_tone("error")
            self.notice.set_text(notice_text(view.notice))
        elif view.slip is not None:
            text, tone = slip_text(view.slip)
            self.notice.set_tone(tone)
            self.notice.set_text(text)
        self.notice.setVisible(view.notice is not None or view.slip is not None)

    def _fill_lines(self, lines: tuple[DayLine, ...]) -> None:
        """One row per line: its time; what was done over its particulars; the voucher over
        the masked holder. Three columns fit 1280 px in large text."""
        clear_layout(self.lines_grid)
        self.no_lines.setVisible(not lines)
        for row, line in enumerate(lines):
            holder = " ".join(part for part in (line.holder_name, line.holder_id) if part)
            cells = (
                (f"{line.at.astimezone(CHINA_TZ):%H:%M}", ""),
                (words(LINE_TERMS[line.kind]), line_details(line)),
                (
                    line.voucher_number or QCoreApplication.translate("StaffScreen", "no voucher"),
                    holder,
                ),
            )
            for col, (main, under) in enumerate(cells):
                cell = QWidget()
                cell.setObjectName(f"staffTodayLine{row}Cell{col}")
                layout = QVBoxLayout(cell)
                layout.setContentsMargins(0, 0, 0, 0)
                layout.setSpacing(0)
                top = make_label("body", object_name=f"staffTodayLine{row}Main{col}")
                top.setText(main)
                layout.addWidget(top)
                if under:
                    below = make_label("small", object_name=f"staffTodayLine{row}Under{col}")
                    below.setText(under)
                    layout.addWidget(below)
                self.lines_grid.addWidget(cell, row, col, Qt.AlignmentFlag.AlignTop)
        self.lines_grid.setColumnStretch(1, 1)
        self.lines_grid.setColumnStretch(2, 1)

    def retranslate(self) -> None:
        self.earlier_button.set_text(QCoreApplication.translate("StaffScreen", "Earlier day"))
        self.later_button.set_text(QCoreApplication.translate("StaffScreen", "Later day"))
        self.totals_heading.setText(QCoreApplication.translate("StaffScreen", "Totals"))
        self.lines_heading.setText(QCoreApplication.translate("StaffScreen", "Transactions"))
        self.no_lines.setText(
            QCoreApplication.translate("StaffScreen", "No transactions on this day.")
        )
        self.export_button.set_text(QCoreApplication.translate("StaffScreen", "Export as CSV"))
        self.slip_button.set_text(
            QCoreApplication.translate("StaffScreen", "Print the day-end slip")
        )
        self._fill()

    def wipe(self) -> None:
        super().wipe()
        self._view = TodayView()
        self._fill()


class ExportScreen(StaffScreen):
    """Where to write the day's CSV: one large button per USB stick mounted now and the
    kiosk's export folder; Look again after plugging a stick in (the PlacePicker)."""

    name = TodayPage.EXPORT.value
    place_chosen = Signal(int)
    look_again_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picker = PlacePicker("staffExport")
        self.notice = NoticeBox("staffExportNotice")
        self.notice.setVisible(False)
        self.body.addWidget(self.picker, 1)
        self.body.addWidget(self.notice)
        self.body.addWidget(self.picker.look_again, 0, Qt.AlignmentFlag.AlignLeft)
        self.picker.place_chosen.connect(self.place_chosen)
        self.picker.look_again_clicked.connect(self.look_again_clicked)
        self._view = TodayView(page=TodayPage.EXPORT)
        self.retranslate()

    @property
    def place_buttons(self) -> list[KioskButton]:
        return self.picker.buttons

    @property
    def no_drive(self) -> QLabel:
        return self.picker.no_drive

    @property
    def look_again(self) -> KioskButton:
        return self.picker.look_again

    def show_view(self, view: TodayView) -> None:
        self._view = view
        self._fill()

    def _fill(self) -> None:
        view = self._view
        self.picker.show_places(view.places, busy=view.busy)
        report = view.report
        day = format_date(report.day) if report else ""
        self.lead.setText(
            QCoreApplication.translate(
                "StaffScreen",
                "Transactions of {day}: {n}. Choose where to write them as a CSV file.",
            ).format(day=day, n=report.total if report else 0)
        )
        if view.exported is not None:
            self.notice.set_tone("ok")
            self.notice.set_text(written_words(view.exported, view.chosen))
        elif view.notice is not None:
            self.notice.set_tone("error")
            self.notice.set_text(notice_text(view.notice))
        self.notice.setVisible(view.exported is not None or view.notice is not None)

    def retranslate(self) -> None:
        self.title.setText(QCoreApplication.translate("StaffScreen", "Export the day as CSV"))
        self.picker.retranslate()
        self._fill()

    def wipe(self) -> None:
        super().wipe()
        self._view = TodayView(page=TodayPage.EXPORT)
        self.picker.wipe()
        self._fill()


def written_words(done: CsvExport, place: ExportPlace | None) -> str:
    """The file written, its rows, and where: on a stick, by its label (and it may go)."""
    if place is not None and place.kind is PlaceKind.DRIVE:
        return QCoreApplication.translate(
            "StaffScreen",
            "Written: {file} ({n} rows) on the USB stick {label}. You can pull it out now.",
        ).format(file=done.path.name, n=done.rows, label=place.label)
    return QCoreApplication.translate(
        "StaffScreen", "Written: {file} ({n} rows) in the kiosk's export folder {folder}."
    ).format(file=done.path.name, n=done.rows, folder=str(done.path.parent))


def make() -> list[StaffScreen]:
    return [TodayScreen(), ExportScreen()]


def connect(screens: dict[str, StaffScreen], send: Send) -> None:
    day = screens[TodayPage.DAY.value]
    export = screens[TodayPage.EXPORT.value]
    assert isinstance(day, TodayScreen) and isinstance(export, ExportScreen)
    day.earlier_clicked.connect(lambda: send(TodayArea, lambda a: a.earlier()))
    day.later_clicked.connect(lambda: send(TodayArea, lambda a: a.later()))
    day.export_clicked.connect(lambda: send(TodayArea, lambda a: a.export()))
    day.slip_clicked.connect(lambda: send(TodayArea, lambda a: a.print_slip()))
    export.place_chosen.connect(lambda i: send(TodayArea, lambda a: a.export_to(i)))
    export.look_again_clicked.connect(lambda: send(TodayArea, lambda a: a.look_again()))
