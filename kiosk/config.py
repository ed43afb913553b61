"""The kiosk's settings: one typed object from a TOML file and `KIOSK_*` environment variables.

Precedence: built-in defaults < the TOML file (`KIOSK_CONFIG`, else `kiosk.toml` under the
platform config directory) < environment variables < explicit arguments (`--url`). Demo mode
swaps in the embedded defaults: mock reader, a demo database, a PDF printer into a folder.
Nothing is read at import; `app.py` calls `load_settings()` once.

    # kiosk.toml
    kiosk_id = "BJCY01"
    location = "朝阳区社保服务大厅 1号机"
    database_url = "postgresql://kiosk@central/sscard"
    reader = "pcsc"            # or "mock"
    language = "zh_CN"         # or "en"
    idle_seconds = 60
    warning_seconds = 15
    printer = "cups"           # or "pdf" (files in a folder: the demo)
    printer_queue = "receipt"  # the CUPS queue of the receipt printer
    voucher_layout = "receipt80"  # or "a4": the paper in that printer
    pickup_working_days = 15
    reissue_fee_fen = 0        # 0: free
    identify_max_failures = 5  # wrong mobile numbers per ID number within identify_window_hours
    identify_window_hours = 24 #   ... then that ID number is locked (every kiosk of the back end)
    kiosk_max_failures = 20    # failed proofs at this kiosk within kiosk_window_minutes
    kiosk_window_minutes = 60  #   ... then it pauses identification and voucher lookup
    tap_guard_seconds = 0.5    # taps swallowed after each screen change (no double-tap skips)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import platformdirs

from kiosk.domain.proof import ProofLimits

APP_NAME = "sscard-kiosk"
DATABASE_URL_ENV = "KIOSK_DATABASE_URL"
CONFIG_ENV = "KIOSK_CONFIG"
ENV_PREFIX = "KIOSK_"
READERS = ("pcsc", "mock")
PRINTERS = ("pdf", "cups")
# The paper in the printer, as kiosk.reports.layout.LAYOUTS names it (not imported: ReportLab is
# slow to load, and the settings are read before the first screen).
VOUCHER_LAYOUTS = ("receipt80", "a4")
LANGUAGES = ("zh_CN", "en")


class SettingsError(ValueError):
    """A settings file or variable that makes no sense; the message names it."""


@dataclass(frozen=True)
class Settings:
    kiosk_id: str = "KIOSK01"
    location: str = ""
    database_url: str = ""  # empty: the kiosk's own SQLite file (see database_url())
    reader: str = "pcsc"
    reader_name: str = ""  # empty: the first reader that offers a card
    language: str = "zh_CN"
    idle_seconds: float = 60.0
    warning_seconds: float = 15.0
    demo: bool = False
    printer: str = "cups"  # "pdf" writes files into output_dir (the demo's printer)
    printer_queue: str = "receipt"  # the CUPS queue of the receipt printer
    printer_server: str = ""  # CUPS server host[:port]; empty: the local cupsd
    # The printer's paper: "receipt80" (an 80 mm roll) or "a4". Vouchers and the records
    # statement both print in it.
    voucher_layout: Literal["receipt80", "a4"] = "receipt80"
    pickup_working_days: int = 15
    reissue_fee_fen: int = 0  # the reissue fee in fen; 0: free
    voucher_key_file: Path | None = None  # None: voucher-signing.key in data_dir
    # The limits on guessing (QUALITY.md S8), see kiosk.domain.proof.
    identify_max_failures: int = 5
    identify_window_hours: float = 24.0
    kiosk_max_failures: int = 20
    kiosk_window_minutes: float = 60.0
    tap_guard_seconds: float = 0.5  # taps swallowed after a screen change (R9)
    data_dir: Path = dataclasses.field(default_factory=lambda: default_data_dir())
    log_dir: Path = dataclasses.field(
        default_factory=lambda: Path(platformdirs.user_log_dir(APP_NAME))
    )

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'kiosk.db'}"

    @property
    def resolved_voucher_key_file(self) -> Path:
        return self.voucher_key_file or self.data_dir / "voucher-signing.key"

    @property
    def proof_limits(self) -> ProofLimits:
        return ProofLimits(
            per_person=self.identify_max_failures,
            person_window=dt.timedelta(hours=self.identify_window_hours),
            per_kiosk=self.kiosk_max_failures,
            kiosk_window=dt.timedelta(minutes=self.kiosk_window_minutes),
        )

    @property
    def output_dir(self) -> Path:
        """Where the PDF printer and the tour write."""
        return self.data_dir / "printed"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME))


def default_database_path() -> Path:
    """The kiosk's own SQLite file, under the platform data directory of the kiosk user."""
    return default_data_dir() / "kiosk.db"


def database_url(url: str | None = None) -> str:
    """The database to use: `url` if given (e.g. `--url`), else $KIOSK_DATABASE_URL, else the
    kiosk's SQLite file. Any SQLAlchemy URL works; PostgreSQL is the central back end."""
    if url:
        return url
    from_env = os.environ.get(DATABASE_URL_ENV)
    if from_env:
        return from_env
    return f"sqlite:///{default_database_path()}"


def load_settings(
    *,
    config_file: Path | None = None,
    environ: Mapping[str, str] | None = None,
    demo: bool = False,
    **overrides: Any,
) -> Settings:
    """Settings from defaults, the TOML file, the environment and `overrides`, checked."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    path = config_file
    if path is None and env.get(CONFIG_ENV):
        path = Path(env[CONFIG_ENV])
    if path is None:
        path = Path(platformdirs.user_config_dir(APP_NAME)) / "kiosk.toml"
        path = path if path.is_file() else None
    if path is not None:
        try:
            values.update(tomllib.loads(Path(path).read_text(encoding="utf-8")))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise SettingsError(f"cannot read settings file {path}: {exc}") from None
    fields = {f.name: f for f in dataclasses.fields(Settings)}
    for name in fields:
        variable = ENV_PREFIX + name.upper()
        if variable in env:
            values[name] = env[variable]
    values.update({k: v for k, v in overrides.items() if v is not None})
    if demo:
        values["demo"] = True
        values.setdefault("reader", "mock")
        values.setdefault("printer", "pdf")
        values.setdefault("kiosk_id", "DEMO01")
        values.setdefault("location", "演示大厅 Demo hall")
        values.setdefault("data_dir", default_data_dir() / "demo")
    unknown = set(values) - set(fields)
    if unknown:
        raise SettingsError(f"unknown settings: {', '.join(sorted(unknown))}")
    return _checked(Settings(**{name: _coerce(name, value) for name, value in values.items()}))


def _coerce(name: str, value: Any) -> Any:
    kind = {f.name: f.type for f in dataclasses.fields(Settings)}[name]
    try:
        if kind == "float":
            return float(value)
        if kind == "int":
            if isinstance(value, bool):
                raise TypeError
            return int(value)
        if kind == "bool":
            return value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes")
        if kind in ("Path", "Path | None"):
            return Path(value).expanduser()
        return str(value)
    except (TypeError, ValueError):
        raise SettingsError(f"setting {name}: {value!r} is not a {kind}") from None


def _checked(settings: Settings) -> Settings:
    if settings.reader not in READERS:
        raise SettingsError(f"reader must be one of {', '.join(READERS)}, not {settings.reader!r}")
    if settings.language not in LANGUAGES:
        raise SettingsError(f"language must be one of {', '.join(LANGUAGES)}")
    if settings.printer not in PRINTERS:
        raise SettingsError(f"printer must be one of {', '.join(PRINTERS)}")
    if settings.voucher_layout not in VOUCHER_LAYOUTS:
        raise SettingsError(
            'voucher_layout must be "receipt80" (an 80 mm roll) or "a4" (A4 sheets), '
            f"not {settings.voucher_layout!r}"
        )
    if not 1 <= settings.pickup_working_days <= 60:
        raise SettingsError("pickup_working_days must be between 1 and 60")
    if settings.reissue_fee_fen < 0:
        raise SettingsError("reissue_fee_fen must not be negative")
    if settings.idle_seconds <= 0 or settings.warning_seconds <= 0:
        raise SettingsError("idle_seconds and warning_seconds must be positive")
    if not 1 <= settings.identify_max_failures <= 100:
        raise SettingsError("identify_max_failures must be between 1 and 100")
    if not 1 <= settings.kiosk_max_failures <= 10_000:
        raise SettingsError("kiosk_max_failures must be between 1 and 10000")
    if not 0 < settings.identify_window_hours <= 24 * 90:
        raise SettingsError("identify_window_hours must be more than 0 and at most 2160 (90 days)")
    if not 0 < settings.kiosk_window_minutes <= 60 * 24 * 7:
        raise SettingsError("kiosk_window_minutes must be more than 0 and at most 10080 (a week)")
    if not 0 <= settings.tap_guard_seconds <= 5:
        raise SettingsError("tap_guard_seconds must be between 0 and 5")
    return settings
