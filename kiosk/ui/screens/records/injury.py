"""The work-injury section of My records: work injury and occupational disease assessments,
in the statement's terms (kiosk.domain.vocabulary)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.domain import vocabulary
from kiosk.ui.i18n import format_date, labelled, words
from kiosk.ui.screens.records.entries import Section, empty, entry, list_card
from kiosk.ui.theme import SPACING
from kiosk.ui.widgets.parts import clear_layout, divider


class InjurySection(Section):
    """The body of the work-injury scroll area; rebuilt by `show_records` and `retranslate`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING.l)
        self.injury_card, self.injury_title, self.injury_rows = list_card(
            "injuryCard", "injuryTitle"
        )
        layout.addWidget(self.injury_card)
        layout.addStretch(1)

    def _set_titles(self) -> None:
        self.injury_title.setText(words(vocabulary.INJURY_ASSESSMENTS))

    def _render(self) -> None:
        clear_layout(self.injury_rows)
        records = self._records
        if records is None:
            return
        if not records.injuries:
            self.injury_rows.addWidget(
                empty(self.tr("No work injury or occupational disease records."), "ok")
            )
            return
        for i, a in enumerate(records.injuries):
            if i:
                self.injury_rows.addWidget(divider())
            kind = words(vocabulary.ASSESSMENT_KINDS[a.kind])
            lines = [
                labelled(vocabulary.ASSESSED_ON, format_date(a.assessed_on)),
                _grade(a.disability_grade),
                a.description,
            ]
            self.injury_rows.addWidget(entry("medical", kind, lines))


def _grade(grade: int | None) -> str:
    """伤残等级：七级 / Disability grade: 7, or that there is no grade."""
    if grade is None:
        return words(vocabulary.NO_DISABILITY_GRADE)
    return labelled(vocabulary.DISABILITY_GRADE, words(vocabulary.disability_grade(grade)))
