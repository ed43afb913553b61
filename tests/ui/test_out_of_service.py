"""Start-up faults through the window (QUALITY.md R10): a damaged or unreachable database, an
unsafe or damaged key, an invalid setting, a log or data folder that cannot be made. The kiosk
shows the bilingual out-of-service screen with the reason code, logs the full reason, keeps
running, retries (on a short schedule here) and, once the cause is gone, serves again from the
attract screen. Also a fault found while serving: a database migrated by a newer program."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import socket
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from psycopg import sql
from PySide6.QtWidgets import QAbstractButton
from sqlalchemy.engine import make_url

from kiosk import app as kiosk_app
from kiosk.app import DemoKit
from kiosk.config import Settings, SettingsError, load_settings
from kiosk.demo.seed import seed_demo
from kiosk.domain.outage import Outage, Reason
from kiosk.faults import Backoff
from kiosk.services.signing_key import load_or_create_key
from kiosk.startup import Startup
from kiosk.ui.screens.out_of_service import OutOfServiceScreen

RETRY = Backoff(first=0.05, longest=0.2)  # seconds: the real schedule is 5 s → 60 s
WAIT_MS = 10_000


def demo_settings(root: Path, **overrides: object) -> Settings:
    """The demo set-up in `root` (mock reader, SQLite, PDF printer), no tap guard."""
    data = root / "kiosk"
    values: dict[str, object] = {
        "data_dir": data,
        "log_dir": data / "log",
        "tap_guard_seconds": 0,
        **overrides,
    }
    return load_settings(demo=True, environ={}, **values)


@pytest.fixture
def start(qapp, tmp_path: Path) -> Iterator[Callable[[Callable[[], Settings]], Startup]]:
    """Starts the kiosk as run_kiosk does (without the event loop's exec), shown at 1280x800;
    invalid settings fall back to defaults logging into tmp_path/fallback-log."""
    started: list[Startup] = []

    def make(load: Callable[[], Settings]) -> Startup:
        fallback = Settings(data_dir=tmp_path / "fallback", log_dir=tmp_path / "fallback-log")
        demo = DemoKit(seed=seed_demo)  # the demo's data, no tray
        startup = Startup(qapp, load=load, demo=demo, fallback=fallback, backoff=RETRY)
        started.append(startup)
        startup.window.resize(1280, 800)
        startup.window.show()
        startup.start()
        return startup

    yield make
    for startup in started:
        startup.close()


def assert_out_of_service(startup: Startup, reason: Reason, all_texts) -> None:
    window = startup.window
    assert startup.kiosk is None or startup.outage is not None
    assert window.outage is not None and window.outage.reason is reason
    assert window.current is window.out_of_service
    shown = all_texts(window.out_of_service)
    assert reason.code in shown
    assert "本机暂停服务" in shown and "This kiosk is out of service" in shown
    assert "请到服务窗口办理，或使用其他自助服务机。" in shown
    # Nothing to tap for a citizen, no language to look for: both are on the screen.
    assert not window.out_of_service.findChildren(QAbstractButton)
    assert window.header.language_button.isHidden()
    assert window.header.home_button.isHidden()
    assert window.isVisible()  # it keeps running


def wait_serving(qtbot, startup: Startup) -> None:
    qtbot.waitUntil(lambda: startup.kiosk is not None and startup.outage is None, timeout=WAIT_MS)
    assert startup.window.current is startup.window.attract
    assert startup.window.outage is None
    assert not startup.window.header.language_button.isHidden()


def log_of(settings: Settings) -> str:
    return (settings.log_dir / "kiosk.log").read_text(encoding="utf-8")


def good_demo_database(sqlite_factory, where: Path) -> Path:
    where.mkdir(parents=True, exist_ok=True)
    sqlite_factory.new("demo", where)
    return where / "kiosk.db"


@pytest.mark.parametrize("damage", ["random bytes", "truncated"])
def test_a_damaged_database_is_out_of_service_until_the_file_is_replaced(
    start, qtbot, tmp_path, sqlite_factory, all_texts, damage
) -> None:
    settings = demo_settings(tmp_path)
    good = good_demo_database(sqlite_factory, tmp_path / "backup")
    db = settings.data_dir / "kiosk.db"
    db.parent.mkdir(parents=True)
    data = good.read_bytes()
    db.write_bytes(os.urandom(len(data)) if damage == "random bytes" else data[: len(data) // 3])

    startup = start(lambda: settings)

    assert_out_of_service(startup, Reason.DB_CORRUPT, all_texts)
    log = log_of(settings)
    assert "kiosk.out_of_service code=E-DB-CORRUPT step=database" in log
    assert "Traceback (most recent call last)" in log
    qtbot.waitUntil(lambda: startup.attempts >= 3, timeout=WAIT_MS)  # retrying, still out
    assert startup.window.current is startup.window.out_of_service
    assert "kiosk.still_out_of_service code=E-DB-CORRUPT" in log_of(settings)

    shutil.copyfile(good, db)  # the technician restores the backup
    wait_serving(qtbot, startup)
    assert "kiosk.recovered code=E-DB-CORRUPT" in log_of(settings)
    startup.kiosk.backend.insert("normal")  # and it serves
    qtbot.waitUntil(lambda: startup.window.current is startup.window.summary, timeout=WAIT_MS)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_unreachable_back_end_is_out_of_service_until_it_answers(
    start, qtbot, tmp_path, postgres_factory, all_texts
) -> None:
    away = f"postgresql://postgres@127.0.0.1:{closed_port()}/sscard"
    url = [away]
    startup = start(lambda: demo_settings(tmp_path, database_url=url[0]))

    assert_out_of_service(startup, Reason.DB_UNREACHABLE, all_texts)
    assert "Connection refused" in log_of(demo_settings(tmp_path))

    url[0] = postgres_factory.new("demo", tmp_path)  # the back end answers
    wait_serving(qtbot, startup)
    assert startup.kiosk.settings.database_url == url[0]


def _set_read_only(postgres_factory, url: str, on: bool) -> None:
    """Make the database read-only (as a standby or a read-only role is) for new sessions, and
    end the open ones so that the kiosk's next connection meets it."""
    name = make_url(url).database
    with postgres_factory._admin() as admin:
        admin.execute(
            sql.SQL("ALTER DATABASE {} SET default_transaction_read_only = {}").format(
                sql.Identifier(name), sql.SQL("on" if on else "off")
            )
        )
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        )


def test_a_back_end_that_turns_read_only_while_serving_stops_the_kiosk(
    start, qtbot, tmp_path, postgres_factory, all_texts, monkeypatch
) -> None:
    monkeypatch.setattr(kiosk_app, "BACKEND_CHECK_MS", 50)
    url = postgres_factory.new("demo", tmp_path)
    startup = start(lambda: demo_settings(tmp_path, database_url=url))
    wait_serving(qtbot, startup)

    _set_read_only(postgres_factory, url, True)  # it still answers every read
    qtbot.waitUntil(lambda: startup.outage is not None, timeout=WAIT_MS)
    assert_out_of_service(startup, Reason.DB_READONLY, all_texts)
    assert "kiosk.out_of_service code=E-DB-READONLY step=check" in log_of(demo_settings(tmp_path))

    _set_read_only(postgres_factory, url, False)
    wait_serving(qtbot, startup)


@pytest.mark.parametrize("fault", ["mode 0644", "garbage"])
def test_an_unsafe_or_damaged_key_is_out_of_service_until_it_is_restored(
    start, qtbot, tmp_path, all_texts, fault
) -> None:
    settings = demo_settings(tmp_path)
    key = settings.resolved_voucher_key_file
    load_or_create_key(key)
    backup = key.read_bytes()
    if fault == "mode 0644":
        key.chmod(0o644)
    else:
        key.write_bytes(os.urandom(64))

    startup = start(lambda: settings)

    assert_out_of_service(startup, Reason.KEY, all_texts)
    assert re.search(
        r"kiosk.out_of_service code=E-KEY step=key error=Key(Unsafe|Malformed)", log_of(settings)
    )
    key.write_bytes(backup)
    key.chmod(0o600)
    wait_serving(qtbot, startup)
    assert key.read_bytes() == backup  # the key was never replaced


def test_an_invalid_setting_is_out_of_service_on_the_defaults(
    start, qtbot, tmp_path, all_texts
) -> None:
    environ = {"KIOSK_IDLE_SECONDS": "soon"}

    def load() -> Settings:
        return load_settings(
            demo=True, environ=environ, data_dir=tmp_path / "kiosk", log_dir=tmp_path / "log"
        )

    with pytest.raises(SettingsError):
        load()
    startup = start(load)

    assert_out_of_service(startup, Reason.CONFIG, all_texts)
    assert startup.translations.language == "zh_CN"  # the default language
    fallback_log = (tmp_path / "fallback-log" / "kiosk.log").read_text(encoding="utf-8")
    assert "kiosk.out_of_service code=E-CONFIG step=settings error=SettingsError" in fallback_log
    assert "idle_seconds" in fallback_log
    assert not (tmp_path / "kiosk").exists()  # nothing opened on settings that make no sense

    environ.clear()  # kiosk.toml corrected: taken up at the next retry
    wait_serving(qtbot, startup)
    assert "kiosk.recovered code=E-CONFIG" in (tmp_path / "log" / "kiosk.log").read_text()


def test_a_log_folder_that_cannot_be_made_logs_to_stderr(
    start, qtbot, tmp_path, all_texts, capfd
) -> None:
    blocker = tmp_path / "var-log"
    blocker.write_text("a file where the log folder should be")
    settings = demo_settings(tmp_path, log_dir=blocker / "sscard-kiosk")

    startup = start(lambda: settings)

    assert_out_of_service(startup, Reason.LOG, all_texts)
    err = capfd.readouterr().err
    assert "log.unwritable" in err and "logging to stderr (the systemd journal)" in err
    assert "kiosk.out_of_service code=E-LOG step=log" in err
    blocker.unlink()
    wait_serving(qtbot, startup)
    assert "log.restored" in capfd.readouterr().err
    assert "kiosk.recovered code=E-LOG" in log_of(settings)


def test_a_data_folder_that_cannot_be_made_is_out_of_service(
    start, qtbot, tmp_path, all_texts
) -> None:
    blocker = tmp_path / "var-lib"
    blocker.write_text("a file where the data folder should be")
    settings = demo_settings(tmp_path, data_dir=blocker / "sscard-kiosk", log_dir=tmp_path / "log")

    startup = start(lambda: settings)

    assert_out_of_service(startup, Reason.DATA_DIR, all_texts)
    blocker.unlink()
    wait_serving(qtbot, startup)


def test_a_database_migrated_by_a_newer_program_while_serving_stops_the_kiosk(
    start, qtbot, tmp_path, all_texts, monkeypatch
) -> None:
    monkeypatch.setattr(kiosk_app, "BACKEND_CHECK_MS", 50)
    settings = demo_settings(tmp_path)
    startup = start(lambda: settings)
    wait_serving(qtbot, startup)
    kiosk = startup.kiosk
    kiosk.backend.insert("normal")
    qtbot.waitUntil(lambda: startup.window.current is startup.window.summary, timeout=WAIT_MS)

    db = settings.data_dir / "kiosk.db"
    with sqlite3.connect(db) as connection:  # a newer kiosk program upgraded the database
        connection.execute("UPDATE alembic_version SET version_num = 'f00dfeed1234'")
    qtbot.waitUntil(lambda: startup.outage is not None, timeout=WAIT_MS)

    assert_out_of_service(startup, Reason.DB_SCHEMA, all_texts)
    assert not kiosk.controller.flow.in_session  # the citizen's session ended, screens wiped
    assert "kiosk.out_of_service code=E-DB-SCHEMA step=check" in log_of(settings)
    qtbot.waitUntil(lambda: startup.attempts >= 2, timeout=WAIT_MS)  # upgrade cannot help
    assert startup.window.current is startup.window.out_of_service

    with sqlite3.connect(db) as connection:  # the right program is back
        connection.execute("UPDATE alembic_version SET version_num = ?", (kiosk.schema,))
    wait_serving(qtbot, startup)
    assert startup.kiosk is kiosk
    kiosk.backend.remove()
    kiosk.backend.insert("normal")
    qtbot.waitUntil(lambda: startup.window.current is startup.window.summary, timeout=WAIT_MS)


def test_the_screen_tells_how_long_in_both_languages(qtbot, translations) -> None:
    now = dt.datetime(2026, 3, 5, 14, 17, tzinfo=dt.UTC)
    screen = OutOfServiceScreen(now=lambda: now)
    qtbot.addWidget(screen)
    screen.show_outage(Outage(Reason.DB_UNREACHABLE, now - dt.timedelta(minutes=12)))
    assert screen.status_zh.text() == "故障代码 E-DB-UNREACHABLE · 已暂停服务 12 分钟（22:05 起）"
    assert screen.status_en.text() == (
        "Reason code E-DB-UNREACHABLE · out of service for 12 min (since 22:05)"
    )
    screen.show_outage(Outage(Reason.DB_SCHEMA, now - dt.timedelta(days=2, hours=3, minutes=1)))
    assert "2 天 3 小时（2026-03-03 19:16 起）" in screen.status_zh.text()
    assert "2 d 3 h (since 2026-03-03 19:16)" in screen.status_en.text()
    translations.set_language("en")  # the language shown changes nothing here
    qtbot.waitUntil(lambda: True)
    assert screen.title_zh.text() == "本机暂停服务"
    assert screen.title_en.text() == "This kiosk is out of service"
