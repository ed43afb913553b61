"""Staff mode's screens: the entry, login, menu and leave screens (entry.py), and each area's
screens, listed in AREA_SCREENS: the screens an area shows (each named as its flow's pages)
and how their signals reach the area (`connect(screens, send)`: `send(FlowType, fn)` calls
`fn(target)` on the open area, or on its open sub-flow `area.sub`, whichever is a FlowType,
and carries out the commands it returns)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kiosk.ui.screens.staff import audit
from kiosk.ui.screens.staff.base import StaffScreen

# send(area type, fn): fn(the open area) -> its commands, carried out by the staff controller.
Send = Callable[[type, Callable[[Any], list[Any]]], None]


@dataclass(frozen=True)
class AreaScreens:
    key: str  # the area's key (kiosk.flows.staff.AreaSpec.key)
    make: Callable[[], list[StaffScreen]]
    connect: Callable[[dict[str, StaffScreen], Send], None]


AREA_SCREENS: tuple[AreaScreens, ...] = (AreaScreens("audit", audit.make_screens, audit.connect),)
