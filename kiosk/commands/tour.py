"""`kiosk tour`: drive every screen headless and save the screenshots and tour.json."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any

from kiosk import exit_codes
from kiosk.commands.arguments import nonblank
from kiosk.commands.common import EXIT_OK, EXIT_USAGE, fail
from kiosk.domain.text import shorten


def add_tour_command(commands: Any) -> None:
    """Add `tour` to the `kiosk` command's sub-parsers."""
    tour = commands.add_parser(
        "tour", help="drive every screen headless and save screenshots and tour.json"
    )
    tour.add_argument(
        "--out",
        type=nonblank("the --out folder"),
        required=True,
        help="folder for the PNGs and tour.json",
    )
    tour.add_argument("--lang", choices=["zh_CN", "en", "all"], default="all")
    tour.set_defaults(handler=_tour)


def _tour(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = Path(args.out)
    problem = _unwritable_folder(out)
    if problem:
        return fail(f"Cannot write the tour into {shorten(args.out)}: {problem}", EXIT_USAGE)
    from kiosk.config import SettingsError
    from kiosk.demo.tour import LANGUAGES, TourError, run_tour

    languages = LANGUAGES if args.lang == "all" else (args.lang,)
    try:
        index = run_tour(out, languages)
    except SettingsError as exc:
        return fail(str(exc), EXIT_USAGE)
    except TourError as exc:
        return fail(f"The tour stopped: {exc}", exit_codes.FAILED)
    except OSError as exc:  # writing into --out failed after all (e.g. /proc refuses folders)
        where = Path(os.fsdecode(exc.filename)) if exc.filename else None
        if where is None or not (where == out or out in where.parents):
            raise
        return fail(f"Cannot write the tour into {shorten(args.out)}: {exc.strerror}", EXIT_USAGE)
    shots = json.loads(index.read_text(encoding="utf-8"))["shots"]
    print(f"{len(shots)} screenshots in {out}; index: {index}")
    return EXIT_OK


def _unwritable_folder(folder: Path) -> str | None:
    """Why the tour could not write into `folder`, or None if it could; nothing is made here,
    so a tour refused later (a bad setting) leaves nothing behind."""
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent  # the nearest folder that exists: the tour makes the rest
    if not probe.is_dir():
        return f"{probe} is a file, not a folder; name a folder"
    if not os.access(probe, os.W_OK | os.X_OK):
        return f"{probe} cannot be written (permission denied); name a folder you may write"
    return None
