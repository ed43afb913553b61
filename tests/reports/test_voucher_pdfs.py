"""Vouchers as a citizen gets them: every kind, language and layout rendered, then read back
with poppler (text, fonts, pixels) and the QR code decoded and verified."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk.demo.report_samples import SAMPLE_KEY, sample_voucher
from kiosk.domain.voucher_data import LANGUAGES, VoucherData, VoucherKind
from kiosk.reports.vouchers import LAYOUTS, LEGAL_BASIS_EN, LEGAL_BASIS_ZH, render_voucher
from kiosk.services.voucher_codes import InvalidVoucherCode, sign, verify

# Canary values: full personal data that must never reach paper.
CANARY_NAME = "司马相如"
CANARY_ID = "44030119850317123X"
CANARY_CARD = "B98765432"

CASES = [(k, lang, lay) for k in VoucherKind for lang in LANGUAGES for lay in LAYOUTS]
IDS = [f"{k.value}-{lang}-{lay}" for k, lang, lay in CASES]

TITLES = {
    ("zh_CN", VoucherKind.LOSS_RECEIPT): "社会保障卡挂失回执",
    ("zh_CN", VoucherKind.CANCELLATION_RECEIPT): "社会保障卡解挂回执",
    ("zh_CN", VoucherKind.CARD_RECEIPT): "社会保障卡领卡凭证",
    ("en", VoucherKind.LOSS_RECEIPT): "Loss report receipt",
    ("en", VoucherKind.CANCELLATION_RECEIPT): "Loss report cancellation receipt",
    ("en", VoucherKind.CARD_RECEIPT): "Card receipt voucher",
}


def canary_voucher(kind: VoucherKind, language: str, reprint: int = 0) -> VoucherData:
    return sample_voucher(
        kind,
        language,  # type: ignore[arg-type]
        reprint=reprint,
        name=CANARY_NAME,
        id_number=CANARY_ID,
        card_number=CANARY_CARD,
    )


def pdf_text(pdf: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[VoucherData, Path]]:
    folder = tmp_path_factory.mktemp("vouchers")
    out = {}
    for (kind, lang, layout), name in zip(CASES, IDS, strict=True):
        data = canary_voucher(
            kind, lang, reprint=3 if kind is VoucherKind.CANCELLATION_RECEIPT else 0
        )
        path = folder / f"{name}.pdf"
        path.write_bytes(render_voucher(data, sign(data.voucher_number, SAMPLE_KEY), layout))
        out[name] = (data, path)
    return out


@pytest.mark.parametrize("case", IDS)
def test_required_fields_are_printed(rendered, case: str) -> None:
    data, path = rendered[case]
    text = squash(pdf_text(path))
    expected = [
        TITLES[(data.language, data.kind)],
        data.voucher_number,
        data.kiosk.kiosk_id,
        data.kiosk.location,
        "2026-11-2210:15:07",  # 02:15:07 UTC printed in China time
        data.business_type,
        data.reason,
        data.cardholder.name,
        data.cardholder.id_number,
        data.cardholder.card_number,
        "12333",
        LEGAL_BASIS_ZH,
        LEGAL_BASIS_EN,
    ]
    assert data.agent is not None
    expected += [data.agent.name, data.agent.id_number, data.agent.relationship]
    if data.pickup:
        p = data.pickup
        expected += [p.outlet.name, p.outlet.address, p.outlet.hours, *p.materials]
        assert p.fee and p.outlet.phone
        expected += [p.fee, p.outlet.phone, "工本费" if data.language == "zh_CN" else "Fee"]
        expected.append("2026年12月4日" if data.language == "zh_CN" else "Fri4Dec2026")
        assert p.materials_note and p.reimbursement
        expected += [p.materials_note, p.reimbursement]
    if data.reprint:
        expected += ["补打/REPRINT3", "2026-11-2314:00:00", data.reprint.by]
    else:
        assert "REPRINT" not in text
    for item in expected:
        assert squash(item) in text, f"{item!r} missing from {case}"


# What the agency asks of whoever collects the new card (../shared/seeds/): the ID card's
# original and a photocopy, the household register where the ID card is missing, and medical
# expenses of the loss period reimbursed once, after review, with this voucher.
AGENCY_ASKS = {
    "zh_CN": ["身份证原件及复印件", "可用户口簿代替", "经审核后可报销一次", "请持领卡凭证"],
    "en": [
        "ID card: the original and a photocopy",
        "The household register (hukou booklet) will do instead",
        "reimbursed once, after review",
        "bring the card receipt voucher",
    ],
}


@pytest.mark.parametrize("case", [c for c in IDS if c.startswith("card_receipt")])
def test_card_receipt_voucher_says_what_the_agency_asks(rendered, case: str) -> None:
    data, path = rendered[case]
    text = squash(pdf_text(path))
    for ask in AGENCY_ASKS[data.language]:
        assert squash(ask) in text, f"{ask!r} missing from {case}"


@pytest.mark.parametrize("case", IDS)
def test_full_personal_data_never_reaches_paper(rendered, case: str) -> None:
    _, path = rendered[case]
    text = pdf_text(path)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True).stdout
    for canary in (CANARY_NAME, CANARY_ID, CANARY_CARD):
        assert canary not in squash(text)
        assert canary.encode() not in path.read_bytes()
        assert canary not in info.decode("utf-8", "replace")
    assert "4403**********123X" in text
    assert "司**如" in text
    assert "B9*****32" in text


def test_the_data_object_never_holds_full_values() -> None:
    data = canary_voucher(VoucherKind.CARD_RECEIPT, "zh_CN")
    dump = repr(dataclasses.asdict(data))
    for canary in (CANARY_NAME, CANARY_ID, CANARY_CARD):
        assert canary not in dump


@pytest.mark.parametrize("case", IDS)
def test_only_the_embedded_cjk_font_is_used(rendered, case: str) -> None:
    _, path = rendered[case]
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = out.stdout.splitlines()[2:]
    assert rows, "no fonts at all"
    for row in rows:
        assert "WenQuanYiMicroHei" in row, row
        emb, sub = row.split()[-5:-3]
        assert (emb, sub) == ("yes", "yes"), row


def test_a_long_voucher_stays_on_one_roll_page_and_a4_paginates(tmp_path: Path) -> None:
    base = canary_voucher(VoucherKind.CARD_RECEIPT, "zh_CN")
    assert base.pickup is not None
    many = dataclasses.replace(
        base,
        pickup=dataclasses.replace(
            base.pickup, materials=tuple(f"材料第{i}项" for i in range(1, 60))
        ),
    )
    payload = sign(many.voucher_number, SAMPLE_KEY)
    for layout, pages in (("receipt80", 1), ("a4", 3)):
        path = tmp_path / f"{layout}.pdf"
        path.write_bytes(render_voucher(many, payload, layout))  # type: ignore[arg-type]
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
        assert re.search(rf"^Pages:\s+{pages}$", info, re.M), info
        text = squash(pdf_text(path))
        assert "材料第59项" in text and squash(LEGAL_BASIS_EN) in text


def test_roll_layout_is_80mm_wide(rendered) -> None:
    _, path = rendered["loss_receipt-zh_CN-receipt80"]
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    width = float(re.search(r"Page size:\s+([\d.]+) x", info).group(1))  # type: ignore[union-attr]
    assert abs(width - 80 / 25.4 * 72) < 0.5


def test_unknown_layout_is_refused() -> None:
    data = canary_voucher(VoucherKind.LOSS_RECEIPT, "en")
    with pytest.raises(ValueError, match="layout"):
        render_voucher(data, sign(data.voucher_number, SAMPLE_KEY), "letter")  # type: ignore[arg-type]


@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbarimg (zbar-tools) not installed")
@pytest.mark.parametrize("case", IDS)
def test_the_qr_code_decodes_and_verifies(rendered, case: str, tmp_path: Path) -> None:
    data, path = rendered[case]
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "200",
            "-f",
            "1",
            "-l",
            "1",
            "-png",
            "-singlefile",
            str(path),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    done = subprocess.run(
        ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(tmp_path / "page.png")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    decoded = done.stdout.strip()
    assert verify(decoded, SAMPLE_KEY).number == data.voucher_number
    tampered = decoded.replace(data.voucher_number, data.voucher_number[:-3] + "43-X")
    with pytest.raises(InvalidVoucherCode):
        verify(tampered, SAMPLE_KEY)
