"""Render every screen with sample data to PNG files, to look at them without a card reader:
both languages, normal and large text, 1920x1080 and 1280x800.

    .venv/bin/python -m kiosk.ui.screens.preview [--out build/screens] [--only pin] [--quick]

Each PNG is named <shot>_<language>_<text>_<width>x<height>.png, e.g.
pin-last-try_en_large_1280x800.png. Runs headless (QT_QPA_PLATFORM=offscreen by default).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SIZES = ((1920, 1080), (1280, 800))
PreviewFrame = Any  # kiosk.ui.window.KioskWindow, imported only once PySide6 is
DEFAULT_OUT = Path("build") / "screens"


@dataclass(frozen=True)
class Shot:
    name: str
    screen: str  # attribute of PreviewFrame
    prepare: Callable[[PreviewFrame], None]
    back: bool = False
    home: bool = True
    idle: bool = False


def _shots() -> list[Shot]:
    from kiosk.domain.records import CardStatus
    from kiosk.domain.session import CardProblem
    from kiosk.ui.screens import samples

    def attract(take_card: bool) -> Callable[[PreviewFrame], None]:
        def prepare(f: PreviewFrame) -> None:
            f.attract.set_take_card_hint(take_card)
            f.attract.status_strip.set_reader(True)
            f.attract.status_strip.set_printer(True)
            f.attract.status_strip.set_backend(True)

        return prepare

    def attract_faults(f: PreviewFrame) -> None:
        f.attract.set_take_card_hint(False)
        f.attract.status_strip.set_reader(True)
        f.attract.status_strip.set_printer(False, "paper_out")
        f.attract.status_strip.set_backend(None)

    def summary(status: CardStatus, busy: bool = False) -> Callable[[PreviewFrame], None]:
        def prepare(f: PreviewFrame) -> None:
            f.summary.show_summary(samples.summary(status))
            f.summary.set_busy(busy)

        return prepare

    def pin(tries: int, after_wrong: bool, typed: int = 0, busy: bool = False):
        def prepare(f: PreviewFrame) -> None:
            f.pin.wipe()
            f.pin.set_tries(tries, after_wrong=after_wrong)
            for digit in range(typed):
                f.pin.keypad.press(digit + 1)
            f.pin.set_busy(busy)

        return prepare

    def records(section: str, year: int | None = None, empty: bool = False):
        def prepare(f: PreviewFrame) -> None:
            data = samples.records_without_history() if empty else samples.records()
            f.records.show_records(data)
            if year is not None:
                f.records.show_year(samples.year_of_contributions(year))
            f.records.show_section(section)

        return prepare

    def problem(p: CardProblem | None):
        def prepare(f: PreviewFrame) -> None:
            if p is None:
                f.problem.show_reader_unavailable()
            else:
                expiry = samples.EXPIRED_ON if p is CardProblem.EXPIRED else None
                f.problem.show_problem(p, expiry_date=expiry)

        return prepare

    def idle(f: PreviewFrame) -> None:
        f.summary.show_summary(samples.summary())
        f.idle.set_remaining(12)

    shots = [
        Shot("attract", "attract", attract(False), home=False),
        Shot("attract-take-card", "attract", attract(True), home=False),
        Shot("attract-faults", "attract", attract_faults, home=False),
        Shot("reading", "reading", lambda f: None, home=False),
        Shot("summary", "summary", summary(CardStatus.NORMAL)),
        Shot("summary-busy", "summary", summary(CardStatus.NORMAL, busy=True)),
        Shot("pin", "pin", pin(6, False), back=True),
        Shot("pin-typing", "pin", pin(6, False, typed=4), back=True),
        Shot("pin-wrong", "pin", pin(5, True, typed=2), back=True),
        Shot("pin-last-try", "pin", pin(1, True), back=True),
        Shot("pin-busy", "pin", pin(3, True, busy=True)),
        Shot("records-overview", "records", records("overview"), back=True),
        Shot("records-contributions", "records", records("contributions"), back=True),
        Shot("records-contributions-owed", "records", records("contributions", 2016), back=True),
        Shot("records-employment", "records", records("employment"), back=True),
        Shot("records-injury", "records", records("injury"), back=True),
        Shot("records-empty-overview", "records", records("overview", empty=True), back=True),
        Shot(
            "records-empty-contributions",
            "records",
            records("contributions", empty=True),
            back=True,
        ),
        Shot("records-empty-injury", "records", records("injury", empty=True), back=True),
        Shot("idle", "summary", idle, idle=True),
    ]
    shots += [Shot(f"problem-{p.value}", "problem", problem(p)) for p in CardProblem]
    shots.append(Shot("problem-reader_unavailable", "problem", problem(None), home=False))
    return shots


def render(
    out: Path,
    *,
    only: str = "",
    languages: Iterable[str] = ("zh_CN", "en"),
    large: Iterable[bool] = (False, True),
    sizes: Iterable[tuple[int, int]] = SIZES,
) -> list[Path]:
    """Render the shots whose name contains `only` into `out`; returns the files written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.i18n import Translations
    from kiosk.ui.theme import Theme, apply_theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    translations = Translations(app)
    out.mkdir(parents=True, exist_ok=True)
    from kiosk.ui.window import KioskWindow

    frame = KioskWindow(kiosk_mode=False)  # the real window, without a controller
    frame.attract.set_animated(False)
    frame.reading.set_animated(False)
    shots = [s for s in _shots() if only in s.name]
    written = []
    for language in languages:
        translations.set_language(language)
        for large_text in large:
            apply_theme(app, Theme(large_text=large_text))
            frame.header.set_large_text(large_text)
            for width, height in sizes:
                frame.resize(width, height)
                frame.show()
                for shot in shots:
                    screen = getattr(frame, shot.screen)
                    for other in (frame.summary, frame.pin, frame.records, frame.problem):
                        other.wipe()
                    shot.prepare(frame)
                    frame.stack.setCurrentWidget(screen)
                    frame.header.set_navigation(back=shot.back, home=shot.home)
                    frame.idle.setVisible(shot.idle)
                    if shot.idle:
                        frame.idle.raise_()
                    app.processEvents()
                    app.processEvents()
                    text = "large" if large_text else "normal"
                    path = out / f"{shot.name}_{language}_{text}_{width}x{height}.png"
                    frame.resize(width, height)
                    app.processEvents()
                    need = frame.minimumSizeHint()
                    if need.width() > width or need.height() > height:
                        # The content's minimum size is more than the screen: it would clip.
                        print(
                            f"TOO BIG: {path.name} needs {need.width()}x{need.height()}",
                            file=sys.stderr,
                        )
                    frame.grab().save(str(path))
                    written.append(path)
    frame.close()
    frame.deleteLater()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the PNG files")
    parser.add_argument("--only", default="", help="only shots whose name contains this")
    parser.add_argument("--language", choices=("zh_CN", "en"), help="one language only")
    parser.add_argument("--large", choices=("normal", "large"), help="one text size only")
    parser.add_argument("--size", choices=("1920x1080", "1280x800"), help="one window size only")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    written = render(
        args.out,
        only=args.only,
        languages=(args.language,) if args.language else ("zh_CN", "en"),
        large=(args.large == "large",) if args.large else (False, True),
        sizes=(tuple(int(n) for n in args.size.split("x")),) if args.size else SIZES,
    )
    print(f"{len(written)} screens in {args.out} ({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
