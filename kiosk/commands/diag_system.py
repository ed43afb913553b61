"""`kiosk diag system [--json]`: the System report (kiosk.services.system_report) for a
technician on SSH: versions, disk free for the data folder, the clock and time zone, uptime,
memory and the log's last lines, as the staff area "system" shows them.

Exit status: 0 nothing wrong, 1 a problem found (the clock would misdate vouchers: the
self-test's clock rule), 2 usage (bad settings). A database that cannot be reached is no
failure here (`kiosk db check` is the command for it): its server version is then unknown.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from kiosk import exit_codes
from kiosk.commands.common import fail


def add_system_command(diag_commands: Any) -> None:
    """Add `diag system` to the `diag` sub-parsers."""
    cmd = diag_commands.add_parser(
        "system",
        help="versions, disk, clock, uptime, memory and the log's last lines",
        description="The System report: the versions the kiosk stands on (the kiosk, Python, "
        "Qt, PySide6, pyscard, pcsc-lite, CUPS, SQLite or the PostgreSQL server), disk free "
        "for the data folder, the clock and time zone (a problem when it would misdate "
        "vouchers), uptime, memory and the log's last 30 lines. Exit status: 0 no problem, "
        "1 a problem found (the clock), 2 usage.",
    )
    cmd.add_argument("--json", action="store_true", help="print the report as one JSON document")
    cmd.set_defaults(handler=_diag_system)


def _diag_system(args: argparse.Namespace) -> int:
    import kiosk
    from kiosk.config import SettingsError, load_settings
    from kiosk.diag_setup import system_report_of

    try:
        settings = load_settings(config_file=args.config, demo=args.demo)
    except SettingsError as exc:
        return fail(str(exc), exit_codes.USAGE)
    report = system_report_of(settings, kiosk.BUILD_DATE)
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        print("\n".join(report.lines()))
    return exit_codes.OK if report.ok else exit_codes.FAILED
