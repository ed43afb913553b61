"""Whether each kiosk serves citizens or is out of service for maintenance (kiosk_service):
read at start-up and at every back end check, written with the audit entry that records it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from kiosk.domain.outage import ServiceState
from kiosk.store import models as m
from kiosk.store.upsert import upsert


class ServiceStateRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, kiosk_id: str) -> ServiceState:
        """The kiosk's state; in service when it was never set."""
        row = self.session.get(m.KioskServiceState, kiosk_id)
        if row is None:
            return ServiceState()
        return ServiceState(row.in_service, row.changed_at, row.changed_by)

    def set(self, kiosk_id: str, *, in_service: bool, at: dt.datetime, by: str) -> None:
        """One statement, so two technicians setting it at once cannot collide on the row."""
        self.session.execute(
            upsert(
                self.session,
                m.KioskServiceState,
                {"kiosk_id": kiosk_id},
                {"in_service": in_service, "changed_at": at, "changed_by": by[:64]},
            )
        )
