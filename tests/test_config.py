"""Settings: defaults, the TOML file, KIOSK_* variables, types and checks."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.config import RANGES, Settings, SettingsError, load_settings
from kiosk.domain.vouchers import MAX_SEQUENCE, format_voucher_number
from kiosk.store import models


def test_defaults_without_file_or_environment(tmp_path: Path) -> None:
    settings = load_settings(environ={}, data_dir=tmp_path)
    assert settings.printer == "cups"
    assert settings.pickup_working_days == 15
    assert settings.reissue_fee_fen == 0
    assert settings.resolved_voucher_key_file == tmp_path / "voucher-signing.key"


def test_the_guessing_limits_are_settings_with_safe_defaults(tmp_path: Path) -> None:
    limits = load_settings(environ={}, data_dir=tmp_path).proof_limits
    assert (limits.per_person, limits.person_window) == (5, dt.timedelta(hours=24))
    assert (limits.per_kiosk, limits.kiosk_window) == (20, dt.timedelta(hours=1))
    env = {"KIOSK_IDENTIFY_MAX_FAILURES": "3", "KIOSK_KIOSK_WINDOW_MINUTES": "15"}
    limits = load_settings(environ=env, data_dir=tmp_path).proof_limits
    assert (limits.per_person, limits.kiosk_window) == (3, dt.timedelta(minutes=15))


def test_demo_prints_into_files(tmp_path: Path) -> None:
    assert load_settings(environ={}, demo=True, data_dir=tmp_path).printer == "pdf"
    assert load_settings(environ={"KIOSK_PRINTER": "cups"}, demo=True).printer == "cups"


def test_file_then_environment_then_arguments(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(
        'kiosk_id = "BJCY01"\nprinter = "cups"\nprinter_queue = "receipt"\n'
        "pickup_working_days = 20\nreissue_fee_fen = 2000\n",
        encoding="utf-8",
    )
    env = {"KIOSK_PICKUP_WORKING_DAYS": "10", "KIOSK_VOUCHER_KEY_FILE": str(tmp_path / "k")}
    settings = load_settings(config_file=config, environ=env, kiosk_id="BJCY02")
    assert (settings.kiosk_id, settings.printer, settings.printer_queue) == (
        "BJCY02",
        "cups",
        "receipt",
    )
    assert settings.pickup_working_days == 10  # the variable beats the file
    assert settings.reissue_fee_fen == 2000
    assert settings.resolved_voucher_key_file == tmp_path / "k"


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("printer", "laser", "printer must be one of"),
        ("pickup_working_days", "0", "between 1 and 60"),
        ("pickup_working_days", "soon", "a whole number between 1 and 60"),
        ("reissue_fee_fen", "-1", "between 0 and 100000"),
        ("reader", "usb", "reader must be one of"),
        ("identify_max_failures", "0", "between 1 and 100"),
        ("kiosk_max_failures", "-5", "between 1 and 10000"),
        ("identify_window_hours", "nan", "more than 0"),
        ("kiosk_window_minutes", "0", "more than 0"),
        ("tap_guard_seconds", "60", "between 0 and 5"),
    ],
)
def test_bad_values_are_named(name: str, value: str, words: str) -> None:
    with pytest.raises(SettingsError, match=words):
        load_settings(environ={f"KIOSK_{name.upper()}": value})


def test_unknown_setting_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text('printer_colour = "red"\n', encoding="utf-8")
    with pytest.raises(SettingsError, match="unknown settings: printer_colour"):
        load_settings(config_file=config, environ={})


def test_voucher_layout_is_the_printers_paper(tmp_path: Path) -> None:
    assert load_settings(environ={}, data_dir=tmp_path).voucher_layout == "receipt80"
    config = tmp_path / "kiosk.toml"
    config.write_text('voucher_layout = "a4"\n', encoding="utf-8")
    assert load_settings(config_file=config, environ={}).voucher_layout == "a4"
    env = {"KIOSK_VOUCHER_LAYOUT": "receipt80"}
    assert load_settings(config_file=config, environ=env).voucher_layout == "receipt80"


@pytest.mark.parametrize("value", ["A4", "letter", "80mm", ""])
def test_an_unknown_voucher_layout_is_refused_by_name(value: str) -> None:
    with pytest.raises(SettingsError) as refused:
        load_settings(environ={"KIOSK_VOUCHER_LAYOUT": value})
    assert str(refused.value) == (
        f'voucher_layout must be "receipt80" (an 80 mm roll) or "a4" (A4 sheets), not {value!r}'
        " (from KIOSK_VOUCHER_LAYOUT)"
    )


def test_voucher_layouts_are_the_reports_layouts() -> None:
    # config names them without importing ReportLab (slow): the two lists must stay one.
    from kiosk.config import VOUCHER_LAYOUTS
    from kiosk.reports.layout import LAYOUTS

    assert VOUCHER_LAYOUTS == LAYOUTS


def test_the_deploy_example_reads_and_shows_the_paper_setting() -> None:
    example = Path(__file__).parent.parent / "assets" / "deploy" / "kiosk.toml.example"
    assert load_settings(config_file=example, environ={}).voucher_layout == "receipt80"
    assert 'voucher_layout = "receipt80"' in example.read_text(encoding="utf-8")


# Every setting checked when loaded (issue 10) ----------------------------------------------------


def refusal(**env: str) -> str:
    """The one-line SettingsError of loading with these KIOSK_* variables."""
    with pytest.raises(SettingsError) as refused:
        load_settings(environ={f"KIOSK_{k.upper()}": v for k, v in env.items()})
    message = str(refused.value)
    assert "\n" not in message and "\r" not in message
    return message


def test_every_numeric_setting_has_a_stated_range() -> None:
    numeric = {f.name for f in dataclasses.fields(Settings) if f.type in ("float", "int")}
    assert numeric == set(RANGES)


@pytest.mark.parametrize("name", sorted(RANGES))
@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "1e400"])
def test_numbers_must_be_finite(name: str, value: str) -> None:
    message = refusal(**{name: value})
    assert message.startswith(f"{name} must be a")
    assert f"{RANGES[name].high:g}" in message  # the allowed range is stated
    assert message.endswith(f"not {value!r} (from KIOSK_{name.upper()})")


@pytest.mark.parametrize("name", sorted(RANGES))
def test_numbers_just_outside_their_range_are_refused(name: str) -> None:
    limits = RANGES[name]
    assert "must be" in refusal(**{name: str(limits.high + 1)})
    assert "must be" in refusal(**{name: str(limits.low - 1)})


def test_infinite_idle_time_would_switch_the_wipe_off_and_is_refused() -> None:
    assert refusal(idle_seconds="inf") == (
        "idle_seconds must be a number between 10 and 600 (seconds of quiet before the "
        "countdown), not 'inf' (from KIOSK_IDLE_SECONDS)"
    )


def test_the_countdown_may_not_be_longer_than_the_quiet_time(tmp_path: Path) -> None:
    message = refusal(idle_seconds="20", warning_seconds="30")
    assert message == (
        "warning_seconds must be at most idle_seconds (20), not 30 (from KIOSK_WARNING_SECONDS)"
    )
    settings = load_settings(
        environ={"KIOSK_IDLE_SECONDS": "30", "KIOSK_WARNING_SECONDS": "30"}, data_dir=tmp_path
    )
    assert (settings.idle_seconds, settings.warning_seconds) == (30.0, 30.0)


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("idle_seconds = true", "idle_seconds must be a number"),
        ("idle_seconds = nan", "not nan"),
        ("pickup_working_days = 15.5", "pickup_working_days must be a whole number"),
        ("location = 5", "location must be text, not 5"),
        ('location = ["hall"]', "location must be text"),
        ("data_dir = 7", "data_dir must be a folder or file path"),
        ('demo = "maybe"', "demo must be true or false"),
    ],
)
def test_toml_values_of_the_wrong_kind_are_refused(tmp_path: Path, line: str, words: str) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=re.escape(words)) as refused:
        load_settings(config_file=config, environ={})
    assert str(refused.value).endswith(f"(from {config})")


@pytest.mark.parametrize(
    "value", ["", "bj01", "BJ-01", "BJCY0123456789", "ＢＪ01", "BJ01\n", "BJ 01", "北京01"]
)
def test_a_kiosk_id_that_cannot_begin_a_voucher_number_is_refused(value: str) -> None:
    message = refusal(kiosk_id=value)
    assert message.startswith("kiosk_id must be 1 to 12 characters A-Z and 0-9")
    assert message.endswith(f"not {value!r} (from KIOSK_KIOSK_ID)")


@pytest.mark.parametrize("kiosk_id", ["A", "BJCY01", "Z" * 12, "0" * 12])
def test_every_accepted_kiosk_id_numbers_vouchers_and_fits_the_store(
    tmp_path: Path, kiosk_id: str
) -> None:
    settings = load_settings(environ={"KIOSK_KIOSK_ID": kiosk_id}, data_dir=tmp_path)
    number = format_voucher_number(settings.kiosk_id, dt.date(2026, 12, 31), MAX_SEQUENCE)
    assert len(number) <= models.Voucher.__table__.c.number.type.length
    assert len(kiosk_id) <= models.KIOSK_ID.length
    assert len(kiosk_id) <= models.AuditLogEntry.__table__.c.chain.type.length


@pytest.mark.parametrize("name", ["data_dir", "log_dir", "voucher_key_file", "export_dir"])
@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("", "it is empty, which would mean the current folder"),
        ("   ", "it is empty"),
        ("kiosk-data", "a relative one depends on the folder it starts in"),
        ("./kiosk", "a relative one"),
        ("/var/lib/\x00kiosk", "U+0000, unprintable"),
        ("/" + "x" * 5000, "more than 4096"),
        ("~nosuchuser4242/kiosk", "its ~user is unknown"),
    ],
)
def test_folders_and_files_must_be_absolute_paths(name: str, value: str, words: str) -> None:
    message = refusal(**{name: value})
    assert message.startswith(f"{name} must be an absolute path")
    assert words in message
    assert message.endswith(f"(from KIOSK_{name.upper()})")


def test_a_home_relative_path_is_expanded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    settings = load_settings(environ={"KIOSK_DATA_DIR": "~/kiosk"})
    assert settings.data_dir == tmp_path / "kiosk"


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("location", "hall\x07one", "character 5 is U+0007, unprintable"),
        ("location", "hall \u202eeno", "U+202E, unprintable"),  # a bidi override on the voucher
        ("location", "大" * 101, "it has 101 characters, more than 100"),
        ("reader_name", "Reader\n00", "U+000A"),
        ("reader_name", "R" * 129, "more than 128"),
        ("printer_queue", "", "a CUPS queue name of 1 to 127 characters"),
        ("printer_queue", "receipt printer", "without space, /, # or \\"),
        ("printer_queue", "a/b", "without space"),
        ("printer_server", "host:99999", "host[:port]"),
        ("printer_server", "host:port", "host[:port]"),
        ("printer_server", "two hosts", "host[:port]"),
        ("database_url", "nosuch://x", "unknown kind of database 'nosuch'"),
        ("database_url", "garbage", "garbage is not a database URL"),
        ("database_url", "sqlite:///relative.db", "names the relative path"),
        ("database_url", "sqlite://", "must be a file, not in memory"),
        ("database_url", "postgresql://kiosk@host/db\x1b", "U+001B"),
    ],
)
def test_text_settings_are_printable_and_fit(name: str, value: str, words: str) -> None:
    message = refusal(**{name: value})
    assert message.startswith(f"{name} must be ")
    assert words in message


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("location", "大" * 100),
        ("location", "Chaoyang hall, ground floor"),
        ("printer_server", "cups.example:631"),
        ("printer_server", "[::1]:631"),
        ("printer_server", "/run/cups/cups.sock"),
        ("printer_server", ""),
        ("database_url", "postgresql://kiosk:secret@central.example/sscard"),
        ("database_url", "sqlite:////var/lib/sscard-kiosk/kiosk.db"),
        ("database_url", ""),
    ],
)
def test_good_text_settings_are_kept(tmp_path: Path, name: str, value: str) -> None:
    env = {f"KIOSK_{name.upper()}": value}
    assert getattr(load_settings(environ=env, data_dir=tmp_path), name) == value


def test_a_refused_database_url_does_not_show_its_password() -> None:
    message = refusal(database_url="postgresql://kiosk:hunter2@host:notaport/sscard")
    assert message.startswith("database_url must be ")
    assert "hunter2" not in message


# The settings file ------------------------------------------------------------------------------


def refused_file(path: Path) -> str:
    with pytest.raises(SettingsError) as refused:
        load_settings(environ={"KIOSK_CONFIG": str(path)})
    message = str(refused.value)
    assert "\n" not in message
    return message


def test_a_settings_file_that_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_bytes('location = "朝阳"\n'.encode("gbk"))
    assert refused_file(config) == (
        f"settings file {config} is not UTF-8 text (byte 0xb3 at offset 12): save it as UTF-8"
    )


def test_a_settings_file_with_a_byte_order_mark_reads(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_bytes(b"\xef\xbb\xbf" + b'kiosk_id = "BJCY07"\n')
    assert load_settings(config_file=config, environ={}, data_dir=tmp_path).kiosk_id == "BJCY07"


def test_a_settings_fifo_is_refused_without_waiting(tmp_path: Path, no_hang: None) -> None:
    fifo = tmp_path / "kiosk.toml"
    os.mkfifo(fifo)
    assert refused_file(fifo) == (
        f"settings file {fifo} is not a regular file (a folder, FIFO or device): "
        "point KIOSK_CONFIG or --config at the kiosk.toml file"
    )


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_not_read_as_settings(device: str, no_hang: None) -> None:
    assert "is not a regular file" in refused_file(Path(device))


def test_a_folder_is_not_a_settings_file(tmp_path: Path) -> None:
    assert "is not a regular file" in refused_file(tmp_path)


def test_a_huge_settings_file_is_refused_unread(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text("# padding\n" * 10_000, encoding="utf-8")  # 100 kB of comments
    assert (
        refused_file(config)
        == f"settings file {config} is larger than 64 KiB: it is not a kiosk.toml"
    )


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("idle_seconds = \n", "is not valid TOML: "),
        ("[unclosed\n", "is not valid TOML: "),
    ],
)
def test_a_broken_toml_file_is_one_line(tmp_path: Path, content: str, words: str) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(content, encoding="utf-8")
    assert words in refused_file(config)


def test_a_missing_settings_file_is_named(tmp_path: Path) -> None:
    assert (
        refused_file(tmp_path / "nope.toml")
        == f"settings file {tmp_path / 'nope.toml'} does not exist"
    )


# Through the real entry point -------------------------------------------------------------------


def run_kiosk(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m kiosk ARGS` with these variables on top of a clean environment."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        env={**clean, "QT_QPA_PLATFORM": "offscreen", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


VOUCHER_CODE = "SSK1:BJCY01-20261122-000042-7:AAAAAAAAAAAAAAAAAAAAAAAAAA"


def test_the_command_refuses_an_infinite_idle_time_in_one_line(tmp_path: Path) -> None:
    done = run_kiosk(
        {"KIOSK_IDLE_SECONDS": "inf", "KIOSK_DATA_DIR": str(tmp_path)},
        "voucher",
        "verify",
        VOUCHER_CODE,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        "idle_seconds must be a number between 10 and 600 (seconds of quiet before the "
        "countdown), not 'inf' (from KIOSK_IDLE_SECONDS)"
    ]


def test_the_command_does_not_hang_on_a_settings_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "kiosk.toml"
    os.mkfifo(fifo)
    done = run_kiosk({"KIOSK_CONFIG": str(fifo)}, "voucher", "verify", VOUCHER_CODE)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"settings file {fifo} is not a regular file (a folder, FIFO or device): "
        "point KIOSK_CONFIG or --config at the kiosk.toml file"
    ]
    assert "Traceback" not in done.stderr


def test_the_service_code_is_empty_digits_or_refused_and_the_demo_has_one(tmp_path: Path) -> None:
    assert load_settings(environ={}, data_dir=tmp_path).service_code == ""  # no entry
    assert load_settings(environ={}, demo=True, data_dir=tmp_path).service_code == "2580"
    given = load_settings(environ={"KIOSK_SERVICE_CODE": "13579024"}, data_dir=tmp_path)
    assert given.service_code == "13579024"
    for bad in ("123", "12ab", "１２３４", "1234567890123"):
        with pytest.raises(SettingsError, match="service_code"):
            load_settings(environ={"KIOSK_SERVICE_CODE": bad}, data_dir=tmp_path)


def test_exports_go_to_the_data_folder_unless_export_dir_says(tmp_path: Path) -> None:
    assert load_settings(environ={}, data_dir=tmp_path).resolved_export_dir == tmp_path / "exports"
    env = {"KIOSK_EXPORT_DIR": str(tmp_path / "out")}
    assert load_settings(environ=env, data_dir=tmp_path).resolved_export_dir == tmp_path / "out"
