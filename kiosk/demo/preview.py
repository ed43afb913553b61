"""Render every screen with sample data to PNG files, to look at them without a card reader:
both languages, normal and large text, 1920x1080 and 1280x800.

    .venv/bin/python -m kiosk.demo.preview [--out build/screens] [--only pin] [--quick]

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
    bilingual: bool = False  # the header in both languages, without its toggles


def _shots() -> list[Shot]:
    from kiosk.demo import business_samples as bs
    from kiosk.demo import screen_samples as samples
    from kiosk.domain.fleet import CentreState, CentreStatus
    from kiosk.domain.journal import ReissueProgress
    from kiosk.domain.records import CardStatus
    from kiosk.domain.session import CardProblem, ReissueUnderWay

    def attract(take_card: bool) -> Callable[[PreviewFrame], None]:
        def prepare(f: PreviewFrame) -> None:
            f.attract.set_take_card_hint(take_card)
            f.attract.status_strip.set_reader(True)
            f.attract.status_strip.set_printer(True)
            f.attract.status_strip.set_backend(True)

        return prepare

    def attract_centre_away(f: PreviewFrame) -> None:
        f.attract.set_take_card_hint(False)
        f.attract.status_strip.set_reader(True)
        f.attract.status_strip.set_printer(True)
        f.attract.status_strip.set_backend(True)
        f.attract.status_strip.set_centre(CentreStatus(CentreState.UNREACHABLE, queued=3))

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

    def lost_with_reissue(progress: ReissueProgress):
        def prepare(f: PreviewFrame) -> None:
            reissue = ReissueUnderWay(bs.PICKUP_DATE, True, progress, bs.OUTLETS[1])
            f.problem.show_problem(CardProblem.LOST, reissue=reissue)

        return prepare

    def idle(f: PreviewFrame) -> None:
        f.summary.show_summary(samples.summary())
        f.idle.set_remaining(12)

    shots = [
        Shot("attract", "attract", attract(False), home=False),
        Shot("attract-take-card", "attract", attract(True), home=False),
        Shot("attract-faults", "attract", attract_faults, home=False),
        Shot("attract-centre-away", "attract", attract_centre_away, home=False),
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
    shots += [
        Shot("problem-lost-reissue", "problem", lost_with_reissue(ReissueProgress.APPLIED)),
        Shot("problem-lost-reissue-ready", "problem", lost_with_reissue(ReissueProgress.READY)),
    ]
    shots.append(Shot("problem-reader_unavailable", "problem", problem(None), home=False))
    shots += _out_of_service_shots()
    return shots + _business_shots()


def _out_of_service_shots() -> list[Shot]:
    """Out of service: for a few minutes (the time of day shown), and for days (the date)."""
    import datetime as dt

    from kiosk.domain.calendar import CHINA_TZ
    from kiosk.domain.outage import Outage, Reason

    now = dt.datetime(2026, 3, 5, 14, 17, tzinfo=CHINA_TZ)

    def out(reason: Reason, lasted: dt.timedelta) -> Callable[[PreviewFrame], None]:
        def prepare(f: PreviewFrame) -> None:
            f.out_of_service.now = lambda: now
            f.out_of_service.show_outage(Outage(reason, now - lasted))

        return prepare

    return [
        Shot(
            "out_of_service",
            "out_of_service",
            out(Reason.DB_UNREACHABLE, dt.timedelta(minutes=12)),
            home=False,
            bilingual=True,
        ),
        Shot(
            "out_of_service-days",
            "out_of_service",
            out(Reason.DB_SCHEMA, dt.timedelta(days=2, hours=3, minutes=40)),
            home=False,
            bilingual=True,
        ),
    ]


def _business_shots() -> list[Shot]:
    """The business wizards (flows 5-8): each screen in its main states, drawn from
    kiosk.demo.business_samples as the controller would (show_view)."""
    from dataclasses import replace

    from kiosk.demo import business_samples as bs
    from kiosk.domain.business import PrintOutcome, Refusal
    from kiosk.domain.journal import ReissueProgress
    from kiosk.domain.records import CardStatus
    from kiosk.flows.business import BStep, BusinessView, Choice
    from kiosk.ui.screens.lookup import PERSON

    Typing = Callable[[Any], None]  # types into the screen before the view arrives

    def holder(screen: Any) -> None:
        screen.id_field.set_text(bs.SSN)
        screen.mobile_field.set_text(bs.MOBILE)

    def person(screen: Any) -> None:
        screen.set_mode(PERSON)
        holder(screen)

    def shot(name: str, view: BusinessView, typing: Typing | None = None) -> Shot:
        def prepare(f: PreviewFrame) -> None:
            screen = f.business_screens[view.step]
            if typing is not None:
                typing(screen)
            screen.show_view(view)

        # As the controller does: Back unless busy or done; Home on every business screen.
        back = not view.busy and view.step not in (BStep.RECEIPT, BStep.REFUSED)
        return Shot(name, view.step.value, prepare, back=back)

    lost = Choice.LOST
    shots = [
        shot("identify", bs.identify_view()),
        shot("identify-typed", bs.identify_view(), holder),
        shot("identify-agent", bs.identify_view(as_agent=True), holder),
        shot("identify-error", bs.identify_view(error=True, attempts_left=2), holder),
        shot("identify-last-try", bs.identify_view(error=True, attempts_left=1), holder),
        shot("identify-busy", bs.identify_view(busy=True), holder),
        shot("agent", bs.agent_view()),
        shot("agent-typed", replace(bs.agent_view(), agent=bs.agent())),
        shot("what_happened", bs.what_happened_view()),
        shot("what_happened-agent-lost", bs.what_happened_view(as_agent=True, choice=lost)),
        shot("what_happened-temporary-loss", bs.what_happened_view(CardStatus.TEMPORARY_LOSS)),
        shot("what_happened-reissue", bs.what_happened_view(reissue_under_way=True)),
        shot("what_happened-busy", bs.what_happened_view(choice=lost, busy=True)),
        shot("outlet", bs.view("lost", BStep.OUTLET, chosen=False)),
        shot("outlet-chosen", bs.view("lost", BStep.OUTLET)),
        shot("outlet-damaged", bs.view("damaged", BStep.OUTLET)),
        shot("materials", bs.view("lost", BStep.MATERIALS)),
        shot(
            "materials-agent-photo",
            bs.view("lost", BStep.MATERIALS, as_agent=True, photo_on_file=False),
        ),
        shot("pickup", bs.view("lost", BStep.PICKUP)),
        shot("pickup-about-fee", bs.view("stolen", BStep.PICKUP, exact=False, fee_fen=2000)),
        shot("pickup-damaged", bs.view("damaged", BStep.PICKUP)),
    ]
    shots += [shot(f"review-{b}", bs.view(b, BStep.REVIEW)) for b in bs.BUSINESSES]
    shots.append(shot("review-lost-agent", bs.view("lost", BStep.REVIEW, as_agent=True)))
    shots += [shot(f"confirm-{b}", bs.confirm_view(b)) for b in bs.BUSINESSES]
    shots.append(shot("confirm-printer-warning", bs.confirm_view("lost", printer_ready=False)))
    shots.append(shot("confirm-busy", bs.confirm_view("temporary", busy=True)))
    shots += [shot(f"receipt-{b}", bs.receipt_view(b)) for b in bs.BUSINESSES]
    shots.append(shot("receipt-printing", bs.receipt_view("lost", None)))
    for outcome in (PrintOutcome.OUT_OF_PAPER, PrintOutcome.PRINTER_OFFLINE, PrintOutcome.FAILED):
        shots.append(shot(f"receipt-{outcome.value}", bs.receipt_view("lost", outcome)))
    shots.append(
        shot("receipt-temporary-failed", bs.receipt_view("temporary", PrintOutcome.FAILED))
    )
    shots.append(shot("receipt-about", bs.receipt_view("damaged", exact=False)))
    # Fleet, the centre away (R7): recorded at this kiosk, the card changed when it returns.
    shots += [
        shot(f"receipt-pending-{b}", bs.receipt_view(b, centre_pending=True)) for b in bs.BUSINESSES
    ]
    shots += [shot(f"refused-{r.value}", bs.refused_view(r)) for r in Refusal]
    not_found = Refusal.VOUCHER_NOT_FOUND
    shots += [
        shot("lookup", bs.lookup_view()),
        shot("lookup-scan-invalid", bs.lookup_view(error=Refusal.VOUCHER_CODE_INVALID)),
        shot("lookup-scan-not-found", bs.lookup_view(error=not_found)),
        shot("lookup-scan-busy", bs.lookup_view(busy=True)),
        shot("lookup-person", bs.lookup_view(), person),
        shot("lookup-person-no-match", bs.lookup_view(error=Refusal.NO_MATCH), person),
        shot(
            "lookup-person-last-try",
            bs.lookup_view(error=Refusal.NO_MATCH, attempts_left=1),
            person,
        ),
        shot("lookup-offline", bs.lookup_view(error=Refusal.BACKEND_OFFLINE), person),
        shot("lookup_result", bs.lookup_result_view()),
    ]
    for progress in ReissueProgress:
        results = (bs.progress_voucher(progress),)
        shots.append(
            shot(f"lookup_result-{progress.value}", bs.lookup_result_view(results=results))
        )
    shots.append(
        shot("lookup_result-elsewhere", bs.lookup_result_view(results=(bs.elsewhere_voucher(),)))
    )
    for outcome in (None, *PrintOutcome):
        name = f"lookup_result-reprint-{outcome.value if outcome else 'printing'}"
        shots.append(shot(name, bs.lookup_result_view(reprinted=True, outcome=outcome)))
    shots.append(shot("lookup_result-busy", bs.lookup_result_view(busy=True)))
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
                    for other in frame.screens:  # nothing left over from the last shot
                        other.wipe()
                    shot.prepare(frame)
                    frame.stack.setCurrentWidget(screen)
                    frame.header.set_navigation(back=shot.back, home=shot.home)
                    frame.header.set_bilingual(shot.bilingual)
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
