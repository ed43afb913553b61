"""The resident ID card reader's row on the Readers page (`staff-readers`): its state's pill in
the same words and colours as the card readers', its port and driver ("serial" or the demo's
"simulated"), whether an ID card lies on it (never whose), when it last changed, and its
problem (or last problem) with the fix, in words. Texts in the context "StaffScreen"; the
problems are the services' Texts (context "DiagText"). readers.py imports this module when
its screen is made (this one uses its words)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from kiosk.domain.devices import DeviceState, MediaState
from kiosk.services.reader_diag import IdReaderRow
from kiosk.ui.i18n import translated
from kiosk.ui.screens.staff.readers import STATE_TONES, clock_time, state_word
from kiosk.ui.theme import SPACING
from kiosk.ui.widgets.parts import Card, clear_layout, make_label


def card_words(row: IdReaderRow) -> str | None:
    """Whether an ID card lies on the reader; None where it is not known (no reader)."""
    status = row.status
    if status.media is MediaState.CARD_PRESENT:
        if status.state is DeviceState.USER_ERROR:
            return QCoreApplication.translate(
                "StaffScreen", "An ID card is on it, and could not be read"
            )
        return QCoreApplication.translate("StaffScreen", "An ID card is on it")
    if status.media is MediaState.CARD_ABSENT:
        return QCoreApplication.translate("StaffScreen", "No ID card on it")
    return None


def driver_words(driver: str) -> str:
    if driver == "simulated":
        return QCoreApplication.translate("StaffScreen", "Driver: simulated (the demo's)")
    return QCoreApplication.translate("StaffScreen", "Driver: {driver}").format(driver=driver)


def id_facts(row: IdReaderRow) -> str:
    parts = [driver_words(row.probe.driver)]
    card = card_words(row)
    if card is not None:
        parts.insert(0, card)
    if row.status.since is not None:
        parts.append(
            QCoreApplication.translate("StaffScreen", "Changed at {time}").format(
                time=clock_time(row.status.since)
            )
        )
    else:
        parts.append(QCoreApplication.translate("StaffScreen", "No change since this page opened"))
    return " · ".join(parts)


def id_problem(row: IdReaderRow) -> tuple[str, str] | None:
    """The problem now (with its fix), or the last one; None: none was seen."""
    status, probe = row.status, row.probe
    if not status.usable:
        said = translated(status.error) if status.error else state_word(status.state)
        if probe.problem is not None and probe.problem.fix:
            said = QCoreApplication.translate("StaffScreen", "{problem}. Fix: {fix}.").format(
                problem=said, fix=translated(probe.problem.fix)
            )
        text = QCoreApplication.translate("StaffScreen", "Problem: {problem}").format(problem=said)
        return text, STATE_TONES[status.state]
    last = row.last_problem
    if last is None:
        return None
    said = translated(last.error) if last.error else state_word(last.state)
    if row.problem_ended is not None:
        text = QCoreApplication.translate(
            "StaffScreen", "Last problem, until {time}: {problem}"
        ).format(time=clock_time(row.problem_ended), problem=said)
    else:
        text = QCoreApplication.translate("StaffScreen", "Last problem: {problem}").format(
            problem=said
        )
    return text, ""


class IdReaderPanel(Card):
    """The ID card reader's own card under the card readers': a title and one row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("staffIdReader", margins=SPACING.l, parent=parent)
        self.heading = make_label("body", object_name="staffIdReaderTitle")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.body.addWidget(self.heading)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(SPACING.l)
        self.grid.setColumnStretch(1, 1)
        self.body.addLayout(self.grid)
        self.row: IdReaderRow | None = None

    def show_row(self, row: IdReaderRow | None) -> None:
        self.row = row
        self.setVisible(row is not None)
        clear_layout(self.grid)
        title = QCoreApplication.translate("StaffScreen", "Resident ID card reader")
        self.heading.setText(f"<b>{escape(title)}</b>")
        if row is None:
            return
        pill = make_label(
            "pill",
            object_name="staffIdReaderState",
            wrap=False,
            align=Qt.AlignmentFlag.AlignCenter,
            tone=STATE_TONES[row.status.state],
        )
        pill.setText(state_word(row.status.state))
        cell = QWidget()
        layout = QVBoxLayout(cell)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        port = row.probe.port or QCoreApplication.translate("StaffScreen", "(no port)")
        name = make_label("body", object_name="staffIdReaderPort")
        name.setText(QCoreApplication.translate("StaffScreen", "Port: {port}").format(port=port))
        layout.addWidget(name)
        facts = make_label("small", object_name="staffIdReaderFacts")
        facts.setText(id_facts(row))
        layout.addWidget(facts)
        problem = id_problem(row)
        if problem is not None:
            text, tone = problem
            line = make_label("small", object_name="staffIdReaderProblem", tone=tone)
            line.setText(text)
            layout.addWidget(line)
        self.grid.addWidget(pill, 0, 0, Qt.AlignmentFlag.AlignTop)
        self.grid.addWidget(cell, 0, 1, Qt.AlignmentFlag.AlignTop)
