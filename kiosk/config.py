"""The kiosk's settings: one typed object from a TOML file and `KIOSK_*` environment variables.

Precedence: built-in defaults < the TOML file (`KIOSK_CONFIG`, else `kiosk.toml` under the
platform config directory) < environment variables < explicit arguments (`--url`). Demo mode
swaps in the embedded defaults: mock readers (the card's and the ID card's), a demo database,
a PDF printer into a folder. Nothing is read at import; `app.py` calls `load_settings()` once.

Every setting is checked when loaded, defaults included, and a bad one is refused with one line
(SettingsError): its name, what is allowed, the value, and the file or variable it came from.
Numbers must be finite and in range (`KIOSK_IDLE_SECONDS=inf` would switch the idle wipe off),
`warning_seconds` at most `idle_seconds`; `kiosk_id` must be able to begin a voucher number;
folders and files are absolute paths (an empty `KIOSK_DATA_DIR` would mean the current folder);
text holds no control characters and fits where it goes; `database_url` is a URL SQLAlchemy
can use. The settings file is read only if it is a small regular UTF-8 file (`KIOSK_CONFIG`
naming a FIFO or /dev/zero is refused, not waited on).

    # kiosk.toml
    kiosk_id = "BJCY01"
    location = "朝阳区社保服务大厅 1号机"
    database_url = "postgresql://kiosk@central/sscard"
    reader = "pcsc"            # or "mock"
    idcard_reader = "serial"   # the resident ID card reader: "serial", "mock" or "none"
    idcard_port = "/dev/ttyUSB0"  # its serial device (required with "serial")
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
    service_code = "135790"    # the hidden service entry's code pad (4-12 digits); empty: no entry
    voucher_public_keys = "/etc/sscard-kiosk/voucher-keys"  # other kiosks' *.pub: the desk checks
    deployment = "standalone"  # or "fleet": cardholders at the centre (docs/fleet.md)
    central_url = "postgresql+psycopg://sscard_k_bjcy01:PASSWORD@centre/sscard"  # fleet only

In fleet mode `central_url` is required (the URL `kiosk central add-kiosk ID` printed) and
`database_url` stays the kiosk's own SQLite file (its journal, vouchers, audit log and outbox);
a `central_url` without `deployment = "fleet"` is refused rather than silently unused.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import os
import re
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import platformdirs

from kiosk.domain.fleet import Deployment
from kiosk.domain.proof import ProofLimits
from kiosk.domain.service_entry import code_problem
from kiosk.domain.vouchers import is_kiosk_id
from kiosk.store.files import FileTooLarge, NotARegularFile, read_regular_file

APP_NAME = "sscard-kiosk"
CONFIG_ENV = "KIOSK_CONFIG"
ENV_PREFIX = "KIOSK_"
READERS = ("pcsc", "mock")
IDCARD_READERS = ("none", "serial", "mock")
PRINTERS = ("pdf", "cups")
# The paper in the printer, as kiosk.reports.layout.LAYOUTS names it (not imported: ReportLab is
# slow to load, and the settings are read before the first screen).
VOUCHER_LAYOUTS = ("receipt80", "a4")
LANGUAGES = ("zh_CN", "en")
DEPLOYMENTS = tuple(d.value for d in Deployment)
DEMO_SERVICE_CODE = "2580"  # the demo's service entry code (README, "Staff mode")


class SettingsError(ValueError):
    """A settings file or variable the kiosk cannot run with. The message is one line: the
    setting, what is allowed, the value and where it came from (the file or the variable)."""


@dataclass(frozen=True)
class Settings:
    kiosk_id: str = "KIOSK01"
    location: str = ""
    database_url: str = ""  # empty: the kiosk's own SQLite file (resolved_database_url)
    reader: str = "pcsc"
    reader_name: str = ""  # empty: the first reader that offers a card
    # The resident ID card reader (drivers/idcard): "serial" (a real one on idcard_port), "mock"
    # (in-process: the demo tray lays ID cards on it) or "none" (no ID card reader: people type).
    idcard_reader: Literal["none", "serial", "mock"] = "none"
    # Its serial device, an absolute path (/dev/ttyUSB0, /dev/ttyACM0, a udev symlink such as
    # /dev/idcard); required with idcard_reader = "serial".
    idcard_port: str = ""
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
    # A folder of other kiosks' voucher public keys (*.pub, as `kiosk voucher export-key`
    # writes them): the staff desk checks their vouchers too. None (or empty): this kiosk's own.
    voucher_public_keys: Path | None = None
    # The limits on guessing (QUALITY.md S8), see kiosk.domain.proof.
    identify_max_failures: int = 5
    identify_window_hours: float = 24.0
    kiosk_max_failures: int = 20
    kiosk_window_minutes: float = 60.0
    tap_guard_seconds: float = 0.5  # taps swallowed after a screen change (R9)
    # The code typed after the long press on the attract screen's top-left corner, before the
    # staff login (kiosk.domain.service_entry). Empty: no service entry on this kiosk (set one
    # in kiosk.toml to use staff mode; the demo's is DEMO_SERVICE_CODE).
    service_code: str = ""
    # Where staff can export the day's CSV besides a USB stick; None: exports in data_dir.
    export_dir: Path | None = None
    # "standalone" (everything in database_url) or "fleet": the kiosk's own SQLite for its
    # journal and outbox, the central PostgreSQL at central_url for cardholders (docs/fleet.md).
    deployment: Literal["standalone", "fleet"] = "standalone"
    # The centre, fleet mode only: this kiosk's own role there, as `kiosk central add-kiosk`
    # printed it. Never shown with its password (kiosk.store.db.redacted).
    central_url: str = ""
    data_dir: Path = dataclasses.field(default_factory=lambda: default_data_dir())
    log_dir: Path = dataclasses.field(
        default_factory=lambda: Path(platformdirs.user_log_dir(APP_NAME))
    )

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'kiosk.db'}"

    @property
    def fleet(self) -> bool:
        """In a fleet: the centre at central_url holds the cardholders."""
        return self.deployment == Deployment.FLEET.value

    @property
    def deployment_kind(self) -> Deployment:
        return Deployment(self.deployment)

    @property
    def resolved_voucher_key_file(self) -> Path:
        return self.voucher_key_file or self.data_dir / "voucher-signing.key"

    @property
    def resolved_export_dir(self) -> Path:
        return self.export_dir or self.data_dir / "exports"

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


def load_settings(
    *,
    config_file: Path | None = None,
    environ: Mapping[str, str] | None = None,
    demo: bool = False,
    **overrides: Any,
) -> Settings:
    """Settings from defaults, the TOML file, the environment and `overrides`, checked.

    Raises SettingsError (one line: the setting, where it came from, what is allowed) for
    anything the kiosk could not run safely with."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    path = config_file
    if path is None and env.get(CONFIG_ENV):
        path = Path(env[CONFIG_ENV])
    if path is None:
        path = Path(platformdirs.user_config_dir(APP_NAME)) / "kiosk.toml"
        path = path if path.is_file() else None
    if path is not None:
        from_file = read_settings_file(Path(path))
        values.update(from_file)
        origins.update(dict.fromkeys(from_file, str(path)))
    fields = {f.name: f for f in dataclasses.fields(Settings)}
    for name in fields:
        variable = ENV_PREFIX + name.upper()
        if variable in env:
            values[name] = env[variable]
            origins[name] = variable
    given = {k: v for k, v in overrides.items() if v is not None}
    values.update(given)
    origins.update(dict.fromkeys(given, "given"))
    if demo:
        values["demo"] = True
        values.setdefault("reader", "mock")
        values.setdefault("idcard_reader", "mock")
        values.setdefault("printer", "pdf")
        values.setdefault("kiosk_id", "DEMO01")
        values.setdefault("location", "演示大厅 Demo hall")
        values.setdefault("data_dir", default_data_dir() / "demo")
        values.setdefault("service_code", DEMO_SERVICE_CODE)
    unknown = set(values) - set(fields)
    if unknown:
        in_file = any(origins.get(name) == str(path) for name in unknown)
        where = f"in {path}; " if in_file else ""
        raise SettingsError(
            f"unknown settings: {', '.join(sorted(unknown))} "
            f"({where}assets/deploy/kiosk.toml.example lists them all)"
        )
    coerced = {name: _coerce(name, value, origins.get(name)) for name, value in values.items()}
    settings = Settings(**coerced)
    for name in fields:  # the defaults too: a platform folder can come out relative
        if name not in coerced:
            _check_field(name, getattr(settings, name), origins.get(name, "the default"))
    return _check_together(settings, origins)


def read_settings_file(path: Path) -> dict[str, Any]:
    """The TOML table in `path`: a small regular UTF-8 file, read without blocking (a FIFO or
    /dev/zero named by KIOSK_CONFIG is refused, not waited on or read forever)."""
    try:
        data = read_regular_file(path, limit=MAX_SETTINGS_BYTES).data
    except FileNotFoundError:
        raise SettingsError(f"settings file {path} does not exist") from None
    except NotARegularFile:
        raise SettingsError(
            f"settings file {path} is not a regular file (a folder, FIFO or device): "
            f"point {CONFIG_ENV} or --config at the kiosk.toml file"
        ) from None
    except FileTooLarge:
        raise SettingsError(
            f"settings file {path} is larger than {MAX_SETTINGS_BYTES // 1024} KiB: "
            "it is not a kiosk.toml"
        ) from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
        reason = exc.strerror if isinstance(exc, OSError) else str(exc)
        raise SettingsError(f"cannot read settings file {path}: {reason}") from None
    try:
        text = data.decode("utf-8-sig")  # Notepad's byte-order mark is harmless
    except UnicodeDecodeError as exc:
        raise SettingsError(
            f"settings file {path} is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start}): save it as UTF-8"
        ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"settings file {path} is not valid TOML: {exc}") from None


# Checks ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Range:
    """The numbers a numeric setting may take, and how to say so."""

    low: float
    high: float
    unit: str
    low_excluded: bool = False

    def allows(self, value: float) -> bool:
        above = value > self.low if self.low_excluded else value >= self.low
        return math.isfinite(value) and above and value <= self.high

    def describe(self, whole: bool) -> str:
        kind = "a whole number" if whole else "a number"
        if self.low_excluded:
            return f"{kind} more than {self.low:g} and at most {self.high:g} ({self.unit})"
        return f"{kind} between {self.low:g} and {self.high:g} ({self.unit})"


RANGES = {
    "idle_seconds": _Range(10, 600, "seconds of quiet before the countdown"),
    "warning_seconds": _Range(5, 120, "seconds of countdown"),
    "tap_guard_seconds": _Range(0, 5, "seconds"),
    "pickup_working_days": _Range(1, 60, "working days"),
    "reissue_fee_fen": _Range(0, 100_000, "fen, at most 1000 yuan"),
    "identify_max_failures": _Range(1, 100, "failures"),
    "kiosk_max_failures": _Range(1, 10_000, "failures"),
    "identify_window_hours": _Range(0, 24 * 90, "hours; 90 days", low_excluded=True),
    "kiosk_window_minutes": _Range(0, 60 * 24 * 7, "minutes; a week", low_excluded=True),
}
CHOICES = {
    "reader": READERS,
    "idcard_reader": IDCARD_READERS,
    "language": LANGUAGES,
    "printer": PRINTERS,
    "deployment": DEPLOYMENTS,
}
# Free text: the longest allowed (characters); control characters are never allowed.
TEXT_LIMITS = {
    "location": 100,  # printed on the voucher
    "reader_name": 128,  # PC/SC's MAX_READERNAME
    "idcard_port": 255,
    "printer_queue": 127,  # CUPS's limit on a queue name
    "printer_server": 255,
    "database_url": 2000,
    "central_url": 2000,
}
MAX_PATH_CHARS = 4096
MAX_SETTINGS_BYTES = 64 * 1024
_BOOLS = {"1": True, "true": True, "yes": True, "on": True}
_BOOLS |= {"0": False, "false": False, "no": False, "off": False, "": False}
_QUEUE_FORBIDDEN = set(" /#\\")
_SERVER = re.compile(r"(?:[A-Za-z0-9][A-Za-z0-9.-]*|\[[0-9A-Fa-f:.]+\])(?::([0-9]{1,5}))?")
# Unicode categories refused in any text setting: control, format (bidi overrides), surrogate,
# private use, unassigned, and line or paragraph separators.
_UNPRINTABLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


class _Refused(Exception):
    """A check's verdict on one value, turned into a SettingsError with the setting's name."""


def _coerce(name: str, value: Any, origin: str | None) -> Any:
    """`value` (TOML or text from the environment) as the field's type, checked."""
    try:
        converted = _converted(name, value)
        _check_value(name, converted)
    except _Refused as refusal:
        raise SettingsError(_refusal(name, value, str(refusal), origin)) from None
    return converted


def _check_field(name: str, value: Any, origin: str) -> None:
    try:
        _check_value(name, value)
    except _Refused as refusal:
        raise SettingsError(_refusal(name, value, str(refusal), origin)) from None


def _refusal(name: str, value: Any, problem: str, origin: str | None) -> str:
    shown = _redacted_url(value) if name in _URL_SETTINGS else _shown(value)
    where = f" (from {origin})" if origin else ""
    return f"{name} must be {problem}, not {shown}{where}"


def _converted(name: str, value: Any) -> Any:
    kind = _FIELD_TYPES[name]
    if kind in ("float", "int"):
        return _number(name, value, whole=kind == "int")
    if kind == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in _BOOLS:
            return _BOOLS[value.strip().lower()]
        raise _Refused("true or false")
    if not isinstance(value, str | Path):
        raise _Refused("text" if kind not in _PATH_TYPES else "a folder or file path (text)")
    if kind in _PATH_TYPES:
        if name in _EMPTY_IS_NONE and not str(value).strip():
            return None
        return _path(str(value))
    return value


def _number(name: str, value: Any, *, whole: bool) -> float | int:
    wanted = RANGES[name].describe(whole)
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _Refused(wanted)
    try:
        if whole:
            if isinstance(value, float):
                raise ValueError
            return int(value)
        return float(value)
    except (TypeError, ValueError, OverflowError):
        raise _Refused(wanted) from None


def _path(text: str) -> Path:
    if not text.strip():
        raise _Refused("an absolute path (it is empty, which would mean the current folder)")
    _printable(text, MAX_PATH_CHARS, "an absolute path")
    try:
        path = Path(text).expanduser()
    except RuntimeError:  # ~someone who does not exist
        raise _Refused("an absolute path (its ~user is unknown)") from None
    if not path.is_absolute():
        raise _Refused("an absolute path (a relative one depends on the folder it starts in)")
    return path


def _check_value(name: str, value: Any) -> None:
    """The checks of one setting on its own; raises _Refused saying what is allowed."""
    if name in RANGES:
        limits = RANGES[name]
        if not limits.allows(value):
            raise _Refused(limits.describe(isinstance(value, int)))
    elif name in CHOICES and value not in CHOICES[name]:
        raise _Refused(f"one of {', '.join(CHOICES[name])}")
    elif name == "voucher_layout" and value not in VOUCHER_LAYOUTS:
        raise _Refused('"receipt80" (an 80 mm roll) or "a4" (A4 sheets)')
    elif name == "kiosk_id" and not is_kiosk_id(value):
        raise _Refused(
            "1 to 12 characters A-Z and 0-9, unique in the fleet (it begins every voucher "
            "number and names the kiosk's audit chain)"
        )
    elif name == "service_code" and value and (problem := code_problem(value)) is not None:
        raise _Refused(f"empty (no service entry) or {problem}")
    elif (
        name in ("data_dir", "log_dir", "voucher_key_file", "export_dir", *_EMPTY_IS_NONE)
        and value is not None
    ):
        if not Path(value).is_absolute():
            raise _Refused("an absolute path")
    elif name in TEXT_LIMITS:
        _check_text(name, value)


def _check_text(name: str, value: str) -> None:
    limit = TEXT_LIMITS[name]
    if name == "printer_queue":
        _printable(value, limit, f"a CUPS queue name of 1 to {limit} characters")
        if not value or _QUEUE_FORBIDDEN & set(value):
            raise _Refused(
                f"a CUPS queue name of 1 to {limit} characters without space, /, # or \\"
            )
    elif name == "printer_server":
        wanted = "empty (the local CUPS), host[:port] or the absolute path of its socket"
        _printable(value, limit, wanted)
        if value and not value.startswith("/"):
            match = _SERVER.fullmatch(value)
            if not match or (match[1] is not None and not 0 < int(match[1]) < 65536):
                raise _Refused(wanted)
    elif name == "database_url":
        _check_database_url(value)
    elif name == "central_url":
        _check_central_url(value)
    elif name == "idcard_port":
        wanted = "empty or the absolute path of the ID card reader's serial device"
        _printable(value, limit, wanted)
        if value and not value.startswith("/"):
            raise _Refused(f"{wanted} (such as /dev/ttyUSB0)")
    else:
        _printable(value, limit, f"printable text of at most {limit} characters")


def _printable(text: str, limit: int, wanted: str) -> None:
    if len(text) > limit:
        raise _Refused(f"{wanted} (it has {len(text)} characters, more than {limit})")
    for position, char in enumerate(text):
        if unicodedata.category(char) in _UNPRINTABLE:
            raise _Refused(f"{wanted} (character {position + 1} is U+{ord(char):04X}, unprintable)")


def _check_database_url(value: str) -> None:
    """Empty (the kiosk's SQLite file) or a URL the kiosk can use, as the `db` commands check
    theirs (kiosk.store.urls); a SQLite one names a file. SQLAlchemy is imported only when a
    URL is set (it is slow to load)."""
    if not value:
        return
    wanted = (
        "empty (the kiosk's own SQLite file) or a database URL such as "
        "postgresql://kiosk@host/sscard or sqlite:////var/lib/sscard-kiosk/kiosk.db"
    )
    _printable(value, TEXT_LIMITS["database_url"], wanted)
    from kiosk.store.db import sqlite_path
    from kiosk.store.urls import DatabaseUrlError, parse_database_url

    try:
        url = parse_database_url(value)
    except DatabaseUrlError as exc:
        raise _Refused(f"empty or a database URL the kiosk can use: {exc}") from None
    if url.get_backend_name() == "sqlite" and sqlite_path(url) is None:
        raise _Refused(f"{wanted} (the kiosk's SQLite database must be a file, not in memory)")


def _check_central_url(value: str) -> None:
    """Empty (no centre: standalone) or a PostgreSQL URL: the centre is PostgreSQL's roles and
    functions (docs/fleet.md), nothing else can be one."""
    if not value:
        return
    wanted = (
        "empty (standalone) or the centre's PostgreSQL URL, as `kiosk central add-kiosk` "
        "printed it (postgresql+psycopg://ROLE:PASSWORD@host:port/db)"
    )
    _printable(value, TEXT_LIMITS["central_url"], wanted)
    from kiosk.store.urls import DatabaseUrlError, parse_database_url

    try:
        url = parse_database_url(value)
    except DatabaseUrlError as exc:
        raise _Refused(f"{wanted}: {exc}") from None
    if url.get_backend_name() != "postgresql":
        raise _Refused(f"{wanted} (it is {url.get_backend_name()})")


def _check_deployment(settings: Settings, origins: Mapping[str, str]) -> None:
    """Fleet mode needs the centre's URL and keeps the journal in the kiosk's own SQLite; a
    centre's URL without fleet mode would be silently unused (a kiosk set up half-way)."""

    def where(name: str) -> str:
        return f" (from {origins[name]})" if name in origins else ""

    if settings.fleet:
        if not settings.central_url:
            raise SettingsError(
                'central_url must be set with deployment = "fleet": the URL `kiosk central '
                f"add-kiosk {settings.kiosk_id}` printed{where('deployment')}"
            )
        if settings.database_url:
            from kiosk.store.db import is_sqlite

            if not is_sqlite(settings.database_url):
                raise SettingsError(
                    'database_url must be empty or a SQLite file with deployment = "fleet" '
                    "(the kiosk's own journal; the centre is central_url), not "
                    f"{_redacted_url(settings.database_url)}{where('database_url')}"
                )
    elif settings.central_url:
        raise SettingsError(
            f'central_url is used only with deployment = "fleet", not '
            f'"{settings.deployment}": set deployment = "fleet" or remove central_url '
            f"{_redacted_url(settings.central_url)}{where('central_url')}"
        )


def _check_together(settings: Settings, origins: Mapping[str, str]) -> Settings:
    """Checks that take two settings."""
    _check_deployment(settings, origins)
    if settings.idcard_reader == "serial" and not settings.idcard_port:
        where = origins.get("idcard_reader")
        raise SettingsError(
            'idcard_port must be set with idcard_reader = "serial": the reader\'s serial '
            "device, such as /dev/ttyUSB0" + (f" (idcard_reader from {where})" if where else "")
        )
    if settings.warning_seconds > settings.idle_seconds:
        where = origins.get("warning_seconds")
        raise SettingsError(
            f"warning_seconds must be at most idle_seconds ({settings.idle_seconds:g}), not "
            f"{settings.warning_seconds:g}" + (f" (from {where})" if where else "")
        )
    return settings


def _shown(value: Any) -> str:
    """The value as given, short and on one line (repr escapes control characters)."""
    text = repr(str(value) if isinstance(value, Path) else value)
    return text if len(text) <= 60 else text[:57] + "..."


def _redacted_url(value: Any) -> str:
    """A database URL for a message, its password hidden (best effort: it may not parse)."""
    text = str(value)
    try:
        from sqlalchemy.engine import make_url

        return _shown(make_url(text).render_as_string(hide_password=True))
    except Exception:  # not a URL at all: hide anything between :// and @ all the same
        return _shown(re.sub(r"(?<=://)[^@/]*@", "***@", text))


_URL_SETTINGS = ("database_url", "central_url")
_FIELD_TYPES = {f.name: str(f.type) for f in dataclasses.fields(Settings)}
_PATH_TYPES = ("Path", "Path | None")
# Optional paths for which empty means unset (no other kiosks' public keys).
_EMPTY_IS_NONE = ("voucher_public_keys",)
_PATH_SETTINGS = ("data_dir", "log_dir", "voucher_key_file", "export_dir", *_EMPTY_IS_NONE)
