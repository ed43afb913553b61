"""The voucher data refuses what cannot be printed right; the font is found or clearly missed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
from pathlib import Path

import pytest

from kiosk.demo.report_samples import SAMPLE_KEY, sample_voucher
from kiosk.domain.voucher_data import Cardholder, Reprint, VoucherKind
from kiosk.reports import fonts
from kiosk.reports.vouchers import render_voucher
from kiosk.services.voucher_codes import sign


def test_constructors_mask_with_the_shared_masking_rules() -> None:
    holder = Cardholder.from_full("张三丰", "11010519491231002X", "A12345675")
    assert holder == Cardholder("张*丰", "1101**********002X", "A1*****75")


def test_naive_times_and_a_card_voucher_without_pickup_are_refused() -> None:
    data = sample_voucher(VoucherKind.CARD_RECEIPT)
    with pytest.raises(ValueError, match="timezone-aware"):
        dataclasses.replace(data, issued_at=dt.datetime(2026, 11, 22, 10, 0))
    with pytest.raises(ValueError, match="pickup"):
        dataclasses.replace(data, pickup=None)
    with pytest.raises(ValueError, match="language"):
        dataclasses.replace(data, language="fr")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="starts at 1"):
        Reprint(0, dt.datetime(2026, 11, 22, tzinfo=dt.UTC), "S1")


def _text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "v.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return "".join(out.stdout.decode().split())


def test_without_an_agent_no_agent_section_is_printed(tmp_path: Path) -> None:
    data = sample_voucher(VoucherKind.LOSS_RECEIPT, "zh_CN", agent=False)
    text = _text(render_voucher(data, sign(data.voucher_number, SAMPLE_KEY)), tmp_path)
    assert "代办人" not in text and "挂失回执" in text


@pytest.mark.parametrize(
    ("language", "words"),
    [("zh_CN", "约2026年12月4日（星期五），以网点通知为准"), ("en", "ApproximatelyFri4Dec2026")],
)
def test_an_approximate_pickup_date_says_so(tmp_path: Path, language: str, words: str) -> None:
    data = sample_voucher(VoucherKind.CARD_RECEIPT, language)  # type: ignore[arg-type]
    assert data.pickup is not None
    rough = dataclasses.replace(data, pickup=dataclasses.replace(data.pickup, date_exact=False))
    text = _text(render_voucher(rough, sign(rough.voucher_number, SAMPLE_KEY), "a4"), tmp_path)
    assert words in text
    exact = _text(render_voucher(data, sign(data.voucher_number, SAMPLE_KEY), "a4"), tmp_path)
    assert "约" not in exact and "pproximate" not in exact


def test_the_font_file_is_found() -> None:
    path = fonts.find_font_file()
    assert path.is_file() and path.suffix == ".ttc"
    assert fonts.cjk_font() == fonts.cjk_font() == fonts.FONT_NAME


def test_a_missing_font_says_which_package_to_install(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(fonts, "DEFAULT_PATH", tmp_path / "nope.ttc")
    monkeypatch.setattr(fonts.shutil, "which", lambda name: None)
    with pytest.raises(fonts.FontMissingError, match="fonts-wqy-microhei"):
        fonts.find_font_file()


def test_a_damaged_font_file_is_reported(monkeypatch, tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttc"
    bad.write_bytes(b"not a font")
    monkeypatch.setattr(fonts, "_registered", None)
    with pytest.raises(fonts.FontMissingError, match=r"bad\.ttc"):
        fonts.cjk_font(bad)
