"""The voucher desk's test bench: a demo back end with a clerk, a technician and a disabled
account, the citizen kiosk to issue vouchers, and the desk on the same clock and printer. Tests
import this as `from desk_helpers import …`."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from drivers.printers.fake import FakePrinter
from kiosk.domain.business import PrintOutcome, ReissueRequest
from kiosk.domain.desk import DeskRefusal, DeskRefused, DeskVoucher, HistoryKind, StaffActor
from kiosk.domain.journal import (
    AccountRole,
    ActorKind,
    AuditEntry,
    LossReportKind,
    LossReportRequest,
    Outcome,
    ReissueReason,
)
from kiosk.domain.voucher_data import KioskInfo
from kiosk.services.business import BusinessService
from kiosk.services.context import KioskContext
from kiosk.services.voucher_desk import VoucherDesk
from kiosk.services.vouchers import Vouchers
from kiosk.store import models as m
from kiosk.store.audit import AuditRepository
from kiosk.store.check import check_database
from kiosk.store.db import read_session
from kiosk.store.seal import AuditSeal
from kiosk.store.unitofwork import UnitOfWork

KEY = b"desk-test-key"
START = dt.datetime(2026, 12, 5, 2, 0, tzinfo=dt.UTC)
NORMAL_SSN, NORMAL_CARD = "110105198506120173", "A1052103X"
NO_PHOTO_SSN = "440106197811230350"
CLERK = StaffActor("clerk1", AccountRole.CLERK)
TECH = StaffActor("tech1", AccountRole.TECHNICIAN)
GONE = StaffActor("gone1", AccountRole.CLERK)  # disabled
NOBODY = StaffActor("nobody", AccountRole.CLERK)


class Clock:
    def __init__(self, start: dt.datetime = START) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@dataclass
class Desk:
    engine: Engine
    seal: AuditSeal
    clock: Clock
    printer: FakePrinter
    kiosk: BusinessService
    desk: VoucherDesk

    def reissue(self, ssn: str = NORMAL_SSN, card: str = NORMAL_CARD) -> tuple[str, str]:
        """A reissue after a loss, printed: (voucher number, QR code)."""
        request = ReissueRequest(
            uuid.uuid4().hex, "BJCY01", ssn, card, ReissueReason.LOST, "BJCY-01"
        )
        receipt = self.kiosk.apply_reissue(request)
        assert self.kiosk.print_voucher(receipt.qr_payload, "zh_CN") is PrintOutcome.PRINTED
        return receipt.voucher_number, receipt.qr_payload

    def loss_report(self, ssn: str = NO_PHOTO_SSN) -> str:
        """A temporary loss report's voucher (no new card behind it)."""
        request = LossReportRequest(uuid.uuid4().hex, "BJCY01", ssn, LossReportKind.TEMPORARY)
        return self.kiosk.report_loss(request).voucher_number

    def entries(self) -> list[AuditEntry]:
        """The kiosk's audit entries, oldest first."""
        with read_session(self.engine) as s:
            return list(reversed(AuditRepository(s).entries(chain="BJCY01")))

    def refused(self, call: Callable[..., object], *args: object, **kw: object) -> DeskRefusal:
        before = len(self.entries())
        with pytest.raises(DeskRefused) as caught:
            call(*args, **kw)
        # A refusal is audited, in its own transaction, and is the only thing written.
        new = self.entries()[before:]
        assert [(e.action, e.outcome, e.actor_kind) for e in new] == [
            ("desk.refused", Outcome.REFUSED, ActorKind.STAFF)
        ]
        assert new[0].detail["refusal"] == caught.value.refusal.value
        return caught.value.refusal

    def check(self) -> None:
        report = check_database(self.engine, seal=self.seal)
        assert report.ok, "\n".join(report.lines())


def make_desk(engine: Engine, seal: AuditSeal) -> Desk:
    clock, printer = Clock(), FakePrinter()
    kiosk = BusinessService(
        engine,
        KioskInfo("BJCY01", "朝阳区社保服务大厅"),
        signing_key=KEY,
        audit_seal=seal,
        printer=printer,
        clock=clock,
    )
    with UnitOfWork(engine) as uow:
        for login, role in (("clerk1", AccountRole.CLERK), ("tech1", AccountRole.TECHNICIAN)):
            uow.staff.add(login=login, display_name=login, role=role, password_hash="x", at=START)
        uow.staff.add(
            login="gone1", display_name="g", role=AccountRole.CLERK, password_hash="x", at=START
        )
        uow.session.execute(
            sa.update(m.StaffAccount).where(m.StaffAccount.login == "gone1").values(active=False)
        )
        uow.commit()
    desk = VoucherDesk(kiosk.context, Vouchers(kiosk.context, kiosk.proofs))
    return Desk(engine, seal, clock, printer, kiosk, desk)


def kinds(voucher: DeskVoucher) -> list[HistoryKind]:
    return [event.kind for event in voucher.history]


def at_once(n: int, call: Callable[[], object]) -> list[str]:
    """Run `call` on `n` threads released together: "ok" or the refusal's value for each."""
    results: list[str] = []
    start = threading.Barrier(n)

    def run() -> None:
        start.wait()
        try:
            call()
            results.append("ok")
        except DeskRefused as exc:
            results.append(exc.refusal.value)

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return results


def make_context(engine: Engine, seal: AuditSeal) -> KioskContext:
    return KioskContext(
        engine=engine,
        kiosk=KioskInfo("BJCY01", "x"),
        signing_key=KEY,
        audit_seal=seal,
        printer=FakePrinter(),
        clock=Clock(),
    )


def desk_voucher(**changes: object) -> DeskVoucher:
    """A card receipt voucher of a final loss report's reissue as the desk shows it, applied
    for and printed once, with `changes` made (flow and screen tests, no database)."""
    import dataclasses

    from kiosk.domain.calendar import CHINA_TZ
    from kiosk.domain.journal import ReissueProgress, TransactionKind, VoucherKind

    issued = dt.datetime(2026, 12, 1, 9, 30, tzinfo=CHINA_TZ)
    voucher = DeskVoucher(
        number="BJCY01-20261201-000001-K",
        kind=VoucherKind.CARD_RECEIPT,
        transaction_kind=TransactionKind.REISSUE,
        loss_kind=LossReportKind.FINAL,
        kiosk_id="BJCY01",
        issued_at=issued,
        masked_name="王*",
        masked_id_number="1101**********0173",
        masked_card_number="A1*****3X",
        progress=ReissueProgress.APPLIED,
        pickup_date=dt.date(2026, 12, 20),
        outlet_code="BJCY-01",
        prints=1,
        reimbursement=None,
        history=(),
    )
    return dataclasses.replace(voucher, **changes)  # type: ignore[arg-type]
