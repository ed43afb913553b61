"""Vouchers in the journal without a business behind them: what the key policy tests need (a
kiosk that has signed vouchers). Tests import this as `from journal_helpers import …`."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy.engine import Engine

from kiosk.domain.journal import TransactionKind, VoucherKind
from kiosk.store.unitofwork import UnitOfWork


def issue_vouchers(
    engine: Engine, kiosk_id: str, count: int = 1, at: dt.datetime | None = None
) -> None:
    """`count` loss-report vouchers of `kiosk_id`, each with its transaction, issued `at`
    (now by default)."""
    at = at or dt.datetime.now(dt.UTC)
    with UnitOfWork(engine) as uow:
        for _ in range(count):
            tx = uow.journal.add_transaction(
                key=uuid.uuid4().hex,
                request_hash="0" * 64,
                kind=TransactionKind.LOSS_REPORT,
                kiosk_id=kiosk_id,
                at=at,
                cardholder_id=None,
            )
            number = uow.vouchers.next_voucher_number(kiosk_id, at.date())
            uow.vouchers.add_voucher(
                number=number, kind=VoucherKind.LOSS_RECEIPT, transaction_id=tx.id, at=at
            )
        uow.commit()
