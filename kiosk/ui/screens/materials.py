"""What to bring to collect the new card (PRODUCT.md flow 7): the checklist from the view
(the ID card, original and photocopy; the card receipt voucher; the agent's ID card when an
agent acts; a one-inch colour photo when no ID photo is on file), each with an icon and one
sentence; that the household register may stand in for an ID card; and, after a loss, that
medical expenses of the loss period are reimbursed once with the voucher. The checklist and
the notes are in the words the voucher prints them in (kiosk.domain.vocabulary)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.domain import vocabulary
from kiosk.domain.business import Business, Material
from kiosk.flows.business import BStep
from kiosk.ui.i18n import words
from kiosk.ui.screens.business_parts import BusinessScreen, business_of, icon_label
from kiosk.ui.theme import PALETTE, SPACING
from kiosk.ui.widgets.parts import Card, IconBadge, Notice, clear_layout, divider, make_label

MATERIAL_ICONS = {
    Material.ORIGINAL_ID_CARD: "id-card",
    Material.THIS_VOUCHER: "receipt",
    Material.AGENT_ID_CARD: "user",
    Material.PHOTO: "photo",
}


class MaterialsScreen(BusinessScreen):
    name = BStep.MATERIALS.value

    next_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shown: tuple[Material, ...] = ()
        self.card = Card("materialsCard", margins=SPACING.l)
        self.items = QVBoxLayout()
        self.items.setSpacing(SPACING.s)
        self.card.body.addLayout(self.items)
        # Under the checklist, for both ID cards on it: what may stand in for one.
        self.id_note = make_label("body", object_name="materialsIdNote")
        note_row = QHBoxLayout()
        note_row.setSpacing(SPACING.s)
        note_row.addWidget(icon_label("info", 28, PALETTE.muted), 0, Qt.AlignmentFlag.AlignTop)
        note_row.addWidget(self.id_note, 1)
        self.card.body.addWidget(divider())
        self.card.body.addLayout(note_row)
        self.medical = Notice("materialsMedicalNote")
        self.medical.set_tone("info", "medical")
        self.body.addWidget(self.card)
        self.body.addWidget(self.medical)
        self.body.addStretch(1)
        self.next_button = self.add_next_button("materialsNextButton")
        self.next_button.clicked.connect(self._on_next)
        self.retranslate()

    @property
    def shown_materials(self) -> tuple[Material, ...]:
        return self._shown

    def retranslate(self) -> None:
        self.title.setText(self.tr("What to bring when you collect the card"))
        self.guidance.setText(
            self.tr(
                "Please bring these things to the outlet. They are also printed on your voucher."
            )
        )
        self.id_note.setText(words(vocabulary.HOUSEHOLD_REGISTER))
        self.medical.set_text(words(vocabulary.MEDICAL_REIMBURSEMENT))
        self.next_button.set_text(self.tr("Next"))
        self._render()

    def texts(self, material: Material) -> tuple[str, str]:
        """The name of a thing to bring, as the voucher prints it, and one sentence about it."""
        sentences = {
            Material.ORIGINAL_ID_CARD: self.tr("A photocopy alone is not enough."),
            Material.THIS_VOUCHER: self.tr(
                "You get it at the end of this application. Keep it safe until then."
            ),
            Material.AGENT_ID_CARD: self.tr(
                "You act for the cardholder, so bring your own ID card too."
            ),
            Material.PHOTO: self.tr(
                "We have no ID photo of the cardholder on file, so a recent photo is needed."
            ),
        }
        return words(vocabulary.MATERIALS[material]), sentences[material]

    def _render(self) -> None:
        view = self._view
        materials = view.materials if view else ()
        self._shown = materials
        clear_layout(self.items)
        for i, material in enumerate(materials):
            if i:
                self.items.addWidget(divider())
            self.items.addWidget(self._item(i + 1, material))
        self.card.setVisible(bool(materials))
        # Only a card reported lost has a loss period to be reimbursed for.
        self.medical.setVisible(view is not None and business_of(view) is Business.FINAL)
        self.next_button.setEnabled(view is not None and not view.busy)

    def _item(self, number: int, material: Material) -> QWidget:
        title, sentence = self.texts(material)
        row = QWidget()
        row.setObjectName(f"material_{material.value}")
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING.l)
        badge = IconBadge(60)
        badge.set_icon(MATERIAL_ICONS[material], "info")
        text = QVBoxLayout()
        text.setSpacing(2)
        heading = make_label("fieldValue", object_name=f"materialTitle_{material.value}")
        heading.setText(self.tr("{number}. {thing}").format(number=number, thing=title))
        body = make_label("body", object_name=f"materialText_{material.value}")
        body.setText(sentence)
        text.addWidget(heading)
        text.addWidget(body)
        layout.addWidget(badge, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(text, 1)
        return row

    def _on_next(self) -> None:
        if self._view is not None and not self._view.busy:
            self.next_clicked.emit()
