"""The citizen kiosk's one door to the use cases (PRODUCT.md flows 4-8), which the controllers
call on their worker thread. No Qt.

Each use case lives in a module of its own: identification, loss_report, cancellation, reissue
(with outlets and the pickup quote), vouchers (print, lookup, reprint) and statement. This facade
only wires them on one `KioskContext` and keeps the method names the kiosk has always called.

Every refusal is a `NotEligible` with a `Refusal`; a database that cannot be reached is
NotEligible(BACKEND_OFFLINE), for reads and submits alike (a submit keeps its key: the retry
records exactly one transaction). Printing never raises: a failed print leaves the transaction
as it is and says how it failed (R6).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy.engine import Engine

from drivers.printers.base import Printer
from kiosk.domain.business import (
    BusinessReceipt,
    CancellationRequest,
    Identified,
    PickupQuote,
    PrintOutcome,
    ReissueRequest,
    VoucherAccess,
    VoucherLookup,
)
from kiosk.domain.devices import DeviceStatus, PrinterStatus
from kiosk.domain.journal import Agent, LossReportRequest
from kiosk.domain.proof import ProofLimits
from kiosk.domain.records import Outlet
from kiosk.domain.session import Records
from kiosk.domain.voucher_data import KioskInfo, Language
from kiosk.reports.vouchers import Layout
from kiosk.services import devices, printing
from kiosk.services.cancellation import Cancellations
from kiosk.services.centre import CentreApi
from kiosk.services.confirm import CentreConfirmation, Nudge
from kiosk.services.context import KioskContext
from kiosk.services.identification import Identification
from kiosk.services.loss_report import LossReports
from kiosk.services.proof import ProofService
from kiosk.services.registry import FleetRegistry, LocalRegistry, Registry
from kiosk.services.reissue import PICKUP_WORKING_DAYS, Reissues
from kiosk.services.statement import Statements
from kiosk.services.voucher_codes import VoucherCodes
from kiosk.services.vouchers import Vouchers
from kiosk.store.seal import AuditSeal


class BusinessService:
    """The citizen kiosk's one door to the use cases: one method per thing a screen asks."""

    def __init__(
        self,
        engine: Engine,
        kiosk: KioskInfo,
        *,
        signing_key: bytes,
        audit_seal: AuditSeal,
        printer: Printer,
        pickup_working_days: int = PICKUP_WORKING_DAYS,
        fee_fen: int = 0,
        proof_limits: ProofLimits | None = None,
        layout: Layout = "receipt80",
        clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
        voucher_codes: VoucherCodes | None = None,
        centre: CentreApi | None = None,
        sender: Nudge | None = None,
        confirm_wait_s: float = 1.5,
    ) -> None:
        """`centre` set: a kiosk of a fleet (docs/fleet.md), asking the centre for cardholders;
        `sender` is its outbox sender (nudged after each business, whose receipt waits up to
        `confirm_wait_s` for the centre's confirmation). None: standalone."""
        self.context = KioskContext(
            engine=engine,
            kiosk=kiosk,
            signing_key=signing_key,
            audit_seal=audit_seal,
            printer=printer,
            layout=layout,
            clock=clock,
            voucher_codes=voucher_codes,
        )
        self.proofs = ProofService(
            engine,
            kiosk.kiosk_id,
            signing_key=signing_key,
            audit_seal=audit_seal,
            limits=proof_limits or ProofLimits(),
            clock=clock,
            codes=voucher_codes,
        )
        self.pickup_working_days = pickup_working_days
        self.fee_fen = fee_fen
        self.centre = centre  # the staff desk finds other kiosks' vouchers there (fleet)
        # The one place the deployment is chosen: where cardholders come from.
        self.registry: Registry = (
            LocalRegistry(self.proofs)
            if centre is None
            else FleetRegistry(centre, engine, kiosk.kiosk_id, audit_seal=audit_seal, clock=clock)
        )
        self.confirmation = CentreConfirmation(
            engine, sender, fleet=centre is not None, wait_s=confirm_wait_s
        )
        self.context.confirmation = self.confirmation
        self._identification = Identification(self.context, self.proofs, self.registry)
        self._reissues = Reissues(
            self.context, pickup_working_days=pickup_working_days, fee_fen=fee_fen
        )
        self._loss_reports = LossReports(self.context)
        self._cancellations = Cancellations(self.context, pickup_working_days=pickup_working_days)
        self._vouchers = Vouchers(self.context, self.proofs, self.registry)
        self._statements = Statements(self.context)

    @property
    def engine(self) -> Engine:
        return self.context.engine

    @property
    def kiosk(self) -> KioskInfo:
        return self.context.kiosk

    @property
    def printer(self) -> Printer:
        return self.context.printer

    @printer.setter
    def printer(self, printer: Printer) -> None:
        # The demo swaps in a faulty printer while the kiosk runs; every use case follows.
        self.context.printer = printer

    @property
    def layout(self) -> Layout:
        return self.context.layout

    # Identification and eligibility (kiosk.services.identification) ----------------------------

    def identify(self, ssn: str, mobile: str) -> Identified:
        return self._identification.identify(ssn, mobile)

    def identify_card(self, ssn: str, card_number: str) -> Identified:
        return self._identification.identify_card(ssn, card_number)

    def end_session(self) -> None:
        """A citizen's session ended: what the centre sent for it is forgotten (fleet)."""
        self.registry.end_session()

    # A reissue's details (kiosk.services.reissue) ---------------------------------------------

    def outlets(self) -> list[Outlet]:
        return self._reissues.outlets()

    def pickup_quote(self) -> PickupQuote:
        return self._reissues.pickup_quote()

    # Submitting, each one database transaction once per key (R4, R5) --------------------------

    def report_loss(self, request: LossReportRequest) -> BusinessReceipt:
        return self._loss_reports.report_loss(request)

    def apply_reissue(self, request: ReissueRequest) -> BusinessReceipt:
        return self._reissues.apply_reissue(request)

    def cancel_loss_report(self, request: CancellationRequest) -> BusinessReceipt:
        return self._cancellations.cancel_loss_report(request)

    # Printing and vouchers (kiosk.services.vouchers, kiosk.services.statement) ------------------

    def printer_status(self) -> PrinterStatus:
        """The printer's status in the kiosk's terms; never raises."""
        return printing.printer_status(self.context.printer)

    def printer_device(self) -> DeviceStatus:
        """The printer in the one device vocabulary (the status strip, diagnostics)."""
        return devices.read_printer_device(self.context.printer)

    def print_voucher(self, code: str, language: Language) -> PrintOutcome:
        return self._vouchers.print_voucher(code, language)

    def lookup_code(self, code: str) -> VoucherLookup:
        return self._vouchers.lookup_code(code)

    def lookup_person(self, ssn: str, mobile: str) -> VoucherLookup:
        return self._vouchers.lookup_person(ssn, mobile)

    def reprint_self_service(
        self, voucher_number: str, language: Language, access: VoucherAccess
    ) -> PrintOutcome:
        return self._vouchers.reprint_self_service(voucher_number, language, access)

    def print_statement(
        self, records: Records, year: int | None, language: Language
    ) -> PrintOutcome:
        return self._statements.print_statement(records, year, language)


# Copy each use case's docstring onto its door, so help() and the IDE show the contract.
for _name, _impl in (
    ("identify", Identification.identify),
    ("identify_card", Identification.identify_card),
    ("outlets", Reissues.outlets),
    ("pickup_quote", Reissues.pickup_quote),
    ("report_loss", LossReports.report_loss),
    ("apply_reissue", Reissues.apply_reissue),
    ("cancel_loss_report", Cancellations.cancel_loss_report),
    ("print_voucher", Vouchers.print_voucher),
    ("lookup_code", Vouchers.lookup_code),
    ("lookup_person", Vouchers.lookup_person),
    ("reprint_self_service", Vouchers.reprint_self_service),
    ("print_statement", Statements.print_statement),
):
    getattr(BusinessService, _name).__doc__ = _impl.__doc__

__all__ = ["Agent", "BusinessService"]
