"""`kiosk diag printer [--test-page]`: the configured printer as a technician looks at it, and a
test page printed on it (audited when the kiosk's database is there).

The work is kiosk.services.printer_diag's; here are the options, the output and the exit code:
0 the printer is ready (and the test page printed, when asked), 1 it is not (out of paper,
offline, an error; or the test page did not print), 2 usage (bad settings or arguments).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import Any

from kiosk import exit_codes
from kiosk.commands.arguments import bounded_int, short_name
from kiosk.commands.common import fail

MAX_JOBS = 100  # drivers.printers.cups_queue.MAX_JOBS, not imported: pycups loads with it


def add_printer_command(diag_commands: Any) -> None:
    """Add `diag printer` to the `diag` sub-parsers."""
    cmd = diag_commands.add_parser(
        "printer",
        help="the configured printer: state, queue, last jobs; --test-page prints one",
        description="The configured printer (a CUPS queue: its state, whether it accepts jobs, "
        "its state reasons in plain words and its last jobs; the demo's PDF printer: its folder "
        "and last files). --test-page prints a test page (Chinese and English text in the "
        "embedded font, a QR code, a barcode, the kiosk id, location and time), recorded in "
        "the audit log when the kiosk's database is there. Exit status: 0 the printer is "
        "ready (and the test page printed), 1 it is not (or the test page did not print), "
        "2 usage.",
    )
    cmd.add_argument("--test-page", action="store_true", help="print a test page")
    cmd.add_argument(
        "--layout",
        choices=("receipt80", "a4"),
        help="the test page's paper (default: the settings' voucher_layout)",
    )
    cmd.add_argument(
        "--jobs",
        type=bounded_int(0, MAX_JOBS),
        default=10,
        metavar="N",
        help=f"how many of the last jobs (or files) to show (0 to {MAX_JOBS}; 10)",
    )
    cmd.add_argument(
        "--by",
        type=short_name("--by", 64),  # the audit log's actor column
        metavar="NAME",
        help="who prints the test page, for the audit log (default: the login name)",
    )
    cmd.add_argument("--json", action="store_true")
    cmd.set_defaults(handler=_diag_printer)


def _diag_printer(args: argparse.Namespace) -> int:
    from kiosk.commands.keys import login_name
    from kiosk.config import SettingsError, load_settings
    from kiosk.diag_setup import open_audit
    from kiosk.hardware import make_printer
    from kiosk.reports.test_page import TestPage
    from kiosk.services.printer_diag import print_test_page, printer_label, printer_report
    from kiosk.services.technician_audit import Actor
    from kiosk.store.files import PrivateFileError

    try:
        settings = load_settings(config_file=args.config, demo=args.demo)
    except SettingsError as exc:
        return fail(str(exc), exit_codes.USAGE)
    try:
        printer = make_printer(settings)
    except PrivateFileError as exc:  # the PDF printer's folder cannot be made
        return fail(f"The printer cannot be set up: {exc}", exit_codes.FAILED)
    test_page = None
    if args.test_page:
        actor = args.by or login_name()
        audit, problem = open_audit(settings, Actor(actor))
        page = TestPage(
            settings.kiosk_id,
            settings.location,
            dt.datetime.now(dt.UTC),
            printer_label(printer),
            technician=actor,
        )
        layout = args.layout or settings.voucher_layout
        try:
            test_page = print_test_page(printer, page, layout, audit, audit_problem=problem)
        finally:
            if audit is not None:
                audit.engine.dispose()
    report = printer_report(printer, jobs=args.jobs)
    if args.json:
        out = {"printer": report, "test_page": test_page.as_dict() if test_page else None}
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        print(render_printer_report(report))
        if test_page is not None:
            print(render_test_page_result(test_page.as_dict(), args.by or login_name()))
    ok = report["ready"] and (test_page is None or test_page.printed)
    return exit_codes.OK if ok else exit_codes.FAILED


def render_printer_report(report: dict[str, Any]) -> str:
    """`printer_report` as text for a terminal."""
    lines = [f"Printer   {report['printer']}", f"State     {report['state']}: {report['detail']}"]
    cups = report.get("cups")
    if cups is not None:
        if cups["problem"]:
            lines.append(f"Queue     cannot be described: {cups['problem']}")
        else:
            accepting = {True: "accepting jobs", False: "REJECTING jobs", None: "accepting ?"}
            waiting = cups["queued_jobs"]
            lines.append(
                f"Queue     {cups['printer_state']}, {accepting[cups['accepting_jobs']]}"
                + (f", {waiting} job(s) waiting" if waiting is not None else "")
                + (f"; CUPS {cups['cups_version']}" if cups["cups_version"] else "")
            )
            model = f" ({cups['make_and_model']})" if cups["make_and_model"] else ""
            lines.append(f"Device    {cups['device_uri'] or '?'}{model}")
            if cups["message"]:
                lines.append(f"Message   {cups['message']}")
            if cups["reasons"]:
                for n, reason in enumerate(cups["reasons"]):
                    head = "Reasons   " if n == 0 else "          "
                    lines.append(f"{head}{reason['reason']}: {reason['words']}")
            else:
                lines.append("Reasons   none")
            if cups["jobs_problem"]:
                lines.append(f"Last jobs cannot be listed: {cups['jobs_problem']}")
            elif cups["jobs"]:
                lines.append("Last jobs")
                for job in cups["jobs"]:
                    when = job["completed"] or job["created"] or "?"
                    said = f"  ({job['message']})" if job["message"] else ""
                    lines.append(
                        f"  {job['id']:>6}  {job['state']:<9}  {when}  {job['name']}{said}"
                    )
            else:
                lines.append("Last jobs none")
    pdf = report.get("pdf")
    if pdf is not None:
        if pdf["files"]:
            lines.append("Last files")
            for file in pdf["files"]:
                lines.append(f"  {file['written']}  {file['bytes']:>9,} bytes  {file['name']}")
        else:
            lines.append("Last files none")
    return "\n".join(lines)


def render_test_page_result(result: dict[str, Any], actor: str) -> str:
    head = f"Test page ({result['layout']})"
    if result["printed"]:
        where = result["location"] or f"job {result['job_id']}"
        lines = [f"{head} printed: {where}"]
    else:
        lines = [f"{head} NOT printed ({result['outcome']}): {result['problem'] or 'no detail'}"]
    if result["audited"]:
        lines.append(f"Audit log: recorded as diag.test_page (technician {actor})")
    else:
        lines.append(f"Audit log: not recorded: {result['audit_problem']}")
    return "\n".join(lines)
