"""The records statement (个人权益记录): every section in both languages and layouts, read back
with poppler; masked name and ID number only; A4 page numbers and table headers that repeat."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from drivers.readers.mock import DEFAULT_READER, MockReaderBackend
from drivers.simcard.image import load_image
from kiosk.demo.report_samples import SAMPLE_ID, SAMPLE_NAME, sample_records, sample_statement
from kiosk.domain.masking import mask_id_number, mask_name
from kiosk.domain.records import Contribution
from kiosk.domain.session import YearOfContributions
from kiosk.domain.statement_data import StatementData
from kiosk.domain.voucher_data import LANGUAGES, KioskInfo
from kiosk.reports.layout import LAYOUTS
from kiosk.reports.statement import REFERENCE_EN, REFERENCE_ZH, render_statement
from kiosk.services.card_session import CardSessionService

CASES = [(lang, lay) for lang in LANGUAGES for lay in LAYOUTS]
IDS = [f"{lang}-{lay}" for lang, lay in CASES]
KIOSK = KioskInfo("BJCY01", "朝阳区社保服务大厅 1号机")
PRINTED = dt.datetime(2026, 11, 22, 2, 20, tzinfo=dt.UTC)

WORDS = {
    "zh_CN": {
        "title": "个人权益记录（社会保险）",
        "sections": [
            "参保状态",
            "个人账户",
            "2026年缴费记录",
            "工作经历",
            "职业资格",
            "工伤与职业病劳动能力鉴定",
        ],
        "insurance": ["基本养老保险", "基本医疗保险", "失业保险", "工伤保险", "生育保险"],
        "owed": "欠缴",
        "paid": "已缴",
        "months": "已缴9个月，欠缴1个月",
        "reference": REFERENCE_ZH,
        "time": "2026-11-2210:20:00（北京时间）",
        "present": "2025-07–至今",
        "grade": "十级",
        "page": "第{page}页/共{pages}页",
    },
    "en": {
        "title": "Social Insurance Personal Record",
        "sections": [
            "Insurance status",
            "Personal accounts",
            "Contributions in 2026",
            "Work history",
            "Qualifications",
            "Work injury and occupational disease assessments",
        ],
        "insurance": [
            "Basic pension insurance",
            "Basic medical insurance",
            "Unemployment insurance",
            "Work injury insurance",
            "Maternity insurance",
        ],
        "owed": "Owed",
        "paid": "Paid",
        "months": "9 months paid, 1 owed",
        "reference": REFERENCE_EN,
        "time": "2026-11-2210:20:00(Chinatime)",
        "present": "2025-07–present",
        "grade": "Disabilitygrade",
        "page": "Page{page}of{pages}",
    },
}


def pdf_text(pdf: Path, page: int | None = None, *, mode: str = "-layout") -> str:
    """The text as laid out, or ("-raw") in drawing order: a table cell that wraps on the
    roll stays together that way."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    done = subprocess.run(
        ["pdftotext", mode, *pages, str(pdf), "-"], capture_output=True, check=True
    )
    return done.stdout.decode("utf-8")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1))  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[StatementData, Path]]:
    folder = tmp_path_factory.mktemp("statements")
    out = {}
    for (lang, layout), name in zip(CASES, IDS, strict=True):
        data = sample_statement(lang)  # type: ignore[arg-type]
        path = folder / f"{name}.pdf"
        path.write_bytes(render_statement(data, layout))
        out[name] = (data, path)
    return out


@pytest.mark.parametrize("case", IDS)
def test_every_section_is_printed(rendered, case: str) -> None:
    data, path = rendered[case]
    words = WORDS[data.language]
    text = squash(pdf_text(path))
    expected = [
        words["title"],
        *words["sections"],
        *words["insurance"],
        words["owed"],
        words["paid"],
        words["months"],
        words["reference"],
        words["time"],
        words["present"],
        words["grade"],
        "12333",
        "BJCY01",
        data.kiosk.location,
        "92,844.16",  # pension account balance
        "12,650.30",  # medical account balance
        "11,000.00",  # the 2026 contribution base
        "2,937.00",  # employer part
        "1,158.00",  # personal part
        "北京长城建设工程有限公司",
        "中铁联合建设集团有限公司",
        "1611000000301234",
        "计算机技术与软件专业技术资格",
        "左手食指末节离断伤",
    ]
    in_order = squash(pdf_text(path, mode="-raw"))
    for item in expected:
        assert squash(item) in text or squash(item) in in_order, f"{item!r} missing from {case}"
    # Every month of the year is there, the owed one marked.
    assert data.contributions is not None and len(data.contributions.months) == 10
    assert text.count(squash(words["paid"])) >= 9


@pytest.mark.parametrize("case", IDS)
def test_name_and_id_number_are_masked_on_paper(rendered, case: str) -> None:
    _, path = rendered[case]
    text = pdf_text(path)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True).stdout
    for full in (SAMPLE_NAME, SAMPLE_ID):
        assert full not in squash(text)
        assert full.encode() not in path.read_bytes()
        assert full not in info.decode("utf-8", "replace")
    assert mask_id_number(SAMPLE_ID) == "1101**********002X"
    assert "1101**********002X" in text
    assert mask_name(SAMPLE_NAME) in text


def test_the_data_object_never_holds_the_full_name_or_id() -> None:
    dump = repr(dataclasses.asdict(sample_statement()))
    assert SAMPLE_NAME not in dump and SAMPLE_ID not in dump


@pytest.mark.parametrize("case", IDS)
def test_only_the_embedded_cjk_font_is_used(rendered, case: str) -> None:
    _, path = rendered[case]
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = out.stdout.splitlines()[2:]
    assert rows, "no fonts at all"
    for row in rows:
        assert "WenQuanYiMicroHei" in row, row
        assert tuple(row.split()[-5:-3]) == ("yes", "yes"), row


@pytest.mark.parametrize("language", LANGUAGES)
def test_a4_pages_are_numbered_and_the_roll_is_one_page(rendered, language: str) -> None:
    _, a4 = rendered[f"{language}-a4"]
    pages = page_count(a4)
    assert pages >= 2
    pattern = WORDS[language]["page"]
    for page in range(1, pages + 1):
        assert pattern.format(page=page, pages=pages) in squash(pdf_text(a4, page))
    _, roll = rendered[f"{language}-receipt80"]
    assert page_count(roll) == 1
    assert pattern.format(page=1, pages=1) not in squash(pdf_text(roll))  # no page footer


def test_a_long_table_repeats_its_header_on_the_next_page(tmp_path: Path) -> None:
    records = sample_records()
    many = tuple(
        Contribution(2026, month, f"第{n}家单位有限公司", 800_000, 213_600, 84_300, True)
        for month in range(1, 13)
        for n in range(1, 6)
    )
    records = dataclasses.replace(
        records, contributions={**records.contributions, 2026: YearOfContributions(2026, many)}
    )
    data = StatementData.from_records(records, KIOSK, PRINTED, "zh_CN", 2026)
    path = tmp_path / "long.pdf"
    path.write_bytes(render_statement(data, "a4"))
    assert page_count(path) >= 3
    second = squash(pdf_text(path, 2))
    assert "缴费基数" in second and "个人缴纳" in second  # the header came along
    assert "第5家单位有限公司" in second
    assert "已缴12个月，欠缴0个月" in squash(pdf_text(path))


def test_a_year_without_contributions_and_no_injuries(tmp_path: Path) -> None:
    data = sample_statement("en", 2014, injuries=False)
    assert data.contributions == YearOfContributions(2014, ())
    path = tmp_path / "s.pdf"
    path.write_bytes(render_statement(data, "receipt80"))
    text = squash(pdf_text(path))
    assert "Contributionsin2014" in text and "Nocontributionsinthisyear." in text
    assert "injury and disability" not in pdf_text(path)


def test_a_cardholder_without_any_contributions(tmp_path: Path) -> None:
    records = dataclasses.replace(sample_records(), years=(), contributions={})
    data = StatementData.from_records(records, KIOSK, PRINTED, "zh_CN")
    assert data.contributions is None
    path = tmp_path / "s.pdf"
    path.write_bytes(render_statement(data))
    assert "缴费记录无记录" in squash(pdf_text(path))


def test_a_year_with_contributions_must_be_loaded_first() -> None:
    with pytest.raises(ValueError, match="2019 are not loaded"):
        StatementData.from_records(sample_records(), KIOSK, PRINTED, "zh_CN", 2019)


def test_bad_times_languages_and_layouts_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        StatementData.from_records(sample_records(), KIOSK, dt.datetime(2026, 11, 22), "zh_CN")
    with pytest.raises(ValueError, match="language"):
        StatementData.from_records(sample_records(), KIOSK, PRINTED, "fr")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="layout"):
        render_statement(sample_statement(), "letter")  # type: ignore[arg-type]


def test_statement_from_the_demo_back_end(
    demo_sqlite: Callable[[dt.date], Engine], tmp_path: Path
) -> None:
    """The real way in: demo database, demo card, PIN, records, statement."""
    today = dt.date(2026, 11, 22)
    engine = demo_sqlite(today)
    reader = MockReaderBackend()
    reader.start()
    try:
        reader.insert("normal")
        session = CardSessionService(reader, engine, today=lambda: today)
        session.read_summary(DEFAULT_READER)
        session.verify_pin(bytearray(b"123456"))
        records = session.load_records()
        session.end()
    finally:
        reader.stop()
        engine.dispose()
    holder = load_image("normal").holder
    data = StatementData.from_records(records, KIOSK, PRINTED, "zh_CN")
    assert data.contributions is not None and data.contributions.year == records.years[0]
    for layout in LAYOUTS:
        path = tmp_path / f"{layout}.pdf"
        path.write_bytes(render_statement(data, layout))
        text = pdf_text(path)
        assert holder.ssn not in squash(text) and holder.name not in squash(text)
        assert mask_id_number(holder.ssn) in text and mask_name(holder.name) in text
        flat = squash(text)
        assert f"{records.years[0]}年缴费记录" in flat
        for work in records.work_history:
            assert squash(work.employer) in flat
        months = data.contributions.months
        assert f"已缴{data.contributions.paid_months}个月" in flat
        assert len(months) >= 1
