"""The service menu's areas, in its order: each one's key, the permission it needs, its flow
and its commands' plans (kiosk.flows.staff.AreaSpec). Who sees which follows from the role's
permissions (kiosk.domain.staff.ROLE_PERMISSIONS)."""

from __future__ import annotations

from kiosk.domain.staff import Permission
from kiosk.flows import (
    staff_audit,
    staff_bundle,
    staff_calendar,
    staff_card,
    staff_database,
    staff_diagnostics,
    staff_readers,
    staff_system,
    staff_today,
    staff_vouchers,
)
from kiosk.flows.staff import AreaSpec

AREAS: tuple[AreaSpec, ...] = (
    AreaSpec(
        "vouchers", Permission.VOUCHER_DESK, staff_vouchers.VoucherDeskArea, staff_vouchers.plans
    ),
    AreaSpec("today", Permission.DAY_REPORTS, staff_today.TodayArea, staff_today.plans),
    AreaSpec("audit", Permission.AUDIT_LOG, staff_audit.AuditArea, staff_audit.plans),
    AreaSpec("calendar", Permission.CALENDAR, staff_calendar.CalendarArea, staff_calendar.plans),
    AreaSpec(
        "diagnostics",
        Permission.DIAGNOSTICS,
        staff_diagnostics.DiagnosticsArea,
        staff_diagnostics.plans,
    ),
    AreaSpec("card", Permission.DIAGNOSTICS, staff_card.CardArea, staff_card.plans),
    AreaSpec("readers", Permission.DIAGNOSTICS, staff_readers.ReadersArea, staff_readers.plans),
    AreaSpec("database", Permission.DIAGNOSTICS, staff_database.DatabaseArea, staff_database.plans),
    AreaSpec("system", Permission.DIAGNOSTICS, staff_system.SystemArea, staff_system.plans),
    AreaSpec("bundle", Permission.DIAGNOSTICS, staff_bundle.BundleArea, staff_bundle.plans),
)
