"""Settings: defaults, the TOML file, KIOSK_* variables, types and checks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kiosk.config import SettingsError, load_settings


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
        ("pickup_working_days", "soon", "is not a int"),
        ("reissue_fee_fen", "-1", "must not be negative"),
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
