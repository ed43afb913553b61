"""The technician's screens in Chinese: the services' findings (kiosk.domain.texts) are English
sentences for the command line and translatable templates for the screens. A real self-test
run and real status words, shown under the Chinese catalogue, read in Chinese; the same
objects still print the English the command line pins."""

from __future__ import annotations

import copy
import datetime as dt
import pickle
import re
from pathlib import Path

from PySide6.QtWidgets import QLabel
from selftest_helpers import prepare_demo
from ui_helpers import make, shown

from drivers.printers.pdf import PdfPrinter
from drivers.readers.base import ReaderInfo, ReaderState
from kiosk.card.apdu import CommandApdu, sw_meaning
from kiosk.card.instructions import refusal
from kiosk.domain.texts import QT_TRANSLATE_NOOP, Text, joined
from kiosk.flows.staff_card import CardPage, CardView
from kiosk.flows.staff_diagnostics import DiagView
from kiosk.services.selftest import (
    NAMES,
    ReaderSurvey,
    SelftestSubject,
    run_selftest,
)
from kiosk.services.staff_diagnostics import SelftestRun
from kiosk.ui.i18n import lupdate_sources, translated
from kiosk.ui.screens.staff.card import ApduScreen
from kiosk.ui.screens.staff.diagnostics import SelftestScreen

CJK = re.compile(r"[\u4e00-\u9fff]")
ROOT = Path(__file__).resolve().parents[3]


def test_a_text_is_its_english_sentence_and_keeps_its_template() -> None:
    inner = Text(QT_TRANSLATE_NOOP("DiagText", "{n} min"), n="5")
    text = Text(
        QT_TRANSLATE_NOOP("DiagText", "{n} waiting, the oldest for {age}"), n="3", age=inner
    )
    assert text == "3 waiting, the oldest for 5 min" and isinstance(text, str)
    assert text.template == "{n} waiting, the oldest for {age}" and text.values["age"] is inner
    for again in (copy.deepcopy(text), pickle.loads(pickle.dumps(text))):
        assert again == text and again.template == text.template
        assert again.values["age"].template == "{n} min"
    assert joined("; ", [text, "data"]) == "3 waiting, the oldest for 5 min; data"
    assert joined("; ", []) == ""


def test_lupdate_reads_the_modules_that_mark_texts_and_no_other() -> None:
    outside_ui = {p.relative_to(ROOT).as_posix() for p in lupdate_sources() if "ui" not in p.parts}
    assert {"kiosk/services/selftest.py", "kiosk/card/apdu.py"} <= outside_ui
    assert "kiosk/services/printer_diag.py" not in outside_ui  # no marked text of its own
    assert "kiosk/domain/texts.py" not in outside_ui


def _rows(screen: SelftestScreen) -> list[str]:
    labels = [screen.findChild(QLabel, f"staffDiagCheck{i}Name") for i in range(len(NAMES))]
    return [label.text() for label in labels if label is not None]


def test_a_real_self_test_run_reads_in_chinese_and_prints_english(
    qtbot, translations, tmp_path
) -> None:
    data_dir = tmp_path / "data"
    prepare_demo(data_dir)
    reader = ReaderInfo("ACS ACR39U 00 00", ReaderState.EMPTY, "pcsc")
    report = run_selftest(
        SelftestSubject(
            kiosk_id="DEMO01",
            data_dir=data_dir,
            database_url=f"sqlite:///{data_dir / 'kiosk.db'}",
            hmac_key_file=data_dir / "voucher-signing.key",
            printer=lambda: PdfPrinter(data_dir / "nowhere"),  # a folder not there: it fails
            readers=lambda: ReaderSurvey(True, (reader,)),
            build_date=dt.date(2026, 1, 1),
        )
    )
    printer = next(c for c in report.checks if c.id == "printer")
    assert printer.fix.startswith("make the folder")  # the command line's English, as before
    assert "folder" in printer.found and "does not exist" in printer.found
    assert report.as_dict()["checks"][1]["name"] == "data folder"

    screen = make(qtbot, SelftestScreen)
    shown(qtbot, screen)
    screen.show_view(DiagView(run=SelftestRun(report, audit_problem=None)))
    rows = _rows(screen)
    assert len(rows) == len(NAMES)
    for row in rows:  # every name and finding in Chinese; data (paths, names) as it is
        name, _, found = row.partition(" · ")
        assert CJK.search(name), row
        assert CJK.search(found) or re.fullmatch(r"[^a-z]*[\w.]+ ?[\w.:]*", found), row
    assert any("数据文件夹" in row for row in rows)
    assert any("ACS ACR39U 00 00" in row for row in rows)  # a reader's name is data
    fix = screen.findChild(QLabel, f"staffDiagCheck{report.checks.index(printer)}Fix")
    assert CJK.search(fix.text()) and "make the folder" not in fix.text()
    # A long finding in Chinese keeps its values: the data folder's path.
    assert any(str(data_dir) in row and "可写" in row for row in rows)

    translations.set_language("en")
    screen.retranslate()
    assert any(row.startswith("<b>data folder</b>") for row in _rows(screen))


def test_status_words_and_refusals_read_in_chinese_on_the_console(qtbot, translations) -> None:
    assert sw_meaning(0x6A82) == "error: file or application not found"
    assert translated(sw_meaning(0x6A82)) == "错误：文件或应用未找到"
    assert translated(sw_meaning(0x63C2)) == "警告：计数器 2（VERIFY：PIN 还可尝试 2 次）"
    assert translated(sw_meaning(0x6A99)).startswith("错误：参数错误")
    why = refusal(CommandApdu.from_hex("00 20 00 00 03 31 32 33"))
    assert why == "VERIFY (00 20 00 00) spends a PIN try when the PIN is wrong"
    screen = make(qtbot, ApduScreen)
    shown(qtbot, screen)
    screen.show_view(
        CardView(page=CardPage.CONSOLE, pending="00 20 00 00 03 ******", pending_why=why)
    )
    notice = screen.notice.text.text()
    assert "VERIFY (00 20 00 00) PIN 错误时会消耗一次 PIN 尝试" in notice
    answer = {"command": "SELECT 3F00", "bytes": 0, "data": "", "sw": "6A82", "ms": 2.0}
    answer["meaning"] = sw_meaning(0x6A82)
    screen.show_view(CardView(page=CardPage.CONSOLE, sent="00 A4 00 00 02 3F 00", answer=answer))
    texts = [label.text() for label in screen.answer_card.findChildren(QLabel)]
    assert "6A82  错误：文件或应用未找到" in texts
