"""`kiosk diag bundle --out DIR`: the diagnostics bundle, one archive for a ticket, written into
DIR (a USB stick's folder) and recorded in the audit log when the kiosk's database is there.

The documents are gathered by kiosk.diag_setup.collect_bundle and written by
kiosk.services.bundle. Exit status: 0 written, 2 usage (bad settings; DIR missing, not a
folder, or it cannot be written: nothing was written).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from kiosk import exit_codes
from kiosk.commands.arguments import path_arg, short_name
from kiosk.commands.common import fail


def add_bundle_command(diag_commands: Any) -> None:
    """Add `diag bundle` to the `diag` sub-parsers."""
    cmd = diag_commands.add_parser(
        "bundle",
        help="write the diagnostics bundle (versions, settings without secrets, devices, "
        "database check, log tail) into a folder",
        description="Write one archive, diag-<kiosk>-<UTC time>.tar.gz (0600), into DIR: "
        "versions, the settings with secrets removed, the system (disk, clock, memory), the "
        "card readers and the printer, the database and its quick check, the log's last "
        "2000 lines. ID numbers, card numbers, mobiles and keys are masked in every document. "
        "Recorded in the audit log when the kiosk's database is there. Exit status: 0 "
        "written, 2 usage (bad settings, DIR missing, not a folder or not writable).",
    )
    cmd.add_argument(
        "--out",
        required=True,
        type=path_arg("the --out folder"),
        metavar="DIR",
        help="an existing folder to write the bundle into (a USB stick's)",
    )
    cmd.add_argument(
        "--by",
        type=short_name("--by", 64),  # the audit log's actor column
        metavar="NAME",
        help="who makes the bundle, for the audit log (default: the login name)",
    )
    cmd.add_argument("--json", action="store_true")
    cmd.set_defaults(handler=_diag_bundle)


def _diag_bundle(args: argparse.Namespace) -> int:
    from kiosk.commands.keys import login_name
    from kiosk.config import SettingsError, load_settings
    from kiosk.diag_setup import add_selftest, collect_bundle, record_bundle
    from kiosk.services.bundle import BundleError, folder_problem
    from kiosk.services.technician_audit import Actor

    try:
        settings = load_settings(config_file=args.config, demo=args.demo)
    except SettingsError as exc:
        return fail(str(exc), exit_codes.USAGE)
    problem = folder_problem(args.out)  # before a minute of gathering, not after
    if problem:
        return fail(f"No bundle written: {problem}.", exit_codes.USAGE)
    bundle = collect_bundle(settings, contributors=[add_selftest(settings)])
    try:
        written = bundle.write(args.out)
    except BundleError as exc:
        return fail(f"No bundle written: {exc}.", exit_codes.USAGE)
    actor = args.by or login_name()
    audit_problem = record_bundle(settings, written, Actor(actor))
    if args.json:
        out = {
            "path": str(written.path),
            "bytes": written.size,
            "documents": list(written.documents),
            "audited": audit_problem is None,
            "audit_problem": audit_problem,
        }
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        print(f"Wrote {written.path} ({written.size:,} bytes, {len(written.documents)} documents)")
        if audit_problem is None:
            print(f"Audit log: recorded as diag.bundle_exported (technician {actor})")
        else:
            print(f"Audit log: not recorded: {audit_problem}")
    return exit_codes.OK
