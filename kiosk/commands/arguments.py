"""Argument types for the `kiosk` command: numbers within stated bounds, text without NULs.

argparse calls these on the raw text; an ArgumentTypeError becomes one line naming the option,
so `--wait 1e300` or `--cardholders 100000000000000000000000` is refused before anything runs
instead of overflowing a timer or seeding for ever. The bounds are stated in each option's help.
"""

from __future__ import annotations

import argparse
import math
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from kiosk import exit_codes
from kiosk.domain.text import shorten


class _HelpFormatter(argparse.HelpFormatter):
    """Help text wrapped between words only: a path such as ~/.config/sscard-kiosk/kiosk.toml
    stays whole, so it can be copied from the terminal."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        text = " ".join(text.split())
        return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors are one line (what is wrong, where the help is)
    and exit with exit_codes.USAGE, instead of a usage block and the error under it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        print(f"{self.prog}: {message} (see {self.prog} --help)", file=sys.stderr)
        raise SystemExit(exit_codes.USAGE)


def bounded_int(low: int, high: int) -> Callable[[str], int]:
    """A whole number from `low` to `high`; anything else is refused with the range."""

    def parse(text: str) -> int:
        try:  # ASCII only: int() would also take Arabic-Indic or full-width digits
            value = int(text) if text.isascii() else None
        except ValueError:  # also digit strings too long to convert
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"{_shown(text)} is not a whole number from {low:,} to {high:,}"
            )
        return value

    return parse


def bounded_float(low: float, high: float, unit: str = "") -> Callable[[str], float]:
    """A finite number from `low` to `high` (no nan, no inf); anything else is refused."""

    def parse(text: str) -> float:
        try:
            value = float(text) if text.isascii() else math.nan
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or not low <= value <= high:
            what = f" {unit}" if unit else ""
            raise argparse.ArgumentTypeError(
                f"{_shown(text)} is not a number{what} from {low:g} to {high:g}"
            )
        return value

    return parse


def nonblank(what: str) -> Callable[[str], str]:
    """Non-empty text without NUL characters (which no file name or reader name can hold);
    `what` names it in the message ("the host")."""

    def parse(value: str) -> str:
        if not value.strip():
            raise argparse.ArgumentTypeError(f"{what} is empty")
        if "\0" in value:
            raise argparse.ArgumentTypeError(f"{what} contains a NUL character")
        return value

    return parse


def short_name(what: str, max_length: int) -> Callable[[str], str]:
    """A name for a record (who did something): printable, 1 to `max_length` characters, as
    the column that keeps it holds."""

    def parse(value: str) -> str:
        value = value.strip()
        if not value or not value.isprintable() or len(value) > max_length:
            raise argparse.ArgumentTypeError(
                f"{what} must be 1 to {max_length} printable characters, not {_shown(value)}"
            )
        return value

    return parse


def device_path(what: str) -> Callable[[str], str]:
    """A device's path (a serial port): printable text of at most 4,096 characters, so an
    error that names it cannot write control characters to the terminal."""

    def parse(value: str) -> str:
        if not value.strip() or not value.isprintable() or len(value) > 4096:
            raise argparse.ArgumentTypeError(
                f"{what} must be a printable device path, not {_shown(value)}"
            )
        return value

    return parse


def path_arg(what: str) -> Callable[[str], Path]:
    """A file or folder path: non-empty (an empty one would mean the current folder) and
    without NUL characters."""
    check = nonblank(what)

    def parse(value: str) -> Path:
        return Path(check(value))

    return parse


def _shown(text: str) -> str:
    return repr(shorten(text, 40))
