"""What the staff areas "database" and "system" read, as callables the composition root makes
from the settings (kiosk.diag_setup.report_tools): the services layer cannot read the settings
itself. Each call makes a fresh report and may take seconds: the worker calls them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kiosk.services.database_report import DatabaseReport
from kiosk.services.system_report import SystemReport


@dataclass(frozen=True)
class ReportTools:
    """`database()`: the Database report of the kiosk's database; `system()`: the System
    report of the machine the kiosk runs on."""

    database: Callable[[], DatabaseReport]
    system: Callable[[], SystemReport]
