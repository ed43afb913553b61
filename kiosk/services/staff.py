"""The staff side's one door: what a logged-in clerk, technician or administrator can use, over
the same back end, key and printer as the citizen kiosk (kiosk.services.business), and what
leaving kiosk mode, taking the kiosk out of service and back, and the diagnostics bundle made
on screen record. Built once per kiosk; the Argon2 hasher is made at the first login,
not at start-up (P5)."""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from drivers.readers.base import CardReaderBackend
from kiosk.domain.journal import ActorKind, Outcome
from kiosk.domain.outage import ServiceState
from kiosk.domain.service_entry import EntryAnswer, EntryOutcome, ServiceEntryGate
from kiosk.domain.staff import StaffSession
from kiosk.services.audit_browse import AuditBrowser
from kiosk.services.business import BusinessService
from kiosk.services.calendar_admin import CalendarAdmin
from kiosk.services.card_bench import CardBench
from kiosk.services.context import KioskContext
from kiosk.services.day_report import DayReports
from kiosk.services.export_places import ExportPlaces
from kiosk.services.idcard import IdCardWatch
from kiosk.services.maintenance import ServiceChange, read_service_state, set_in_service
from kiosk.services.reader_diag import ReaderDiagnostics
from kiosk.services.staff_auth import StaffAuth
from kiosk.services.staff_diagnostics import BundleRun, DiagnosticsTools
from kiosk.services.staff_reports import ReportTools
from kiosk.services.technician_audit import Actor, AuditTarget, record_technician_action
from kiosk.services.voucher_desk import VoucherDesk
from kiosk.services.vouchers import Vouchers

log = logging.getLogger(__name__)

ENTRY_REFUSED = "service_entry.refused"  # the code pad shut after too many wrong codes
MODE_LEFT = "kiosk.mode_left"  # an administrator or technician left kiosk mode


class StaffServices:
    """The staff screens' services for one kiosk. `service_code` empty: no service entry.
    `public_keys`: other kiosks' voucher public keys the desk checks codes with (key id -> key,
    kiosk.services.voucher_key.load_public_keys).
    `export_dir`: the kiosk's folder for CSV exports (Settings.resolved_export_dir; None: USB
    drives only). `reader`: the kiosk's card reader, for the technician's card bench and
    Readers page (None: neither works); `reader_name` the reader the kiosk uses (the settings'
    reader_name, "" any), `simulated_reader` whether it is the demo's in-process reader (no
    pcscd).
    `diagnostics`: the technician's tools, made from the settings (kiosk.diag_setup
    .diagnostics_tools); None: the diagnostics area says they are not available.
    `reports`: the Database and System reports (kiosk.diag_setup.report_tools); None: those
    areas say they are not available."""

    def __init__(
        self,
        business: BusinessService,
        *,
        service_code: str = "",
        public_keys: Mapping[str, Ed25519PublicKey] | None = None,
        export_dir: Path | None = None,
        reader: CardReaderBackend | None = None,
        reader_name: str = "",
        simulated_reader: bool = False,
        id_watch: IdCardWatch | None = None,
        diagnostics: DiagnosticsTools | None = None,
        reports: ReportTools | None = None,
    ) -> None:
        self.context: KioskContext = business.context
        self._clock: Callable[[], dt.datetime] = self.context.clock
        self.entry = ServiceEntryGate(service_code, self._clock) if service_code else None
        self.desk = VoucherDesk(
            self.context,
            Vouchers(self.context, business.proofs),
            public_keys=public_keys,
            centre=business.centre,  # a fleet kiosk: other kiosks' vouchers are found there
        )
        self.days = DayReports(self.context)
        self.exports = ExportPlaces(export_dir)
        self.audit = AuditBrowser(self.context)
        self.diagnostics = diagnostics
        self.reports = reports
        self.calendar = CalendarAdmin(
            self.context.engine,
            self.context.audit_seal,
            self.context.kiosk.kiosk_id,
            self._clock,
        )
        self.card = CardBench(reader, self.context) if reader is not None else None
        self.readers = (
            ReaderDiagnostics(
                reader, wanted=reader_name, simulated=simulated_reader, id_watch=id_watch
            )
            if reader is not None
            else None
        )

    @functools.cached_property
    def auth(self) -> StaffAuth:
        """Made at the first login (its Argon2 dummy hash takes a moment)."""
        ctx = self.context
        return StaffAuth(ctx.engine, ctx.audit_seal, ctx.kiosk.kiosk_id, clock=self._clock)

    def check_code(self, typed: str) -> EntryAnswer:
        """The code typed on the service entry's pad. Shutting the entry is audited (someone
        tried codes at this kiosk); a wrong code alone is only logged."""
        if self.entry is None:
            return EntryAnswer(EntryOutcome.SHUT)
        answer = self.entry.check(typed)
        log.info("service_entry.code outcome=%s", answer.outcome.value)
        if answer.outcome is EntryOutcome.SHUT and answer.until is not None:
            self._audit_kiosk(ENTRY_REFUSED, Outcome.REFUSED, {"until": answer.until.isoformat()})
        return answer

    def leave_kiosk_mode(self, session: StaffSession) -> None:
        """Record that `session`'s administrator or technician leaves kiosk mode; raises when
        it cannot be recorded (then the kiosk does not leave it)."""
        detail: dict[str, object] = {"role": session.role.value}
        record_technician_action(
            self._target(session), MODE_LEFT, Outcome.OK, detail, self._clock()
        )
        log.info("kiosk.mode_left role=%s", session.role.value)

    # Out of service for maintenance, and back ------------------------------------------------

    def service_state(self) -> ServiceState:
        """Whether this kiosk serves citizens or is out of service for maintenance."""
        ctx = self.context
        return read_service_state(ctx.engine, ctx.kiosk.kiosk_id)

    def set_in_service(self, session: StaffSession, in_service: bool) -> ServiceChange:
        """Take the kiosk out of service for maintenance (False) or return it (True), recorded
        with `session`'s login and kind; raises when it cannot be recorded (nothing changed)."""
        return set_in_service(self._target(session), in_service, self._clock())

    # The diagnostics bundle ------------------------------------------------------------------

    def make_bundle(self, folder: Path, session: StaffSession) -> BundleRun:
        """The diagnostics bundle written into `folder` (an export place) with this kiosk's
        last card test (masked) added, recorded with `session`'s login. Raises LookupError
        when this kiosk has no bundle tool, BundleRefused when the place cannot take it."""
        tools = self.diagnostics
        if tools is None or tools.bundle is None:
            raise LookupError("no diagnostics bundle on this kiosk")
        documents: dict[str, Any] = {}
        if self.card is not None and self.card.last_test is not None:
            documents["card_test.json"] = self.card.last_test
        return tools.bundle(folder, Actor.of(session), documents)

    def _target(self, session: StaffSession) -> AuditTarget:
        ctx = self.context
        return AuditTarget(ctx.engine, ctx.audit_seal, ctx.kiosk.kiosk_id, Actor.of(session))

    def _audit_kiosk(self, action: str, outcome: Outcome, detail: dict[str, object]) -> None:
        ctx = self.context
        try:
            with ctx.uow() as uow:
                uow.audit.append(
                    chain=ctx.kiosk.kiosk_id,
                    actor_kind=ActorKind.SYSTEM,
                    actor=ctx.kiosk.kiosk_id,
                    action=action,
                    outcome=outcome,
                    at=self._clock(),
                    detail=detail,
                )
                uow.commit()
        except Exception as exc:  # the entry stays shut all the same
            log.warning("service_entry.audit_failed error=%s", type(exc).__name__)
