"""Repositories: the queries of the store, one module per aggregate.

Each takes a session and never commits (the unit of work does). Reads hand out the plain data of
`kiosk.domain`, so nothing outside the store holds an ORM object or a live session; the use cases
(kiosk.services) write through the row-level helpers at the bottom of some classes.
"""

from kiosk.store.repositories.accounts import ProofRepository, StaffAccountRepository
from kiosk.store.repositories.cardholders import CardholderRepository, CardRepository
from kiosk.store.repositories.desk import DeskRepository
from kiosk.store.repositories.journal import JournalRepository
from kiosk.store.repositories.outbox import OutboxRepository
from kiosk.store.repositories.outlets import CalendarRepository, OutletRepository
from kiosk.store.repositories.records import RecordsRepository
from kiosk.store.repositories.service import ServiceStateRepository
from kiosk.store.repositories.vouchers import VoucherRepository

__all__ = [
    "CalendarRepository",
    "CardRepository",
    "CardholderRepository",
    "DeskRepository",
    "JournalRepository",
    "OutboxRepository",
    "OutletRepository",
    "ProofRepository",
    "RecordsRepository",
    "ServiceStateRepository",
    "StaffAccountRepository",
    "VoucherRepository",
]
