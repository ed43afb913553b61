"""The service menu's areas, in its order: each one's key, the permission it needs, its flow
and its commands' plans (kiosk.flows.staff.AreaSpec). Who sees which follows from the role's
permissions (kiosk.domain.staff.ROLE_PERMISSIONS)."""

from __future__ import annotations

from kiosk.domain.staff import Permission
from kiosk.flows import staff_audit
from kiosk.flows.staff import AreaSpec

AREAS: tuple[AreaSpec, ...] = (
    AreaSpec("audit", Permission.AUDIT_LOG, staff_audit.AuditArea, staff_audit.plans),
)
