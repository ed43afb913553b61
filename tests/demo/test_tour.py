"""The headless tour as `kiosk tour` runs it, honouring the printer's paper from the environment:
`KIOSK_VOUCHER_LAYOUT=a4 kiosk tour --out DIR` prints A4 vouchers and statements."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from kiosk import cli

A4 = "595.276 x 841.89 pts (A4)"


def page_sizes(pdf: Path) -> set[str]:
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "99", str(pdf)], capture_output=True, text=True, check=True
    )
    return set(re.findall(r"^Page +\d+ size: +(.+)$", info.stdout, re.M))


def test_the_tour_prints_on_a4_when_the_environment_says_so(
    qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_VOUCHER_LAYOUT", "a4")
    assert cli.main(["tour", "--out", str(tmp_path), "--lang", "en"]) == 0
    printed = sorted((tmp_path / "en" / "printed").glob("*.pdf"))
    assert any(p.name.startswith("statement-") for p in printed)
    assert len([p for p in printed if not p.name.startswith("statement-")]) >= 3  # vouchers
    for pdf in printed:
        assert page_sizes(pdf) == {A4}, pdf.name


def test_the_tour_refuses_a_paper_it_does_not_know(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KIOSK_VOUCHER_LAYOUT", "A5")
    assert cli.main(["tour", "--out", str(tmp_path / "out"), "--lang", "en"]) == 2
    assert "voucher_layout must be" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()  # refused before anything ran
