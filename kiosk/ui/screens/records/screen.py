"""My records (PRODUCT.md flow 4), after the PIN: overview (insured status per insurance type,
pension and medical account balances), contributions by year and month, employment and skills,
and work injury, as four large sections. Full name and ID number are shown: it is the
citizen's own record (S2). Everything is rebuilt from the Records on a language change and
disposed of by `wipe()` (S3). Below the sections, the print button names the year of the
records statement (个人权益记录) it prints, "Print 2025 statement", and a notice beside it says
plainly that it is printing, printed (take it) or could not be printed, and why."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScroller,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain import vocabulary
from kiosk.domain.business import PrintOutcome
from kiosk.domain.records import (
    AccountType,
    EnrolmentStatus,
    InsuranceType,
    PersonalAccount,
)
from kiosk.domain.session import Records, YearOfContributions
from kiosk.ui.i18n import (
    format_amount,
    format_date,
    format_month,
    format_month_only,
    format_year,
    format_yuan,
    labelled,
    words,
)
from kiosk.ui.icons import pixmap
from kiosk.ui.screens.base import Screen
from kiosk.ui.theme import PALETTE, SPACING
from kiosk.ui.widgets.buttons import KioskButton
from kiosk.ui.widgets.parts import (
    Card,
    IconBadge,
    Notice,
    centred_column,
    clear_layout,
    divider,
    make_label,
    make_pill,
    scroll_area,
    set_tone,
)
from kiosk.ui.widgets.stepbar import StepBar

SECTIONS = ("overview", "contributions", "employment", "injury")
_SECTION_ICONS = {
    "overview": "shield",
    "contributions": "coins",
    "employment": "briefcase",
    "injury": "medical",
}
_INSURANCE_ICONS = {
    InsuranceType.PENSION: "wallet",
    InsuranceType.MEDICAL: "medical",
    InsuranceType.UNEMPLOYMENT: "briefcase",
    InsuranceType.WORK_INJURY: "shield",
    InsuranceType.MATERNITY: "heart",
}
_STATUS_TONES = {
    EnrolmentStatus.ACTIVE: "ok",
    EnrolmentStatus.SUSPENDED: "warn",
    EnrolmentStatus.RECEIVING: "info",
    EnrolmentStatus.TERMINATED: "neutral",
}
_COLUMNS = ("month", "employer", "base", "employer_part", "personal_part", "paid")
_AMOUNTS = {"base", "employer_part", "personal_part"}


class RecordsScreen(Screen):
    name = "records"

    year_selected = Signal(int)
    section_changed = Signal(str)
    print_clicked = Signal(object)  # the year the button named (None: no contributions)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._records: Records | None = None
        self._year: YearOfContributions | None = None
        self._selected_year: int | None = None
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

        self.pages = QStackedWidget(self)
        self.pages.setObjectName("recordsPages")
        self._build_overview()
        self._build_contributions()
        self._build_employment()
        self._build_injury()

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

    # Pages --------------------------------------------------------------------------------------

    def _page_with_scroll(self, key: str) -> tuple[QVBoxLayout, QWidget]:
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING.l)
        area = scroll_area(content, f"{key}Scroll")
        self.pages.addWidget(area)
        return layout, area

    def _build_overview(self) -> None:
        layout, self.overview_page = self._page_with_scroll("overview")
        self.insurance_card = Card("insuranceCard")
        self.insurance_title = make_label("heading", object_name="insuranceTitle")
        self.insurance_card.body.addWidget(self.insurance_title)
        self.insurance_grid = QGridLayout()
        self.insurance_grid.setHorizontalSpacing(SPACING.l)
        self.insurance_grid.setVerticalSpacing(SPACING.m)
        self.insurance_grid.setColumnStretch(1, 1)
        self.insurance_card.body.addLayout(self.insurance_grid)
        self.accounts_row = QHBoxLayout()
        self.accounts_row.setSpacing(SPACING.l)
        layout.addWidget(self.insurance_card)
        layout.addLayout(self.accounts_row)
        layout.addStretch(1)

    def _build_contributions(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING.m)
        self.contributions_page = page

        self.earlier_button = KioskButton(
            "earlierYearButton", kind="arrow", icon_name="chevron-left"
        )
        self.later_button = KioskButton("laterYearButton", kind="arrow", icon_name="chevron-right")
        self.year_combo = QComboBox(page)
        self.year_combo.setObjectName("yearSelector")
        self.year_combo.setMinimumWidth(200)
        self.year_combo.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.year_summary = make_label("lead", object_name="yearSummary")
        selector = QHBoxLayout()
        selector.setSpacing(SPACING.s)
        selector.addWidget(self.earlier_button)
        selector.addWidget(self.year_combo)
        selector.addWidget(self.later_button)
        selector.addSpacing(SPACING.l)
        selector.addWidget(self.year_summary, 1)
        self.unit_label = make_label("small", object_name="amountsUnit", wrap=False)
        selector.addWidget(self.unit_label, 0, Qt.AlignmentFlag.AlignBottom)

        self.table = QTableWidget(0, len(_COLUMNS), page)
        self.table.setObjectName("contributionsTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        # Long employer names wrap onto a second line rather than being cut off.
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsClickable(False)
        for i, key in enumerate(_COLUMNS):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if key == "employer"
                else QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(i, mode)
        QScroller.grabGesture(self.table.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        self.table.installEventFilter(self)
        self.table_message = make_label(
            "lead", object_name="contributionsMessage", align=Qt.AlignmentFlag.AlignCenter
        )

        table_card = Card("contributionsCard", margins=SPACING.m)
        table_card.body.addWidget(self.table, 1)
        table_card.body.addWidget(self.table_message, 1)
        layout.addLayout(selector)
        layout.addWidget(table_card, 1)
        self.pages.addWidget(page)

        self.year_combo.activated.connect(self._on_combo)
        self.earlier_button.clicked.connect(lambda: self._step_year(+1))
        self.later_button.clicked.connect(lambda: self._step_year(-1))

    def _build_employment(self) -> None:
        layout, self.employment_page = self._page_with_scroll("employment")
        self.work_card = Card("workHistoryCard")
        self.work_title = make_label("heading", object_name="workHistoryTitle")
        self.work_rows = QVBoxLayout()
        self.work_rows.setSpacing(SPACING.m)
        self.work_card.body.addWidget(self.work_title)
        self.work_card.body.addLayout(self.work_rows)
        self.skills_card = Card("qualificationsCard")
        self.skills_title = make_label("heading", object_name="qualificationsTitle")
        self.skills_rows = QVBoxLayout()
        self.skills_rows.setSpacing(SPACING.m)
        self.skills_card.body.addWidget(self.skills_title)
        self.skills_card.body.addLayout(self.skills_rows)
        layout.addWidget(self.work_card)
        layout.addWidget(self.skills_card)
        layout.addStretch(1)

    def _build_injury(self) -> None:
        layout, self.injury_page = self._page_with_scroll("injury")
        self.injury_card = Card("injuryCard")
        self.injury_title = make_label("heading", object_name="injuryTitle")
        self.injury_rows = QVBoxLayout()
        self.injury_rows.setSpacing(SPACING.m)
        self.injury_card.body.addWidget(self.injury_title)
        self.injury_card.body.addLayout(self.injury_rows)
        layout.addWidget(self.injury_card)
        layout.addStretch(1)

    # For the controller and the tour ----------------------------------------------------------

    @property
    def records(self) -> Records | None:
        return self._records

    @property
    def year(self) -> YearOfContributions | None:
        return self._year

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
        self._year = None
        self._selected_year = records.years[0] if records.years else None
        if self._selected_year is not None and self._selected_year in records.contributions:
            self._year = records.contributions[self._selected_year]
        self.show_section("overview")
        self._render()

    def show_year(self, year: YearOfContributions) -> None:
        """Show one year's contributions (loaded by the controller after `year_selected`)."""
        self._year = year
        self._selected_year = year.year
        self._render_contributions()

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
        return self._selected_year

    @property
    def statement_message(self) -> str:
        """What the notice beside the print button says (empty: nothing to say)."""
        return self.print_notice.text.text()

    def wipe(self) -> None:
        super().wipe()
        self._records = None
        self._year = None
        self._selected_year = None
        self._printing = False
        self._statement = None
        self._statement_year = None
        self._print_enabled = True
        self.show_section("overview")
        self._render()

    # Taps ----------------------------------------------------------------------------------------

    def _on_section_clicked(self, section: str) -> None:
        self.show_section(section)
        self.section_changed.emit(section)
        if section == "contributions":
            self._ask_for_selected_year()

    def _on_combo(self, index: int) -> None:
        year = self.year_combo.itemData(index)
        if year is not None:
            self._select_year(int(year))

    def _step_year(self, delta: int) -> None:
        """Move through the years list (newest first): +1 is the year before."""
        years = self._records.years if self._records else ()
        if self._selected_year not in years:
            return
        index = years.index(self._selected_year) + delta
        if 0 <= index < len(years):
            self._select_year(years[index])

    def _select_year(self, year: int) -> None:
        if self._records is None:
            return
        self._selected_year = year
        if year in self._records.contributions:
            self._year = self._records.contributions[year]
        self._render_contributions()
        self.year_selected.emit(year)

    def _ask_for_selected_year(self) -> None:
        # The newest year may not have come with the records: ask for it when first looked at.
        if (
            self._records is not None
            and self._selected_year is not None
            and (self._year is None or self._year.year != self._selected_year)
        ):
            self.year_selected.emit(self._selected_year)

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
        self.insurance_title.setText(self.tr("Insurance status"))
        self.work_title.setText(self.tr("Work history"))
        self.skills_title.setText(self.tr("Qualifications"))
        self.injury_title.setText(words(vocabulary.INJURY_ASSESSMENTS))
        self.unit_label.setText(self.tr("Amounts in yuan"))
        self.year_combo.setAccessibleName(self.tr("Year"))
        self.earlier_button.setAccessibleName(self.tr("Earlier year"))
        self.later_button.setAccessibleName(self.tr("Later year"))
        self.table.setAccessibleName(self.tr("Contributions by month"))
        self.print_notice.setAccessibleName(self.tr("Statement printing"))
        headings = (
            self.tr("Month"),
            self.tr("Employer"),
            self.tr("Base"),
            self.tr("Employer part"),
            self.tr("Personal part"),
            self.tr("Status"),
        )
        for col, text in enumerate(headings):
            item = QTableWidgetItem(text)
            # Headings line up with their columns: amounts to the right, words to the left.
            align = (
                Qt.AlignmentFlag.AlignRight
                if _COLUMNS[col] in _AMOUNTS
                else Qt.AlignmentFlag.AlignLeft
            )
            item.setTextAlignment(align | Qt.AlignmentFlag.AlignVCenter)
            self.table.setHorizontalHeaderItem(col, item)
        self._render()

    def _render(self) -> None:
        records = self._records
        self.person_name.setText(records.name if records else "")
        self.person_ssn.setText(
            self.tr("ID number {ssn}").format(ssn=records.ssn) if records else ""
        )
        self._render_overview()
        self._render_contributions()
        self._render_employment()
        self._render_injury()
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

    def _render_overview(self) -> None:
        clear_layout(self.insurance_grid)
        clear_layout(self.accounts_row)
        records = self._records
        if records is None:
            return
        enrolments = {e.insurance_type: e for e in records.enrolments}
        for row, kind in enumerate(InsuranceType):
            icon = QLabel()
            icon.setPixmap(pixmap(_INSURANCE_ICONS[kind], PALETTE.brand, 36))
            icon.setFixedSize(44, 44)
            name = make_label("fieldValue", object_name=f"insurance_{kind.value}")
            name.setText(self._insurance_name(kind))
            since = make_label("muted", object_name=f"insuranceSince_{kind.value}")
            pill = make_pill(f"insuranceStatus_{kind.value}")
            enrolment = enrolments.get(kind)
            if enrolment is None:
                pill.setText(self.tr("Not insured"))
                set_tone(pill, "neutral")
            else:
                pill.setText(self._status_word(enrolment.status))
                set_tone(pill, _STATUS_TONES[enrolment.status])
                if enrolment.end_date is not None:
                    since.setText(
                        self.tr("{start} to {end}").format(
                            start=format_date(enrolment.start_date),
                            end=format_date(enrolment.end_date),
                        )
                    )
                else:
                    since.setText(
                        self.tr("Since {date}").format(date=format_date(enrolment.start_date))
                    )
            # Name with its dates below, status at the right: fits 1280 px in large text.
            text = QVBoxLayout()
            text.setSpacing(0)
            text.addWidget(name)
            text.addWidget(since)
            since.setVisible(bool(since.text()))
            if row:
                self.insurance_grid.addWidget(divider(), row * 2 - 1, 0, 1, 3)
            self.insurance_grid.addWidget(icon, row * 2, 0, Qt.AlignmentFlag.AlignTop)
            self.insurance_grid.addLayout(text, row * 2, 1)
            self.insurance_grid.addWidget(
                pill, row * 2, 2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )
        accounts = {a.account_type: a for a in records.accounts}
        for kind in (AccountType.PENSION, AccountType.MEDICAL):
            self.accounts_row.addWidget(self._account_card(kind, accounts.get(kind)), 1)

    def _account_card(self, kind: AccountType, account: PersonalAccount | None) -> Card:
        card = Card(f"account_{kind.value}")
        title = make_label("heading", object_name=f"accountTitle_{kind.value}")
        title.setText(words(vocabulary.ACCOUNT_TYPES[kind]))
        card.body.addWidget(title)
        if account is None:
            none = make_label("muted", object_name=f"accountNone_{kind.value}")
            none.setText(self.tr("No account on record."))
            card.body.addWidget(none)
            return card
        label = make_label("fieldLabel")
        label.setText(self.tr("Balance"))
        balance = make_label("amount", object_name=f"accountBalance_{kind.value}", wrap=False)
        balance.setText(format_yuan(account.balance_fen))
        card.body.addWidget(label)
        card.body.addWidget(balance)
        card.body.addWidget(divider())
        lines = (
            (self.tr("Credited in {year}"), format_yuan(account.credits_fen)),
            (self.tr("Paid out in {year}"), format_yuan(account.debits_fen)),
        )
        grid = QGridLayout()
        grid.setHorizontalSpacing(SPACING.l)
        for row, (text, amount) in enumerate(lines):
            name = make_label("body")
            name.setText(text.format(year=format_year(account.year)))
            value = make_label("body", wrap=False, align=Qt.AlignmentFlag.AlignRight)
            value.setText(amount)
            grid.addWidget(name, row, 0)
            grid.addWidget(value, row, 1)
        grid.setColumnStretch(0, 1)
        card.body.addLayout(grid)
        updated = make_label("small")
        updated.setText(self.tr("As of {date}").format(date=format_date(account.updated_at.date())))
        card.body.addWidget(updated)
        return card

    def _render_contributions(self) -> None:
        records = self._records
        years = records.years if records else ()
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for y in years:
            self.year_combo.addItem(format_year(y), y)
        if self._selected_year in years:
            self.year_combo.setCurrentIndex(years.index(self._selected_year))
        self.year_combo.blockSignals(False)
        index = years.index(self._selected_year) if self._selected_year in years else -1
        self.earlier_button.setEnabled(0 <= index < len(years) - 1)
        self.later_button.setEnabled(index > 0)
        self.year_combo.setEnabled(bool(years))

        self.table.clearContents()
        self.table.setRowCount(0)
        year = self._year if self._year and self._year.year == self._selected_year else None
        if records is None:
            self.year_summary.clear()
            self._show_table_message("")
            return
        if not years:
            self.year_summary.clear()
            self._show_table_message(self.tr("No contributions on record."))
            return
        if year is None:
            self.year_summary.clear()
            self._show_table_message(self.tr("Loading the contributions…"))
            return
        paid, owed = year.paid_months, year.owed_months
        # "Months paid: 11" rather than "11 months paid": no English plural to get wrong.
        summary = self.tr("Months paid: {paid}").format(paid=paid)
        if owed:
            summary = self.tr("Months paid: {paid} · Months owed: {owed}").format(
                paid=paid, owed=owed
            )
        self.year_summary.setText(summary)
        set_tone(self.year_summary, "error" if owed else "")
        if not year.months:
            self._show_table_message(self.tr("No contributions in this year."))
            return
        self.table_message.hide()
        self.table.show()
        self.table.setRowCount(len(year.months))
        bold = QFont(self.table.font())
        bold.setBold(True)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        for row, c in enumerate(year.months):
            cells = (
                (format_month_only(c.month), left),
                (c.employer, left),
                (format_amount(c.base_fen), right),
                (format_amount(c.employer_fen), right),
                (format_amount(c.personal_fen), right),
                (self.tr("Paid") if c.paid else self.tr("Owed"), left),
            )
            for col, (text, align) in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(align)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.table.setItem(row, col, item)
            status = self.table.item(row, len(cells) - 1)
            status.setForeground(QColor(PALETTE.ok if c.paid else PALETTE.error))
            status.setFont(bold)
        self._fit_rows()

    def _show_table_message(self, text: str) -> None:
        self.table.hide()
        self.table_message.setText(text)
        self.table_message.setVisible(bool(text))

    def _fit_rows(self) -> None:
        # Rows tall enough for a finger and for large text, taller where a name wraps.
        height = max(SPACING.touch - 8, round(self.table.fontMetrics().height() * 1.9))
        self.table.verticalHeader().setMinimumSectionSize(height)
        self.table.verticalHeader().setDefaultSectionSize(height)

    def _render_employment(self) -> None:
        clear_layout(self.work_rows)
        clear_layout(self.skills_rows)
        records = self._records
        if records is None:
            return
        if not records.work_history:
            self.work_rows.addWidget(self._empty(self.tr("No work history on record.")))
        for i, period in enumerate(records.work_history):
            if i:
                self.work_rows.addWidget(divider())
            end = (
                format_month(period.end_date.year, period.end_date.month)
                if period.end_date
                else self.tr("present")
            )
            when = self.tr("{start} to {end}").format(
                start=format_month(period.start_date.year, period.start_date.month), end=end
            )
            self.work_rows.addWidget(
                self._entry("briefcase", period.employer, [period.position or "", when])
            )
        if not records.qualifications:
            self.skills_rows.addWidget(self._empty(self.tr("No qualifications on record.")))
        for i, q in enumerate(records.qualifications):
            if i:
                self.skills_rows.addWidget(divider())
            title = f"{q.title} · {q.level}" if q.level else q.title
            lines = [
                self.tr("Certificate no. {number}").format(number=q.certificate_no),
                self.tr("Issued on {date} by {issuer}").format(
                    date=format_date(q.issued_on), issuer=q.issuer
                ),
            ]
            self.skills_rows.addWidget(self._entry("certificate", title, lines))

    def _render_injury(self) -> None:
        clear_layout(self.injury_rows)
        records = self._records
        if records is None:
            return
        if not records.injuries:
            self.injury_rows.addWidget(
                self._empty(self.tr("No work injury or occupational disease records."), "ok")
            )
            return
        for i, a in enumerate(records.injuries):
            if i:
                self.injury_rows.addWidget(divider())
            kind = words(vocabulary.ASSESSMENT_KINDS[a.kind])
            lines = [
                labelled(vocabulary.ASSESSED_ON, format_date(a.assessed_on)),
                self._grade(a.disability_grade),
                a.description,
            ]
            self.injury_rows.addWidget(self._entry("medical", kind, lines))

    def _entry(self, icon_name: str, title: str, lines: list[str]) -> QWidget:
        entry = QWidget()
        layout = QHBoxLayout(entry)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING.m)
        icon = QLabel()
        icon.setPixmap(pixmap(icon_name, PALETTE.brand, 32))
        icon.setFixedSize(40, 40)
        text = QVBoxLayout()
        text.setSpacing(2)
        heading = make_label("fieldValue")
        heading.setText(title)
        text.addWidget(heading)
        for line in lines:
            if line:
                body = make_label("muted")
                body.setText(line)
                text.addWidget(body)
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(text, 1)
        return entry

    def _empty(self, text: str, tone: str = "info") -> QWidget:
        entry = QWidget()
        layout = QHBoxLayout(entry)
        layout.setContentsMargins(0, SPACING.s, 0, SPACING.s)
        layout.setSpacing(SPACING.m)
        badge = IconBadge(56)
        badge.set_icon("check" if tone == "ok" else "info", tone)
        label = make_label("lead")
        label.setText(text)
        layout.addWidget(badge)
        layout.addWidget(label, 1)
        return entry

    # Words ---------------------------------------------------------------------------------------

    # The terms are the statement's (kiosk.domain.vocabulary); sentences stay in the catalogue.

    def _insurance_name(self, kind: InsuranceType) -> str:
        return words(vocabulary.INSURANCE_TYPES[kind])

    def _status_word(self, status: EnrolmentStatus) -> str:
        return words(vocabulary.ENROLMENT_STATUSES[status])

    def _grade(self, grade: int | None) -> str:
        """伤残等级：七级 / Disability grade: 7, or that there is no grade."""
        if grade is None:
            return words(vocabulary.NO_DISABILITY_GRADE)
        return labelled(vocabulary.DISABILITY_GRADE, words(vocabulary.disability_grade(grade)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.FontChange:
            self._fit_rows()  # large text toggled: taller rows
        return super().eventFilter(watched, event)
