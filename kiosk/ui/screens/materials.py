"""What to bring to collect the new card (PRODUCT.md flow 7): the checklist from the view
(original ID card; this voucher; the agent's ID card when an agent acts; a one-inch colour
photo when no ID photo is on file), each with an icon and one sentence."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.domain.business import Material
from kiosk.flows.business import BStep
from kiosk.ui.screens.business_parts import BusinessScreen
from kiosk.ui.theme import SPACING
from kiosk.ui.widgets.parts import Card, IconBadge, clear_layout, divider, make_label

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
        self.body.addWidget(self.card)
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
        self.next_button.set_text(self.tr("Next"))
        self._render()

    def texts(self, material: Material) -> tuple[str, str]:
        """The name of a thing to bring and one sentence about it."""
        texts = {
            Material.ORIGINAL_ID_CARD: (
                self.tr("The cardholder's ID card"),
                self.tr("The original resident ID card of the cardholder. A copy is not enough."),
            ),
            Material.THIS_VOUCHER: (
                self.tr("The voucher from this kiosk"),
                self.tr("You get it at the end of this application. Keep it safe until then."),
            ),
            Material.AGENT_ID_CARD: (
                self.tr("Your own ID card"),
                self.tr("You act for the cardholder, so bring your own original ID card as well."),
            ),
            Material.PHOTO: (
                self.tr("One one-inch colour photo"),
                self.tr(
                    "We have no ID photo of the cardholder on file, so a recent photo is needed."
                ),
            ),
        }
        return texts[material]

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
