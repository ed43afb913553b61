"""`kiosk calendar set|show`: an administrator enters a year's holiday arrangement, on the record,
and shows a year back as the kiosk counts it."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING, Any

from kiosk import exit_codes
from kiosk.commands.arguments import bounded_int, path_arg, short_name
from kiosk.commands.common import EXIT_OK, EXIT_USAGE, database_reason, fail
from kiosk.commands.keys import login_name, new_key

if TYPE_CHECKING:  # imported where used: the store and the settings are slow to load
    from sqlalchemy.engine import Engine

    from kiosk.config import Settings
    from kiosk.domain.holiday_arrangement import Arrangement

YEARS = (2000, 2099)  # kiosk.domain.holiday_arrangement.MIN_YEAR, MAX_YEAR


def add_calendar_commands(commands: Any) -> None:
    """Add `calendar` and its sub-commands to the `kiosk` command's sub-parsers."""
    calendar = commands.add_parser(
        "calendar", help="the working-day calendar: enter a year's holiday arrangement"
    )
    sub = calendar.add_subparsers(title="calendar", metavar="WHAT", required=True)
    year = bounded_int(*YEARS)
    set_ = sub.add_parser(
        "set",
        help="enter the State Council's holiday arrangement for YEAR",
        description="Replace every calendar override of YEAR with the arrangement given: the "
        "public holidays and the make-up working days (weekend days worked). Other days follow "
        "Monday to Friday, except the fixed-date holidays. From then on pickup dates in YEAR "
        "are exact, no longer marked approximate. Dates are ISO (2027-02-06) or inclusive "
        "ranges (2027-02-06..2027-02-13), separated by commas or spaces; --file takes a file "
        "of lines 'holidays: DATES' and 'workdays: DATES' ('#' starts a comment). Audited as "
        "calendar.arrangement_set. Exit status: 0 set, 2 refused (bad dates, a date outside "
        "YEAR, a day in both lists, a weekday as a make-up working day) or a settings or audit "
        "key problem, 3 the database could not record it (nothing changed).",
    )
    set_.add_argument("year", type=year, metavar="YEAR", help=f"{YEARS[0]} to {YEARS[1]}")
    given = set_.add_mutually_exclusive_group(required=True)
    given.add_argument("--holidays", metavar="DATES", help="the public holidays of YEAR")
    given.add_argument(
        "--file", type=path_arg("the arrangement file"), metavar="FILE", help="an arrangement file"
    )
    set_.add_argument(
        "--workdays", metavar="DATES", default="", help="the make-up working days of YEAR"
    )
    set_.add_argument(
        "--by",
        type=short_name("--by", 64),  # the audit log's actor column
        metavar="NAME",
        help="who enters it, for the audit log, at most 64 characters (default: the login name)",
    )
    set_.set_defaults(handler=_calendar_set)
    show = sub.add_parser(
        "show",
        help="show YEAR's holidays and make-up working days, and whether it counts exactly",
        description="Exit status: 0 shown, 2 a settings problem, 3 the database unavailable.",
    )
    show.add_argument("year", type=year, metavar="YEAR", help=f"{YEARS[0]} to {YEARS[1]}")
    show.set_defaults(handler=_calendar_show)


def _arrangement(args: argparse.Namespace) -> Arrangement:
    from kiosk.domain.holiday_arrangement import MAX_FILE_BYTES, Arrangement
    from kiosk.store.files import PrivateFileError, read_regular_file

    if args.file is None:
        return Arrangement.parse(args.year, args.holidays, args.workdays)
    if args.workdays:
        raise ValueError("give --workdays in the file, not beside --file")
    try:
        data = read_regular_file(args.file, limit=MAX_FILE_BYTES).data
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError(f"{args.file} is not UTF-8 text") from None
    except (OSError, PrivateFileError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise ValueError(f"cannot read {args.file}: {reason}") from None
    return Arrangement.parse_file(args.year, text)


def _calendar_set(args: argparse.Namespace) -> int:
    from kiosk.domain.holiday_arrangement import ArrangementError
    from kiosk.services.audit_seal import open_audit_seal
    from kiosk.services.calendar_admin import CalendarAdmin
    from kiosk.store.seal import AuditSealError, SealFiles

    try:
        arrangement = _arrangement(args)  # checked before the settings or the database
    except (ArrangementError, ValueError) as exc:
        return fail(f"Calendar not set: {exc}", EXIT_USAGE)

    def make(settings: Settings, engine: Engine) -> str:
        seal = open_audit_seal(engine, SealFiles.in_folder(settings.data_dir), settings.kiosk_id)
        done = CalendarAdmin(engine, seal, settings.kiosk_id).set_arrangement(
            arrangement, actor=args.by or login_name()
        )
        return (
            f"Calendar {done.year} set: {done.holidays} holidays, {done.workdays} make-up "
            f"working days (replaced {done.replaced} overrides); entry {done.audit_seq} of "
            f"chain {settings.kiosk_id}. Pickup dates in {done.year} are exact."
        )

    return new_key(args, "Calendar not set", make, (AuditSealError,))


def _calendar_show(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from kiosk.config import SettingsError, load_settings
    from kiosk.services.calendar_admin import year_calendar
    from kiosk.store.db import create_engine
    from kiosk.store.files import PrivateFileError
    from kiosk.store.urls import DatabaseUrlError, parse_database_url

    try:
        settings = load_settings(config_file=args.config, demo=args.demo)
        engine = create_engine(parse_database_url(settings.resolved_database_url))
    except (SettingsError, DatabaseUrlError) as exc:
        return fail(str(exc), EXIT_USAGE)
    except PrivateFileError as exc:
        return fail(f"Cannot open the database: {exc}", exit_codes.UNAVAILABLE)
    try:
        year = year_calendar(engine, args.year)
    except SQLAlchemyError as exc:
        reason = database_reason(exc)
        return fail(
            f"Cannot read the calendar: {reason}. Is the database up and at its newest schema "
            "(kiosk db upgrade)?",
            exit_codes.UNAVAILABLE,
        )
    finally:
        engine.dispose()
    if year.arrangement_set:
        state = "arrangement entered: exact"
    elif year.published:
        state = "published calendar: exact"
    else:
        state = "no arrangement: approximate (weekends and fixed-date holidays only)"
    print(f"{year.year}: {state}")
    print("holidays: " + _ranges(year.holidays))
    print("workdays: " + _ranges(year.workdays))
    if year.overridden_days and not year.arrangement_set:
        print(f"other overrides: {year.overridden_days} days")
    return EXIT_OK


def _ranges(days: tuple[dt.date, ...]) -> str:
    """2027-02-06..2027-02-13, 2027-02-20: the form `set` takes, so it can be pasted back."""
    from kiosk.domain.holiday_arrangement import runs

    return (
        ", ".join(str(first) if first == last else f"{first}..{last}" for first, last in runs(days))
        or "-"
    )
