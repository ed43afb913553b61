"""The work-and-skills section of My records: the work history and the vocational
qualifications, one entry each."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.i18n import format_date, format_month
from kiosk.ui.screens.records.entries import Section, empty, entry, list_card
from kiosk.ui.theme import SPACING
from kiosk.ui.widgets.parts import clear_layout, divider


class WorkSection(Section):
    """The body of the work-and-skills scroll area; rebuilt by `show_records` and
    `retranslate`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING.l)
        self.work_card, self.work_title, self.work_rows = list_card(
            "workHistoryCard", "workHistoryTitle"
        )
        self.skills_card, self.skills_title, self.skills_rows = list_card(
            "qualificationsCard", "qualificationsTitle"
        )
        layout.addWidget(self.work_card)
        layout.addWidget(self.skills_card)
        layout.addStretch(1)

    def _set_titles(self) -> None:
        self.work_title.setText(self.tr("Work history"))
        self.skills_title.setText(self.tr("Qualifications"))

    def _render(self) -> None:
        clear_layout(self.work_rows)
        clear_layout(self.skills_rows)
        records = self._records
        if records is None:
            return
        if not records.work_history:
            self.work_rows.addWidget(empty(self.tr("No work history on record.")))
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
                entry("briefcase", period.employer, [period.position or "", when])
            )
        if not records.qualifications:
            self.skills_rows.addWidget(empty(self.tr("No qualifications on record.")))
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
            self.skills_rows.addWidget(entry("certificate", title, lines))
