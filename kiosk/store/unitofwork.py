"""The unit of work: one business transaction, committed whole or not at all.

    uow = UnitOfWork(engine, seal)
    with uow:
        ...                    # repositories: uow.cards, uow.journal, uow.vouchers, uow.audit...
        uow.commit()           # without this, leaving the block rolls everything back

A `UnitOfWork` can be entered again after it is left; each entry is a fresh session and a fresh
transaction, which is how a use case retries (see `kiosk.store.once`). Inside one entry
there is exactly one commit: a second raises, so a block can never commit two half-transactions.

`seal` is the kiosk's `AuditSeal` (kiosk.store.seal), which the composition root makes once:
audit entries are sealed with its key, and a commit that added entries appends the chains' new
heads to its anchor file, under the file's lock, right after the database commit. A unit of work
made without a seal (seeding, reading) refuses to append audit entries.
"""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from kiosk.store.audit import AuditRepository
from kiosk.store.repositories import (
    CalendarRepository,
    CardholderRepository,
    CardRepository,
    DeskRepository,
    JournalRepository,
    OutboxRepository,
    OutletRepository,
    ProofRepository,
    RecordsRepository,
    ServiceStateRepository,
    StaffAccountRepository,
    VoucherRepository,
)
from kiosk.store.seal import AuditSeal


class UnitOfWork:
    session: Session
    cardholders: CardholderRepository
    cards: CardRepository
    records: RecordsRepository
    outlets: OutletRepository
    calendar: CalendarRepository
    journal: JournalRepository
    vouchers: VoucherRepository
    audit: AuditRepository
    outbox: OutboxRepository
    proofs: ProofRepository
    staff: StaffAccountRepository
    desk: DeskRepository
    service: ServiceStateRepository

    def __init__(self, engine: Engine, seal: AuditSeal | None = None) -> None:
        self.engine = engine
        self.seal = seal
        self._open = False
        self._committed = False

    def __enter__(self) -> Self:
        if self._open:
            raise RuntimeError("this unit of work is already open")
        # expire_on_commit=False: values read before the commit stay readable after it.
        self.session = Session(self.engine, expire_on_commit=False)
        self.cardholders = CardholderRepository(self.session)
        self.cards = CardRepository(self.session)
        self.records = RecordsRepository(self.session)
        self.outlets = OutletRepository(self.session)
        self.calendar = CalendarRepository(self.session)
        self.journal = JournalRepository(self.session)
        self.vouchers = VoucherRepository(self.session)
        self.audit = AuditRepository(self.session, self.seal)
        self.outbox = OutboxRepository(self.session)
        self.proofs = ProofRepository(self.session)
        self.staff = StaffAccountRepository(self.session)
        self.desk = DeskRepository(self.session)
        self.service = ServiceStateRepository(self.session)
        self._open = True
        self._committed = False
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            # Whatever was not committed is undone: an exception, or a forgotten commit.
            self.session.rollback()
        finally:
            self.session.close()
            self._open = False

    def commit(self) -> None:
        if not self._open:
            raise RuntimeError("commit outside the unit of work")
        if self._committed:
            raise RuntimeError("this unit of work has already committed its transaction")
        heads = self.audit.pending_heads()
        if not heads or self.seal is None:
            self.session.commit()
        else:
            # Locked before the commit, so heads reach the anchor in commit order; a crash
            # between the two leaves the anchor one commit behind, which the check allows.
            with self.seal.anchor.holding() as anchor:
                self.session.commit()
                anchor.record(heads)
        self.audit.forget_pending()
        self._committed = True

    def rollback(self) -> None:
        self.session.rollback()
        self.audit.forget_pending()
