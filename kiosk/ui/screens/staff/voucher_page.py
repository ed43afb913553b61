"""One voucher at the desk (staff-voucher): its facts (personal data masked), its history, the
actions on it (each enabled, or disabled with the reason why not) and, when it was scanned,
that its code is genuine; and staff-check: a scanned code that is not genuine ("do not
accept", and why), or genuine but not in this kiosk's records. Texts in "StaffScreen"."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.domain.desk import DeskVoucher
from kiosk.flows.staff_voucher_actions import ActionKind
from kiosk.flows.staff_vouchers import VouchersView, VPage
from kiosk.services.voucher_desk import DeskCheck
from kiosk.ui.i18n import format_date, format_moment, format_yuan
from kiosk.ui.screens.business_parts import group_voucher_number
from kiosk.ui.screens.staff.base import StaffScreen
from kiosk.ui.screens.staff.desk_words import (
    business_words,
    centre_unreachable_text,
    elsewhere_words,
    history_by,
    history_words,
    kind_words,
    note_words,
    problem_text,
    progress_words,
    refusal_text,
)
from kiosk.ui.theme import SPACING, set_style_property
from kiosk.ui.widgets.buttons import KioskButton
from kiosk.ui.widgets.parts import (
    Card,
    IconBadge,
    Notice,
    clear_layout,
    divider,
    make_label,
    scroll_area,
)

_ACTION_ICONS = {
    ActionKind.REPRINT: "printer",
    ActionKind.PROGRESS: "clock",
    ActionKind.HAND_OVER: "card",
    ActionKind.REIMBURSE: "medical",
}


def action_words(kind: ActionKind) -> str:
    return {
        ActionKind.REPRINT: QCoreApplication.translate("StaffScreen", "Reprint"),
        ActionKind.PROGRESS: QCoreApplication.translate("StaffScreen", "Move progress"),
        ActionKind.HAND_OVER: QCoreApplication.translate("StaffScreen", "Hand over card"),
        ActionKind.REIMBURSE: QCoreApplication.translate("StaffScreen", "Reimburse"),
    }[kind]


def signature_text(check: DeskCheck) -> str:
    """How a genuine code was checked."""
    if check.key_id is None:
        return QCoreApplication.translate(
            "StaffScreen", "An old code (SSK1), checked with this kiosk's secret key."
        )
    return QCoreApplication.translate(
        "StaffScreen", "The signature matches the public key {key}."
    ).format(key=check.key_id)


def add_fact(grid: QGridLayout, name: str, label: str, value: str) -> None:
    """A caption and its value in the next row of `grid` (nothing for no value)."""
    if not value:
        return
    row, column = grid.count() // 2, 0
    caption = make_label("fieldLabel", object_name=f"{name}Label", wrap=False)
    caption.setText(label)
    text = make_label("fieldValue", object_name=name)
    text.setText(value)
    text.setAccessibleName(f"{label} {value}")
    grid.addWidget(caption, row, column, Qt.AlignmentFlag.AlignTop)
    grid.addWidget(text, row, column + 1, Qt.AlignmentFlag.AlignTop)


def fact_grid() -> QGridLayout:
    grid = QGridLayout()
    grid.setHorizontalSpacing(SPACING.l)
    grid.setVerticalSpacing(SPACING.xs + 2)
    grid.setColumnStretch(1, 1)
    return grid


class VoucherScreen(StaffScreen):
    """The voucher, its history and its actions."""

    name = VPage.VOUCHER.value
    action_chosen = Signal(object)  # an ActionKind
    new_search = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view = VouchersView(VPage.VOUCHER)
        self.lead.setVisible(False)  # the facts need the room
        self.check = Notice("staffVoucherCheck")
        self.note = Notice("staffVoucherNote")
        self.note.set_tone("ok")
        self.elsewhere = Notice("staffVoucherElsewhere")  # another kiosk's voucher (fleet)
        self.content = QWidget()
        self.details = QVBoxLayout(self.content)
        self.details.setContentsMargins(0, 0, SPACING.s, 0)
        self.details.setSpacing(SPACING.m)

        self.action_buttons: dict[ActionKind, KioskButton] = {}
        self.action_reasons: dict[ActionKind, QWidget] = {}
        actions_body = QWidget()
        actions = QVBoxLayout(actions_body)
        actions.setContentsMargins(0, 0, SPACING.s, 0)
        actions.setSpacing(SPACING.xs)
        self.actions_title = make_label("heading", object_name="staffVoucherActionsTitle")
        actions.addWidget(self.actions_title)
        for kind in ActionKind:
            button = KioskButton(
                f"staffVoucherAction_{kind.value}", kind="secondary", icon_name=_ACTION_ICONS[kind]
            )
            button.clicked.connect(lambda _=False, k=kind: self._act(k))
            reason = make_label("small", object_name=f"staffVoucherWhyNot_{kind.value}")
            self.action_buttons[kind] = button
            self.action_reasons[kind] = reason
            actions.addSpacing(SPACING.xs)
            actions.addWidget(button)
            actions.addWidget(reason)
        actions.addStretch(1)
        # New search beside the title: the actions keep the column (in large text they scroll).
        self.new_button = KioskButton("staffVoucherNewSearch", kind="secondary", icon_name="search")
        self.new_button.clicked.connect(self.new_search)
        heading = QHBoxLayout()
        heading.setSpacing(SPACING.l)
        self.title.setParent(None)
        heading.addWidget(self.title, 1, Qt.AlignmentFlag.AlignVCenter)
        heading.addWidget(self.new_button, 0)

        row = QHBoxLayout()
        row.setSpacing(SPACING.xl)
        row.addWidget(scroll_area(self.content, "staffVoucherScroll"), 3)
        row.addWidget(scroll_area(actions_body, "staffVoucherActions"), 2)
        self.body.addLayout(heading)
        self.body.addWidget(self.check)
        self.body.addWidget(self.elsewhere)
        self.body.addWidget(self.note)
        self.body.addLayout(row, 1)
        self.retranslate()

    def _act(self, kind: ActionKind) -> None:
        if not self._view.busy:
            self.action_chosen.emit(kind)

    def show_view(self, view: VouchersView) -> None:
        self._view = view
        self._render()

    # Rendering -----------------------------------------------------------------------------------

    def _render(self) -> None:
        view = self._view
        voucher = view.voucher
        clear_layout(self.details)
        check = view.check
        self.check.setVisible(check is not None and check.genuine)
        if check is not None and check.genuine:
            self.check.set_tone("ok", "shield")
            self.check.set_text(
                QCoreApplication.translate("StaffScreen", "Genuine. {how}").format(
                    how=signature_text(check)
                )
            )
        text = note_words(view.note, view.voucher) if view.voucher else ""
        self.note.setVisible(bool(text))
        self.note.set_text(text)
        refusals = dict(view.actions)
        for kind, button in self.action_buttons.items():
            refusal = refusals.get(kind)
            allowed = voucher is not None and kind in refusals and refusal is None
            button.setEnabled(allowed and not view.busy)
            button.set_text(action_words(kind))
            reason = self.action_reasons[kind]
            reason.setText(refusal_text(refusal, voucher) if refusal is not None else "")
            reason.setVisible(refusal is not None)
        remote = voucher is not None and not voucher.held_here
        self.elsewhere.setVisible(remote)
        if voucher is not None and remote:
            self.elsewhere.set_tone("info", "info")
            self.elsewhere.set_text(elsewhere_words(voucher))
        if voucher is None:
            self.title.setText(QCoreApplication.translate("StaffScreen", "Voucher"))
            return
        self.title.setText(group_voucher_number(voucher.number))
        self.title.setAccessibleName(
            QCoreApplication.translate("StaffScreen", "Voucher {number}").format(
                number=voucher.number
            )
        )
        self.details.addWidget(self._facts(voucher))
        self.details.addWidget(self._history(voucher))
        self.details.addStretch(1)

    def _facts(self, voucher: DeskVoucher) -> Card:
        card = Card("staffVoucherFacts", margins=SPACING.l)
        heading = make_label("heading", object_name="staffVoucherKind")
        heading.setText(
            f"{kind_words(voucher.kind.value)} · {business_words(voucher)}"
            if voucher.held_here  # another kiosk's: the centre does not say which business
            else kind_words(voucher.kind.value)
        )
        card.body.addWidget(heading)
        grid = fact_grid()
        add_fact(
            grid,
            "staffVoucherIssued",
            QCoreApplication.translate("StaffScreen", "Issued"),
            format_moment(voucher.issued_at) if voucher.issued_at is not None else "",
        )
        add_fact(
            grid,
            "staffVoucherKiosk",
            QCoreApplication.translate("StaffScreen", "Issuing kiosk"),
            voucher.kiosk_id,
        )
        add_fact(
            grid,
            "staffVoucherName",
            QCoreApplication.translate("StaffScreen", "Cardholder"),
            voucher.masked_name,
        )
        add_fact(
            grid,
            "staffVoucherId",
            QCoreApplication.translate("StaffScreen", "ID number"),
            voucher.masked_id_number,
        )
        add_fact(
            grid,
            "staffVoucherCard",
            QCoreApplication.translate("StaffScreen", "Card number"),
            voucher.masked_card_number,
        )
        add_fact(
            grid,
            "staffVoucherProgress",
            QCoreApplication.translate("StaffScreen", "Progress"),
            progress_words(voucher.progress),
        )
        add_fact(
            grid,
            "staffVoucherPickup",
            QCoreApplication.translate("StaffScreen", "Ready from"),
            format_date(voucher.pickup_date),
        )
        add_fact(
            grid,
            "staffVoucherOutlet",
            QCoreApplication.translate("StaffScreen", "Collect at"),
            voucher.outlet_code or "",
        )
        reprints = max(voucher.prints - 1, 0)
        prints = (
            QCoreApplication.translate("StaffScreen", "Original only")
            if reprints == 0
            else QCoreApplication.translate("StaffScreen", "Original and {n} reprints").format(
                n=reprints
            )
            if reprints > 1
            else QCoreApplication.translate("StaffScreen", "Original and 1 reprint")
        )
        add_fact(
            grid,
            "staffVoucherPrints",
            QCoreApplication.translate("StaffScreen", "Printed"),
            prints if voucher.prints else "",
        )
        card.body.addLayout(grid)
        paid = voucher.reimbursement
        if paid is not None:
            line = make_label("body", object_name="staffVoucherReimbursement")
            line.setText(
                QCoreApplication.translate(
                    "StaffScreen",
                    "Medical expenses reimbursed: {amount}, reviewed by {who} on {day}.",
                ).format(
                    amount=format_yuan(paid.amount_fen),
                    who=paid.reviewer,
                    day=format_date(paid.reviewed_on),
                )
            )
            card.body.addWidget(divider())
            card.body.addWidget(line)
        return card

    def _history(self, voucher: DeskVoucher) -> Card:
        card = Card("staffVoucherHistory", margins=SPACING.l)
        title = make_label("heading", object_name="staffVoucherHistoryTitle")
        title.setText(QCoreApplication.translate("StaffScreen", "History"))
        card.body.addWidget(title)
        grid = QGridLayout()
        grid.setHorizontalSpacing(SPACING.l)
        grid.setVerticalSpacing(SPACING.xs)
        grid.setColumnStretch(1, 1)
        for i, event in enumerate(voucher.history):
            at = make_label("muted", object_name=f"staffVoucherEventAt{i}", wrap=False)
            at.setText(format_moment(event.at))
            what = make_label("body", object_name=f"staffVoucherEvent{i}")
            what.setText(history_words(event))
            by = make_label("muted", object_name=f"staffVoucherEventBy{i}", wrap=False)
            by.setText(history_by(event))
            grid.addWidget(at, i, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(what, i, 1, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(by, i, 2, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        card.body.addLayout(grid)
        return card

    def retranslate(self) -> None:
        self.actions_title.setText(QCoreApplication.translate("StaffScreen", "Actions"))
        self.new_button.set_text(QCoreApplication.translate("StaffScreen", "New search"))
        self._render()

    def wipe(self) -> None:
        super().wipe()
        self._view = VouchersView(VPage.VOUCHER)
        self._render()


class VoucherCheckScreen(StaffScreen):
    """A scanned code checked: red "do not accept" and why, or genuine but unknown here."""

    name = VPage.CHECK.value
    new_search = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view = VouchersView(VPage.CHECK)
        self.card = Card("staffCheckCard", margins=SPACING.xl)
        top = QHBoxLayout()
        top.setSpacing(SPACING.xl)
        self.badge = IconBadge(96)
        self.verdict = make_label("title", object_name="staffCheckVerdict")
        self.reason = make_label("lead", object_name="staffCheckReason")
        texts = QVBoxLayout()
        texts.setSpacing(SPACING.s)
        texts.addWidget(self.verdict)
        texts.addWidget(self.reason)
        top.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(texts, 1)
        self.card.body.addLayout(top)
        self.facts_box = QWidget()
        self.facts = fact_grid()
        self.facts_box.setLayout(self.facts)
        self.card.body.addWidget(self.facts_box)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, SPACING.s, 0)
        layout.addWidget(self.card)
        layout.addStretch(1)
        self.new_button = KioskButton("staffCheckScanAnother", kind="primary", icon_name="qr-code")
        self.new_button.clicked.connect(self.new_search)
        self.body.addWidget(scroll_area(content, "staffCheckScroll"), 1)
        self.body.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignRight)
        self.retranslate()

    def show_view(self, view: VouchersView) -> None:
        self._view = view
        self._render()

    def _render(self) -> None:
        check = self._view.check
        clear_layout(self.facts)
        genuine = check is not None and check.genuine
        tone = "ok" if genuine else "error"
        set_style_property(self.card, "tone", tone)
        set_style_property(self.verdict, "tone", tone)
        self.badge.set_icon("shield" if genuine else "error", tone)
        if check is None:
            self.verdict.setText("")
            self.reason.setText("")
            return
        if check.problem is not None:
            self.verdict.setText(
                QCoreApplication.translate("StaffScreen", "Not genuine — do not accept")
            )
            self.reason.setText(problem_text(check.problem))
            self.facts_box.setVisible(False)
            return
        self.verdict.setText(QCoreApplication.translate("StaffScreen", "Genuine"))
        self.reason.setText(
            signature_text(check)
            + "\n"
            + (
                centre_unreachable_text()
                if check.centre_unreachable
                else QCoreApplication.translate(
                    "StaffScreen",
                    "Issued by another kiosk: this kiosk has no record of it, so its progress "
                    "and history are not known here.",
                )
            )
        )
        content = check.content
        add_fact(
            self.facts,
            "staffCheckNumber",
            QCoreApplication.translate("StaffScreen", "Voucher number"),
            check.number or "",
        )
        if content is not None:
            add_fact(
                self.facts,
                "staffCheckKind",
                QCoreApplication.translate("StaffScreen", "Kind"),
                kind_words(content.kind),
            )
            add_fact(
                self.facts,
                "staffCheckHolder",
                QCoreApplication.translate("StaffScreen", "Cardholder"),
                content.holder or "",
            )
            add_fact(
                self.facts,
                "staffCheckPickup",
                QCoreApplication.translate("StaffScreen", "Ready from"),
                format_date(content.pickup_date),
            )
            add_fact(
                self.facts,
                "staffCheckOutlet",
                QCoreApplication.translate("StaffScreen", "Collect at"),
                content.outlet or "",
            )
        self.facts_box.setVisible(True)

    def retranslate(self) -> None:
        self.title.setText(QCoreApplication.translate("StaffScreen", "Voucher check"))
        self.lead.setText(
            QCoreApplication.translate("StaffScreen", "Checked offline, with public keys only.")
        )
        self.new_button.set_text(QCoreApplication.translate("StaffScreen", "Scan another voucher"))
        self._render()

    def wipe(self) -> None:
        super().wipe()
        self._view = VouchersView(VPage.CHECK)
        self._render()
