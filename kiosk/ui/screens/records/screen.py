"""My records (PRODUCT.md flow 4), after the PIN: overview (insured status per insurance type,
pension and medical account balances), contributions by year and month, employment and skills,
and work injury, as four large sections, each its own widget beside this module. Full name and
ID number are shown: it is the citizen's own record (S2). Everything is rebuilt from the Records
on a language change and disposed of by `wipe()` (S3). Below the sections, the print button
names the year of the records statement (个人权益记录) it prints, "Print 2025 statement", and a
notice beside it says plainly that it is printing, printed (take it) or could not be printed,
and why."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from kiosk.domain.business import PrintOutcome
from kiosk.domain.session import Records, YearOfContributions
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.records.contributions import ContributionsSection
from kiosk.ui.screens.records.injury import InjurySection
from kiosk.ui.screens.records.overview import OverviewSection
from kiosk.ui.screens.records.work import WorkSection
from kiosk.ui.theme import SPACING
from kiosk.ui.widgets.buttons import KioskButton
from kiosk.ui.widgets.parts import Notice, centred_column, make_label, scroll_area
from kiosk.ui.widgets.stepbar import StepBar

SECTIONS = ("overview", "contributions", "employment", "injury")
_SECTION_ICONS = {
    "overview": "shield",
    "contributions": "coins",
    "employment": "briefcase",
    "injury": "medical",
}


class RecordsScreen(Screen):
    name = "records"

    year_selected = Signal(int)
    section_changed = Signal(str)
    print_clicked = Signal(object)  # the year the button named (None: no contributions)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._records: Records | None = None
        self._printing = False
        self._statement: PrintOutcome | None = None
        self._statement_year: int | None = None  # of the statement printing or printed
        self._print_enabled = True
        column = centred_column(self, top=SPACING.l, bottom=SPACING.l)
        column.setSpacing(SPACING.m)

        # The top row: where we are in the flow, and whose record this is.
        self.step_bar = StepBar(current=2, parent=self)
        self.person_name = make_label("heading", object_name="recordsName", wrap=False)
        self.person_ssn = make_label("muted", object_name="recordsSsn", wrap=False)
        person = QVBoxLayout()
        person.setSpacing(0)
        person.addWidget(self.person_name, 0, Qt.AlignmentFlag.AlignRight)
        person.addWidget(self.person_ssn, 0, Qt.AlignmentFlag.AlignRight)
        top = QHBoxLayout()
        top.addWidget(self.step_bar, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addStretch(1)
        top.addLayout(person)

        # The section switcher: four large segments.
        self.section_buttons: dict[str, KioskButton] = {}
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        segments = QHBoxLayout()
        segments.setSpacing(SPACING.s)
        for section in SECTIONS:
            button = KioskButton(
                f"section_{section}",
                kind="segment",
                icon_name=_SECTION_ICONS[section],
                checkable=True,
            )
            self._group.addButton(button)
            self.section_buttons[section] = button
            segments.addWidget(button, 1)
            button.clicked.connect(lambda _=False, s=section: self._on_section_clicked(s))

        # The sections, in the order of SECTIONS; all but the contributions scroll as a whole
        # (the contributions table scrolls on its own, under the year selector).
        self.overview = OverviewSection()
        self.contributions = ContributionsSection()
        self.employment = WorkSection()
        self.injury = InjurySection()
        self.pages = QStackedWidget(self)
        self.pages.setObjectName("recordsPages")
        self.overview_page = scroll_area(self.overview, "overviewScroll")
        self.pages.addWidget(self.overview_page)
        self.pages.addWidget(self.contributions)
        self.pages.addWidget(scroll_area(self.employment, "employmentScroll"))
        self.pages.addWidget(scroll_area(self.injury, "injuryScroll"))
        self.contributions.year_selected.connect(self.year_selected)
        # What the tests and the tour reach on the screen itself.
        self.table = self.contributions.table
        self.table_message = self.contributions.table_message
        self.year_combo = self.contributions.year_combo
        self.year_summary = self.contributions.year_summary
        self.earlier_button = self.contributions.earlier_button
        self.later_button = self.contributions.later_button
        self.injury_title = self.injury.injury_title
        self.injury_rows = self.injury.injury_rows

        # The statement: how the print goes on the left, the button on the right.
        self.print_button = KioskButton(
            "printStatementButton", kind="secondary", icon_name="printer"
        )
        self.print_button.clicked.connect(lambda: self.print_clicked.emit(self.print_year))
        self.print_notice = Notice("statementNotice")
        # Hidden, it still takes the width: the button keeps its size and place.
        policy = self.print_notice.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.print_notice.setSizePolicy(policy)
        self.print_notice.hide()
        actions = QHBoxLayout()
        actions.setSpacing(SPACING.m)
        actions.addWidget(self.print_notice, 1, Qt.AlignmentFlag.AlignVCenter)
        actions.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignVCenter)

        column.addLayout(top)
        column.addLayout(segments)
        column.addWidget(self.pages, 1)
        column.addLayout(actions)
        self.show_section("overview")
        self.retranslate()

    # For the controller and the tour ----------------------------------------------------------

    @property
    def records(self) -> Records | None:
        return self._records

    @property
    def year(self) -> YearOfContributions | None:
        return self.contributions.year

    @property
    def current_section(self) -> str:
        return SECTIONS[self.pages.currentIndex()]

    def show_section(self, name: str) -> None:
        if name not in SECTIONS:
            raise ValueError(f"unknown section {name!r}; expected one of {SECTIONS}")
        self.pages.setCurrentIndex(SECTIONS.index(name))
        self.section_buttons[name].setChecked(True)

    def show_records(self, records: Records) -> None:
        """Show a cardholder's records, from the overview; the newest year is selected."""
        self._records = records
        self.show_section("overview")
        self._show_in_sections(records)
        self._render()

    def show_year(self, year: YearOfContributions) -> None:
        """Show one year's contributions (loaded by the controller after `year_selected`)."""
        self.contributions.show_year(year)

    def set_statement(
        self, *, printing: bool, outcome: PrintOutcome | None, year: int | None = None
    ) -> None:
        """The statement print of `year`: running (the button waits), or how it went."""
        self._printing = printing
        self._statement = outcome
        self._statement_year = year
        self._render_statement()

    def set_print_enabled(self, enabled: bool) -> None:
        """Off while the screen waits for something else (a year loading, the moment after
        a print)."""
        self._print_enabled = enabled
        self._render_statement()

    @property
    def print_year(self) -> int | None:
        """The year the print button names: the year chosen (None: no contributions)."""
        return self.contributions.selected_year

    @property
    def statement_message(self) -> str:
        """What the notice beside the print button says (empty: nothing to say)."""
        return self.print_notice.text.text()

    def wipe(self) -> None:
        super().wipe()
        self._records = None
        self._printing = False
        self._statement = None
        self._statement_year = None
        self._print_enabled = True
        self.show_section("overview")
        self._show_in_sections(None)
        self._render()

    # Taps ----------------------------------------------------------------------------------------

    def _on_section_clicked(self, section: str) -> None:
        self.show_section(section)
        self.section_changed.emit(section)
        if section == "contributions":
            self.contributions.ask_for_selected_year()

    # Rendering ---------------------------------------------------------------------------------

    def retranslate(self) -> None:
        labels = {
            "overview": self.tr("Overview"),
            "contributions": self.tr("Contributions"),
            "employment": self.tr("Work and skills"),
            "injury": self.tr("Work injuries"),
        }
        for section, text in labels.items():
            self.section_buttons[section].set_text(text)
        self.print_notice.setAccessibleName(self.tr("Statement printing"))
        for page in (self.overview, self.contributions, self.employment, self.injury):
            page.retranslate()
        self._render()

    def _show_in_sections(self, records: Records | None) -> None:
        for page in (self.overview, self.contributions, self.employment, self.injury):
            page.show_records(records)

    def _render(self) -> None:
        """What the screen itself shows: whose records, and the statement's button."""
        records = self._records
        self.person_name.setText(records.name if records else "")
        self.person_ssn.setText(
            self.tr("ID number {ssn}").format(ssn=records.ssn) if records else ""
        )
        self._render_statement()

    def _render_statement(self) -> None:
        self.print_button.setEnabled(
            self._records is not None and self._print_enabled and not self._printing
        )
        text, tone = self._statement_text() or ("", "info")
        self.print_notice.set_text(text)
        self.print_notice.set_tone(tone, "printer" if tone == "info" else None)
        self.print_notice.setVisible(bool(text))
        year = self.print_year
        if self._printing:
            self.print_button.set_text(self.tr("Printing…"), text)
        elif year is None:
            self.print_button.set_text(
                self.tr("Print statement"), self.tr("Print a statement of your records")
            )
        else:
            self.print_button.set_text(
                self.tr("Print {year} statement").format(year=year),
                self.tr(
                    "Print a statement of your records with the contributions of {year}"
                ).format(year=year),
            )

    def _statement_text(self) -> tuple[str, str] | None:
        """(message, tone) of the notice beside the button; None before any print."""
        year = self._statement_year
        if self._printing:
            if year is None:
                return self.tr("Printing your statement. Please wait…"), "info"
            return self.tr("Printing your {year} statement. Please wait…").format(year=year), "info"
        outcome = self._statement
        if outcome is None:
            return None
        if outcome is PrintOutcome.PRINTED:
            if year is None:
                return self.tr("Your statement is printed. Please take it from the printer."), "ok"
            text = self.tr("Your {year} statement is printed. Please take it from the printer.")
            return text.format(year=year), "ok"
        reason = {
            PrintOutcome.OUT_OF_PAPER: self.tr("the printer is out of paper"),
            PrintOutcome.PRINTER_OFFLINE: self.tr("the printer is not available"),
        }.get(outcome, self.tr("the printer reported a fault"))
        text = self.tr(
            "The statement could not be printed: {reason}. Please ask at a counter."
        ).format(reason=reason)
        return text, "error"
