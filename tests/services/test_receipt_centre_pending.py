"""A business recorded while the fleet's centre was away (R7) keeps that mark on the receipt the
screens are handed (BusinessReceipt.centre_pending), so the receipt screen can say it plainly."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.domain.business import RecordedBusiness
from kiosk.domain.journal import TransactionKind
from kiosk.domain.vouchers import format_voucher_number
from kiosk.services.transaction import business_receipt
from kiosk.services.voucher_codes import VoucherCodes

AT = dt.datetime(2026, 11, 22, 9, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize("pending", [True, False])
def test_the_receipt_carries_centre_pending(pending: bool) -> None:
    recorded = RecordedBusiness(
        idempotency_key="key-1",
        kind=TransactionKind.LOSS_CANCELLATION,
        voucher_number=format_voucher_number("BJCY01", AT.date(), 3),
        recorded_at=AT,
        centre_pending=pending,
    )
    receipt = business_receipt(recorded, VoucherCodes(hmac_key=b"k" * 32), working_days=10)
    assert receipt.centre_pending is pending
    assert receipt.voucher_number == recorded.voucher_number
