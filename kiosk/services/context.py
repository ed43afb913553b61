"""What every use case of the citizen kiosk works with: the database, this kiosk, its keys, the
printer and the clock, made once by the composition root and shared by the use-case modules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine

from drivers.printers.base import Printer
from kiosk.domain.voucher_data import KioskInfo
from kiosk.reports.vouchers import Layout
from kiosk.services.confirm import CentreConfirmation
from kiosk.services.voucher_codes import VoucherCodes
from kiosk.store.seal import AuditSeal
from kiosk.store.unitofwork import UnitOfWork


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class KioskContext:
    """Mutable on purpose: the demo swaps `printer` for a faulty one while the kiosk runs."""

    engine: Engine
    kiosk: KioskInfo
    signing_key: bytes
    audit_seal: AuditSeal
    printer: Printer
    # The paper in `printer`: an 80 mm roll or A4 sheets. Vouchers and the records statement
    # come out of the same printer, so both follow it.
    layout: Layout = "receipt80"
    clock: Callable[[], dt.datetime] = field(default=_utc_now)
    # The codes the kiosk signs and reads (kiosk.services.voucher_key.open_voucher_codes); None
    # signs old SSK1 codes with `signing_key` (tests that need no Ed25519 key).
    voucher_codes: VoucherCodes | None = None
    # Fleet: the outbox sender nudged after a business and the wait for the centre's word
    # (kiosk.services.confirm); standalone (None, or no sender): nothing waits.
    confirmation: CentreConfirmation | None = None

    def codes(self) -> VoucherCodes:
        return self.voucher_codes or VoucherCodes(hmac_key=self.signing_key)

    def uow(self) -> UnitOfWork:
        """A unit of work that seals its audit entries with the kiosk's key."""
        return UnitOfWork(self.engine, self.audit_seal)

    def now(self) -> dt.datetime:
        return self.clock()

    def centre_pending(self, idempotency_key: str) -> bool:
        """Fleet: whether the centre has not yet confirmed this business (after nudging the
        sender and a short wait); standalone: never."""
        return self.confirmation is not None and self.confirmation.pending(idempotency_key)
