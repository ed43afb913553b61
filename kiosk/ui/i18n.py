"""Languages of the kiosk: Simplified Chinese (the default) and English.

Source strings in the code are English, marked with `self.tr()`; Chinese comes from
assets/translations/kiosk_zh_CN.ts, compiled to .qm by `compile_translations` (build output,
not in git). Switching language installs or removes the QTranslator; Qt then sends
`QEvent.LanguageChange` to every widget and each re-sets its texts in `retranslate()`.
Dates and amounts are formatted here, for the language currently shown, and the terms screens
share with paper (kiosk.domain.vocabulary) are looked up here in that language.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from sscard_assets import assets_dir

from kiosk.domain.calendar import CHINA_TZ
from kiosk.domain.records import fen_to_yuan
from kiosk.domain.texts import Text
from kiosk.domain.vocabulary import Term

log = logging.getLogger(__name__)

CHINESE = "zh_CN"
ENGLISH = "en"
LANGUAGES = (CHINESE, ENGLISH)
DEFAULT_LANGUAGE = CHINESE
CATALOGUE = "kiosk"  # kiosk_zh_CN.ts -> kiosk_zh_CN.qm
_TRANSLATOR_NAME = "kioskTranslator"

# The name of each language in itself: the language toggle shows the other one.
LANGUAGE_NAMES = {CHINESE: "简体中文", ENGLISH: "English"}

_LOCALES = {
    CHINESE: (QLocale.Language.Chinese, QLocale.Country.China),
    ENGLISH: (QLocale.Language.English, QLocale.Country.UnitedKingdom),
}


def translations_dir() -> Path:
    """Where the .ts sources live (and, after the build, the compiled .qm files)."""
    return assets_dir() / "translations"


def ts_files() -> list[Path]:
    return sorted(translations_dir().glob(f"{CATALOGUE}_*.ts"))


def qt_tool(name: str) -> Path:
    """A Qt Linguist tool (`lrelease`, `lupdate`): the venv's pyside6-<name> beside the
    running Python, else the copy bundled inside the PySide6 package."""
    beside = Path(sys.executable).parent / f"pyside6-{name}"
    if beside.is_file():
        return beside
    import PySide6  # only to find its folder

    bundled = Path(PySide6.__file__).parent / name
    if bundled.is_file():
        return bundled
    found = shutil.which(f"pyside6-{name}")
    if found:
        return Path(found)
    raise FileNotFoundError(f"Qt tool {name} not found beside {sys.executable} or in PySide6")


def lupdate_sources(root: Path | None = None) -> list[Path]:
    """The modules pyside6-lupdate reads: the UI's, and every other module of the kiosk that
    marks texts with kiosk.domain.texts (the services' findings a screen translates)."""
    kiosk_dir = Path(root) if root is not None else Path(__file__).resolve().parents[1]
    ui = sorted((kiosk_dir / "ui").rglob("*.py"))
    marked = sorted(
        path
        for path in kiosk_dir.rglob("*.py")
        if "ui" not in path.relative_to(kiosk_dir).parts[:1]
        and "kiosk.domain.texts import" in path.read_text(encoding="utf-8")
    )
    return ui + marked


def update_catalogues() -> list[Path]:
    """Run lupdate over `lupdate_sources` into every .ts (new texts arrive unfinished)."""
    options = ["-silent", "-locations", "none", "-no-obsolete"]
    sources = [str(p) for p in lupdate_sources()]
    for ts in ts_files():
        result = subprocess.run(
            [str(qt_tool("lupdate")), *options, *sources, "-ts", str(ts)],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"lupdate failed on {ts.name}: {result.stderr.strip()}")
    return ts_files()


def compile_translations(out_dir: Path | None = None) -> list[Path]:
    """Compile every assets/translations/kiosk_*.ts to a .qm in `out_dir` (default: beside the
    .ts files) and return the .qm paths. Raises RuntimeError if lrelease fails."""
    out = Path(out_dir) if out_dir is not None else translations_dir()
    out.mkdir(parents=True, exist_ok=True)
    tool = qt_tool("lrelease")
    written = []
    for ts in ts_files():
        qm = out / ts.with_suffix(".qm").name
        result = subprocess.run(
            [str(tool), "-silent", str(ts), "-qm", str(qm)],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0 or not qm.is_file():
            raise RuntimeError(f"lrelease failed on {ts.name}: {result.stderr.strip()}")
        written.append(qm)
    return written


class Translations:
    """The application's language. Chinese by default; `set_language("en")` shows the English
    source strings. Looks for compiled .qm files in `qm_dir` (default: assets/translations)
    and, if they were never built, compiles them into a temporary folder once."""

    def __init__(self, app: QCoreApplication, qm_dir: Path | None = None) -> None:
        self._app = app
        self._qm_dir = Path(qm_dir) if qm_dir is not None else translations_dir()
        self._translator: QTranslator | None = None
        self._language = ENGLISH  # what the code's source strings are

    @property
    def language(self) -> str:
        return self._language

    @property
    def other_language(self) -> str:
        return ENGLISH if self._language == CHINESE else CHINESE

    def toggle(self) -> str:
        """Switch to the other language; returns the new one."""
        self.set_language(self.other_language)
        return self._language

    def set_language(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}; expected one of {LANGUAGES}")
        # The locale first: widgets re-format dates and amounts when LanguageChange arrives.
        QLocale.setDefault(QLocale(*_LOCALES[language]))
        # The language is the application's: drop the kiosk catalogue whoever installed it, so
        # two Translations objects (an app and a test, say) never stack two languages.
        for old in self._app.findChildren(QTranslator, _TRANSLATOR_NAME):
            self._app.removeTranslator(old)
            old.setParent(None)
            old.deleteLater()
        self._translator = None
        if language != ENGLISH:
            translator = QTranslator(self._app)
            translator.setObjectName(_TRANSLATOR_NAME)
            if translator.load(str(self._qm_path(language))):
                self._app.installTranslator(translator)
                self._translator = translator
            else:
                log.error("i18n.load_failed language=%s", language)
        self._language = language
        log.info("i18n.language language=%s", language)

    def _qm_path(self, language: str) -> Path:
        qm = qm_file(language, self._qm_dir)
        self._qm_dir = qm.parent
        return qm


def qm_file(language: str, qm_dir: Path | None = None) -> Path:
    """The compiled catalogue of `language` in `qm_dir` (default: assets/translations); in a
    checkout where `make` never ran, built now into a temporary folder rather than show
    English."""
    qm = (qm_dir or translations_dir()) / f"{CATALOGUE}_{language}.qm"
    if qm.is_file():
        return qm
    log.warning("i18n.qm_missing language=%s compiling", language)
    fallback = Path(tempfile.mkdtemp(prefix="kiosk-qm-"))
    try:
        compile_translations(fallback)
    except (OSError, RuntimeError):
        log.exception("i18n.compile_failed")
    return fallback / qm.name


# Catalogues loaded for `in_language`, kept apart from the one installed for the screens.
_CATALOGUES: dict[str, QTranslator] = {}


def in_language(language: str, context: str, source: str) -> str:
    """`source` (an English string marked for translation with QT_TRANSLATE_NOOP(context, ...))
    in `language`, whatever language the screens are showing: for the one screen that shows
    both at once (out of service), which a citizen must read without finding a button."""
    if language == ENGLISH:
        return source
    translator = _CATALOGUES.get(language)
    if translator is None:
        translator = QTranslator()
        if not translator.load(str(qm_file(language))):
            log.error("i18n.load_failed language=%s", language)
        _CATALOGUES[language] = translator
    return translator.translate(context, source) or source


def translated(text: str) -> str:
    """A service's text (kiosk.domain.texts.Text) in the language shown: its template from
    the catalogue, filled with its values (those that are Texts translated too). Any other
    string is data and comes back as it is."""
    if not isinstance(text, Text):
        return text
    values = {k: translated(v) if isinstance(v, str) else v for k, v in text.values.items()}
    template = (
        QCoreApplication.translate(text.context, text.template) if text.context else text.template
    )
    try:
        return template.format(**values) if values else template
    except (KeyError, IndexError, ValueError):  # a translation that lost a placeholder
        log.error("i18n.bad_template context=%s", text.context)
        return text.template.format(**values)


def current_language() -> str:
    """The language the screens are showing, as `Translations.set_language` left it."""
    return CHINESE if QLocale().language() == QLocale.Language.Chinese else ENGLISH


def words(term: Term) -> str:
    """A term of the shared vocabulary in the language shown: the same words paper prints."""
    return term.in_language(current_language())


def labelled(label: Term, value: str) -> str:
    """伤残等级：七级 / Disability grade: 7: a value after its label, on one line."""
    return f"{words(label)}{'：' if current_language() == CHINESE else ': '}{value}"


def format_date(day: dt.date | None) -> str:
    """2019年3月15日 / 15 Mar 2019; empty for no date."""
    if day is None:
        return ""
    if current_language() == CHINESE:
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def format_day_month(day: dt.date) -> str:
    """3月15日 / 15 Mar: a day inside a year already named."""
    if current_language() == CHINESE:
        return f"{day.month}月{day.day}日"
    return f"{day.day} {_MONTHS[day.month - 1]}"


def format_day_range(first: dt.date, last: dt.date) -> str:
    """1月1日–1月4日 / 1–4 Jan / 30 Apr – 5 May: days inside a year already named, both ends
    included (one day: that day)."""
    if first == last:
        return format_day_month(first)
    if current_language() == CHINESE:
        return f"{format_day_month(first)}–{format_day_month(last)}"
    if first.month == last.month:
        return f"{first.day}–{last.day} {_MONTHS[first.month - 1]}"
    return f"{format_day_month(first)} – {format_day_month(last)}"


def format_moment(at: dt.datetime) -> str:
    """2026年12月6日 14:05 / 6 Dec 2026, 14:05: a moment in the kiosk's (China's) time."""
    local = at.astimezone(CHINA_TZ) if at.tzinfo is not None else at
    if current_language() == CHINESE:
        return f"{format_date(local.date())} {local:%H:%M}"
    return f"{format_date(local.date())}, {local:%H:%M}"


def format_month(year: int, month: int) -> str:
    """2024年3月 / Mar 2024."""
    if current_language() == CHINESE:
        return f"{year}年{month}月"
    return f"{_MONTHS[month - 1]} {year}"


def format_month_only(month: int) -> str:
    """3月 / Mar: a month inside a year already named."""
    return f"{month}月" if current_language() == CHINESE else _MONTHS[month - 1]


def format_year(year: int) -> str:
    return f"{year}年" if current_language() == CHINESE else str(year)


def format_amount(fen: int) -> str:
    """12,345.67: yuan with thousands separators, for tables whose header names the unit."""
    return f"{fen_to_yuan(fen):,.2f}"


def format_yuan(fen: int) -> str:
    """12,345.67 元 / ¥12,345.67."""
    amount = format_amount(fen)
    return f"{amount} 元" if current_language() == CHINESE else f"¥{amount}"


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def main(argv: list[str] | None = None) -> int:
    """`python -m kiosk.ui.i18n --compile [--out DIR]`: the build step for the .qm files;
    `--update`: the texts of the code into the .ts files (lupdate over `lupdate_sources`)."""
    import argparse

    parser = argparse.ArgumentParser(description="Compile the kiosk's Qt translations.")
    parser.add_argument("--compile", action="store_true", help="compile every .ts to .qm")
    parser.add_argument("--out", type=Path, help="folder for the .qm files (default: beside)")
    parser.add_argument("--update", action="store_true", help="run lupdate into every .ts")
    args = parser.parse_args(argv)
    if not args.compile and not args.update:
        parser.print_help()
        return 2
    if args.update:
        for ts in update_catalogues():
            print(f"updated {ts}")
        if not args.compile:
            return 0
    for qm in compile_translations(args.out):
        print(f"compiled {qm}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
