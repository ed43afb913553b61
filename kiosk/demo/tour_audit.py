"""The tour's audit log area: the log, a filter, an entry's detail, the integrity check."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.demo.tour_driver import TourError
from kiosk.domain.journal import Outcome
from kiosk.flows.staff_audit import AuditArea, AuditStep
from kiosk.ui.screens.staff.audit import AuditLogScreen

if TYPE_CHECKING:
    from kiosk.demo.tour_staff import StaffTour


def audit_tour(st: StaffTour) -> None:
    """The audit log: its first page, filtered to staff logins, a refused login's detail, and
    the integrity check's result (intact: the tour tampers with nothing)."""
    window = st.tour.kiosk.window
    window.staff_menu.area_chosen.emit("audit")
    st.settle(AuditStep.LOG.value, "the audit log")
    st.shot("audit")
    log = window.staff_screens[AuditStep.LOG.value]
    assert isinstance(log, AuditLogScreen)
    combo = log.action
    index = combo.findData("staff.login")
    if index < 0:
        raise TourError("the audit log's action filter offers no staff login")
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    st.settle(AuditStep.LOG.value, "the audit log of staff logins")
    st.shot("audit-filtered")
    area = st.staff.flow.area
    assert isinstance(area, AuditArea)
    refused = [i for i, e in enumerate(area.view.entries) if e.outcome is Outcome.REFUSED]
    log.entry_tapped.emit(refused[0] if refused else 0)
    st.settle(AuditStep.ENTRY.value, "an audit entry's detail")
    st.shot("audit-entry")
    window.header.back_clicked.emit()
    st.settle(AuditStep.LOG.value)
    log.check_clicked.emit()
    st.settle(AuditStep.CHECK.value, "the audit log's integrity check")
    st.shot("audit-check")
