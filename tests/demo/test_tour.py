"""The headless tour as `kiosk tour` runs it, in one language: every screen of the kiosk is shot,
each shot shows the screen its name says (no flow fell back to a problem screen it did not
expect), the tour shoots the same screens as ever (tour-shots-en.txt), and it honours the
printer's paper from the environment: `KIOSK_VOUCHER_LAYOUT=a4 kiosk tour --out DIR` prints A4
vouchers and statements. One run serves every test here: a language takes about 40 s."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.demo.tour_driver import TourDriver

A4 = "595.276 x 841.89 pts (A4)"
EXPECTED_SHOTS = Path(__file__).with_name("tour-shots-en.txt")
PROBLEM = "problemScreen"


@dataclass
class TourRun:
    exit_code: int
    out: Path
    screens: list[str]  # objectName of every screen of the kiosk window
    shown: dict[str, str]  # shot file -> objectName of the screen shown when it was taken

    def index(self) -> dict:
        return json.loads((self.out / "tour.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def en_tour(qapp, tmp_path_factory: pytest.TempPathFactory) -> TourRun:
    out = tmp_path_factory.mktemp("tour")
    run = TourRun(-1, out, [], {})
    shoot = TourDriver.shot

    def watched_shot(self: TourDriver, flow: str, step: str, **kwargs: object) -> None:
        shoot(self, flow, step, **kwargs)  # type: ignore[arg-type]
        window = self.kiosk.window
        screens = (*window.screens, *window.staff_screens.values())
        run.screens = [screen.objectName() for screen in screens]
        run.shown[self.shots[-1].file] = window.current.objectName()

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KIOSK_VOUCHER_LAYOUT", "a4")
        patch.setattr(TourDriver, "shot", watched_shot)
        run.exit_code = cli.main(["tour", "--out", str(out), "--lang", "en"])
    return run


def page_sizes(pdf: Path) -> set[str]:
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "99", str(pdf)], capture_output=True, text=True, check=True
    )
    return set(re.findall(r"^Page +\d+ size: +(.+)$", info.stdout, re.M))


def test_the_tour_prints_on_a4_when_the_environment_says_so(en_tour: TourRun) -> None:
    assert en_tour.exit_code == 0
    printed = sorted((en_tour.out / "en" / "printed").glob("*.pdf"))
    assert any(p.name.startswith("statement-") for p in printed)
    assert len([p for p in printed if not p.name.startswith("statement-")]) >= 3  # vouchers
    for pdf in printed:
        assert page_sizes(pdf) == {A4}, pdf.name


def test_the_tour_shoots_every_screen_of_the_kiosk(en_tour: TourRun) -> None:
    assert en_tour.exit_code == 0
    index = en_tour.index()
    # The out-of-service screen is shot on a start against a damaged database, outside the
    # kiosk window the other shots are taken in, and in it out of service for maintenance.
    outage = sorted(s["file"] for s in index["shots"] if s["flow"] == "out_of_service")
    assert outage == [
        "en/out_of_service-E-DB-CORRUPT.png",
        "en/out_of_service-E-MAINTENANCE-1280x800-large.png",
        "en/out_of_service-E-MAINTENANCE.png",
    ]
    assert all((en_tour.out / file).is_file() for file in outage)
    assert set(en_tour.screens) - set(en_tour.shown.values()) == set()
    for shot in index["shots"]:
        assert (en_tour.out / shot["file"]).stat().st_size > 10_000, shot["file"]


def test_every_shot_shows_the_screen_its_name_says(en_tour: TourRun) -> None:
    assert en_tour.shown, "the tour took no shot"
    for file, screen in en_tour.shown.items():
        flow = Path(file).name.split("-", 1)[0]
        # A problem screen only where the tour set out to show one: anywhere else, a flow
        # fell back to it (a card or a service failed where the tour expected to go on). The
        # fleet pass names its own: fleet-problem-… (the records, the centre away).
        expected = flow in ("problem", "reader") or Path(file).name.startswith("fleet-problem-")
        assert (screen == PROBLEM) == expected, (file, screen)
        if flow == "staff":  # staff-<page>[-<state>]: shot on the page's own screen
            assert Path(file).stem.startswith(screen.removesuffix("Screen")), (file, screen)


def test_the_tour_shoots_the_same_screens_as_ever(en_tour: TourRun) -> None:
    files = [shot["file"] for shot in en_tour.index()["shots"]]
    assert len(files) == len(set(files))
    expected = {f"en/{line}" for line in EXPECTED_SHOTS.read_text().split()}
    assert sorted(set(files) - expected) == [], "new shots: add them to tour-shots-en.txt"
    assert sorted(expected - set(files)) == [], "shots the tour no longer takes"


def test_the_tour_refuses_a_paper_it_does_not_know(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KIOSK_VOUCHER_LAYOUT", "A5")
    assert cli.main(["tour", "--out", str(tmp_path / "out"), "--lang", "en"]) == 2
    assert "voucher_layout must be" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()  # refused before anything ran


@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbarimg (zbar-tools) not installed")
def test_the_tour_vouchers_verify_with_the_public_key_beside_them(
    en_tour: TourRun, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    printed = en_tour.out / "en" / "printed"
    [public_key] = printed.glob("*.pub")  # the key the tour signed with, beside the PDFs
    # Statements and day-end slips carry no QR code; the diagnostics' test page, a test one.
    papers = ("statement-", "day-end-", "test-page-")
    vouchers = [p for p in sorted(printed.glob("*.pdf")) if not p.name.startswith(papers)]
    for pdf in vouchers:
        page = tmp_path / pdf.stem
        subprocess.run(
            ["pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-png", "-singlefile", pdf, page],
            check=True,
        )
        done = subprocess.run(
            ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", f"{page}.png"],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, pdf.name
        code = done.stdout.rstrip("\n")  # not strip(): a space is a base45 digit
        assert code.startswith("SSK2:"), pdf.name
        assert cli.main(["voucher", "verify", code, "--public-keys", str(public_key)]) == 0
        assert capsys.readouterr().out.startswith("VALID voucher")
