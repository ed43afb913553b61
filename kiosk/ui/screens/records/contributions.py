"""The contributions section of My records: a year chosen from the years on record (newest
first), that year's months in a table, and a summary of the months paid and owed. The section
holds the chosen year; a year not yet loaded is asked for with `year_selected`."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QScroller,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.session import Records, YearOfContributions
from kiosk.ui.i18n import format_amount, format_month_only, format_year
from kiosk.ui.theme import PALETTE, SPACING
from kiosk.ui.widgets.buttons import KioskButton
from kiosk.ui.widgets.parts import Card, make_label, set_tone

_COLUMNS = ("month", "employer", "base", "employer_part", "personal_part", "paid")
_AMOUNTS = {"base", "employer_part", "personal_part"}


class ContributionsSection(QWidget):
    """The contributions page: the year selector above, the months below."""

    year_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._records: Records | None = None
        self._year: YearOfContributions | None = None
        self._selected_year: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING.m)

        self.earlier_button = KioskButton(
            "earlierYearButton", kind="arrow", icon_name="chevron-left"
        )
        self.later_button = KioskButton("laterYearButton", kind="arrow", icon_name="chevron-right")
        self.year_combo = QComboBox(self)
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

        self.table = QTableWidget(0, len(_COLUMNS), self)
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

        self.year_combo.activated.connect(self._on_combo)
        self.earlier_button.clicked.connect(lambda: self._step_year(+1))
        self.later_button.clicked.connect(lambda: self._step_year(-1))

    @property
    def year(self) -> YearOfContributions | None:
        return self._year

    @property
    def selected_year(self) -> int | None:
        """The year chosen (None: no records, or no contributions)."""
        return self._selected_year

    def show_records(self, records: Records | None) -> None:
        """A cardholder's records (None: nobody's), with the newest year chosen."""
        self._records = records
        self._year = None
        self._selected_year = records.years[0] if records and records.years else None
        if records is not None and self._selected_year in records.contributions:
            self._year = records.contributions[self._selected_year]
        self._render()

    def show_year(self, year: YearOfContributions) -> None:
        """One year's contributions, loaded after `year_selected`."""
        self._year = year
        self._selected_year = year.year
        self._render()

    def ask_for_selected_year(self) -> None:
        # The newest year may not have come with the records: ask for it when first looked at.
        if (
            self._records is not None
            and self._selected_year is not None
            and (self._year is None or self._year.year != self._selected_year)
        ):
            self.year_selected.emit(self._selected_year)

    # Taps ----------------------------------------------------------------------------------------

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
        self._render()
        self.year_selected.emit(year)

    # Rendering ---------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.unit_label.setText(self.tr("Amounts in yuan"))
        self.year_combo.setAccessibleName(self.tr("Year"))
        self.earlier_button.setAccessibleName(self.tr("Earlier year"))
        self.later_button.setAccessibleName(self.tr("Later year"))
        self.table.setAccessibleName(self.tr("Contributions by month"))
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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.FontChange:
            self._fit_rows()  # large text toggled: taller rows
        return super().eventFilter(watched, event)
