"""The CJK font every printout embeds: WenQuanYi Micro Hei, as a subset TrueType font.

It carries Latin and CJK glyphs, so one font serves both languages and a printer never has to
substitute (no missing glyphs, no non-embedded fonts). Registered lazily, once per process.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_NAME = "WQYMicroHei"
FONT_FAMILY = "WenQuanYi Micro Hei"
DEFAULT_PATH = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
DEBIAN_PACKAGE = "fonts-wqy-microhei"

_lock = threading.Lock()
_registered: str | None = None
_registered_file: Path | None = None


class FontMissingError(RuntimeError):
    """The CJK font cannot be found: vouchers cannot be printed without it."""


def find_font_file() -> Path:
    """The font file: the usual Debian path, else where fontconfig says the family lives."""
    if DEFAULT_PATH.is_file():
        return DEFAULT_PATH
    fc_match = shutil.which("fc-match")
    if fc_match:
        done = subprocess.run(
            [fc_match, "-f", "%{family}\t%{file}", FONT_FAMILY],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
        family, _, file = done.stdout.partition("\t")
        if done.returncode == 0 and "WenQuanYi Micro Hei" in family and Path(file).is_file():
            return Path(file)
    raise FontMissingError(
        f"the CJK font {FONT_FAMILY} is not installed (looked at {DEFAULT_PATH} and asked "
        f"fc-match); install the Debian package {DEBIAN_PACKAGE}"
    )


def cjk_font(path: Path | None = None) -> str:
    """Register the font on first use and return its ReportLab name."""
    global _registered, _registered_file
    if _registered is not None:
        return _registered
    with _lock:
        if _registered is None:
            file = path or find_font_file()
            try:
                font = TTFont(FONT_NAME, str(file), subfontIndex=0)
            except Exception as exc:  # a damaged or unreadable file: say which one
                raise FontMissingError(f"cannot load the CJK font from {file}: {exc}") from exc
            pdfmetrics.registerFont(font)
            _registered_file = Path(file)
            _registered = FONT_NAME
    return _registered


def cjk_font_file() -> Path:
    """The file the font was registered from (registering it first): the test page names it."""
    cjk_font()
    assert _registered_file is not None
    return _registered_file
