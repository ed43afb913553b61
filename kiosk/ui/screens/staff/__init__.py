"""Staff mode's screens: the entry, login, menu and leave screens (entry.py), and each area's
screens, listed in AREA_SCREENS: the screens an area shows (each named as its flow's pages)
and how their signals reach the area (`connect(screens, send)`: `send(FlowType, fn)` calls
`fn(target)` on the open area, or on its open sub-flow `area.sub`, whichever is a FlowType,
and carries out the commands it returns)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kiosk.ui.screens.staff import (
    audit,
    bundle,
    calendar,
    card,
    database,
    diagnostics,
    readers,
    system,
    today,
    voucher_actions,
    vouchers,
)
from kiosk.ui.screens.staff.base import Send, StaffScreen


@dataclass(frozen=True)
class AreaScreens:
    key: str  # the area's key (kiosk.flows.staff.AreaSpec.key)
    make: Callable[[], list[StaffScreen]]
    connect: Callable[[dict[str, StaffScreen], Send], None]


AREA_SCREENS: tuple[AreaScreens, ...] = (
    AreaScreens("vouchers", vouchers.make_screens, vouchers.connect_screens),
    AreaScreens("vouchers-actions", voucher_actions.make, voucher_actions.connect),
    AreaScreens("today", today.make, today.connect),
    AreaScreens("audit", audit.make_screens, audit.connect),
    AreaScreens("calendar", calendar.make_screens, calendar.connect),
    AreaScreens("diagnostics", diagnostics.make, diagnostics.connect),
    AreaScreens("card", card.make, card.connect),
    AreaScreens("readers", readers.make, readers.connect),
    AreaScreens("database", database.make, database.connect),
    AreaScreens("system", system.make, system.connect),
    AreaScreens("bundle", bundle.make, bundle.connect),
)
