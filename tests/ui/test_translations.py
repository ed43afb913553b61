"""The Chinese catalogue is complete, keeps every placeholder, is up to date with the code's
tr() strings, compiles, and switches the live screens."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from kiosk.ui.i18n import (
    CATALOGUE,
    format_date,
    format_yuan,
    lupdate_sources,
    qt_tool,
    translations_dir,
)

ROOT = Path(__file__).resolve().parents[2]
TS = translations_dir() / f"{CATALOGUE}_zh_CN.ts"
PLACEHOLDER = re.compile(r"\{[A-Za-z_]\w*\}|%\d+|%n|%L\d+")
CJK = re.compile(r"[\u4e00-\u9fff]")


def _messages(path: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(path).getroot()
    return [
        (context.findtext("name") or "", message.findtext("source") or "", message)
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def test_every_string_has_a_finished_chinese_translation():
    messages = _messages(TS)
    assert len(messages) > 100
    for context, source, message in messages:
        translation = message.find("translation")
        assert translation is not None, (context, source)
        assert translation.get("type") not in ("unfinished", "obsolete", "vanished"), source
        assert (translation.text or "").strip(), f"{context}: {source!r} has no translation"
        assert CJK.search(translation.text), f"{context}: {source!r} is not translated"


def test_placeholders_survive_translation():
    for context, source, message in _messages(TS):
        translation = message.findtext("translation") or ""
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(translation)), (
            f"{context}: {source!r} -> {translation!r}"
        )


def test_the_catalogue_is_up_to_date_with_the_code(tmp_path):
    sources = [str(p) for p in lupdate_sources()]
    fresh = tmp_path / "fresh.ts"
    result = subprocess.run(
        [str(qt_tool("lupdate")), "-silent", "-locations", "none", *sources, "-ts", str(fresh)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    in_code = {(c, s) for c, s, _ in _messages(fresh)}
    in_ts = {(c, s) for c, s, _ in _messages(TS)}
    hint = "run: .venv/bin/python -m kiosk.ui.i18n --update (then translate the new texts)"
    assert in_code - in_ts == set(), f"strings missing from the .ts; {hint}"
    assert in_ts - in_code == set(), f"strings no longer in the code; {hint}"


def test_the_compiled_catalogue_translates(qm_dir):
    translator = QTranslator()
    assert translator.load(str(qm_dir / f"{CATALOGUE}_zh_CN.qm"))
    assert translator.translate("Header", "Home") == "首页"
    assert translator.translate("PinScreen", "Wrong PIN. {n} tries left.") == (
        "密码错误，剩余 {n} 次机会。"
    )


def test_a_live_screen_switches_language(qtbot, translations):
    from kiosk.ui.screens.summary import SummaryScreen
    from kiosk.ui.widgets.header import Header

    screen, header = SummaryScreen(), Header()
    qtbot.addWidget(screen)
    qtbot.addWidget(header)
    assert screen.title.text() == "您的社会保障卡"
    assert header.language_button.label == "English"
    # Qt posts LanguageChange to the widgets: it arrives with the next turn of the event loop.
    translations.set_language("en")
    qtbot.waitUntil(lambda: screen.title.text() == "Your social security card")
    qtbot.waitUntil(lambda: header.language_button.label == "简体中文")
    assert header.home_button.label == "Home"
    translations.set_language("zh_CN")
    qtbot.waitUntil(lambda: screen.title.text() == "您的社会保障卡")
    qtbot.waitUntil(lambda: header.home_button.label == "首页")


def test_dates_and_amounts_follow_the_language(translations):
    import datetime as dt

    day = dt.date(2019, 3, 15)
    assert format_date(day) == "2019年3月15日"
    assert format_yuan(1234567) == "12,345.67 元"
    translations.set_language("en")
    assert format_date(day) == "15 Mar 2019"
    assert format_yuan(1234567) == "¥12,345.67"


def test_an_unknown_language_is_refused(translations):
    with pytest.raises(ValueError):
        translations.set_language("fr")


def test_no_module_calls_translate_under_the_name_tr():
    # lupdate reads tr(a, b) as tr(source, comment): `tr = QCoreApplication.translate` put the
    # context into the catalogue as the text twice. Call QCoreApplication.translate by name.
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "kiosk"
    alias = re.compile(r"^\s*tr\s*=\s*QCoreApplication\.translate\b", re.M)
    found = [str(p.relative_to(root)) for p in root.rglob("*.py") if alias.search(p.read_text())]
    assert found == []
