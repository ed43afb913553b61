"""The overview section of My records: the insured status per insurance type, and the pension
and medical account balances."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.domain import vocabulary
from kiosk.domain.records import AccountType, EnrolmentStatus, InsuranceType, PersonalAccount
from kiosk.ui.i18n import format_date, format_year, format_yuan, words
from kiosk.ui.icons import pixmap
from kiosk.ui.screens.records.entries import Section
from kiosk.ui.theme import PALETTE, SPACING
from kiosk.ui.widgets.parts import Card, clear_layout, divider, make_label, make_pill, set_tone

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


class OverviewSection(Section):
    """The body of the overview's scroll area; rebuilt by `show_records` and `retranslate`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING.l)
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

    def _set_titles(self) -> None:
        self.insurance_title.setText(self.tr("Insurance status"))

    def _render(self) -> None:
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
            name.setText(words(vocabulary.INSURANCE_TYPES[kind]))
            since = make_label("muted", object_name=f"insuranceSince_{kind.value}")
            pill = make_pill(f"insuranceStatus_{kind.value}")
            enrolment = enrolments.get(kind)
            if enrolment is None:
                pill.setText(self.tr("Not insured"))
                set_tone(pill, "neutral")
            else:
                pill.setText(words(vocabulary.ENROLMENT_STATUSES[enrolment.status]))
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
