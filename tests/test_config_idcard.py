"""The ID card reader's settings: idcard_reader and idcard_port, and make_idcard_reader."""

from __future__ import annotations

import pytest

from drivers.idcard.mock import MockIdCardReader
from drivers.idcard.serial import SerialIdCardReader
from kiosk.config import SettingsError, load_settings
from kiosk.hardware import make_idcard_reader


def test_default_none_demo_mock() -> None:
    assert load_settings(environ={}).idcard_reader == "none"
    assert make_idcard_reader(load_settings(environ={})) is None
    demo = load_settings(environ={}, demo=True)
    assert demo.idcard_reader == "mock"
    assert isinstance(make_idcard_reader(demo), MockIdCardReader)


def test_serial_needs_its_port() -> None:
    settings = load_settings(
        environ={"KIOSK_IDCARD_READER": "serial", "KIOSK_IDCARD_PORT": "/dev/ttyUSB0"}
    )
    reader = make_idcard_reader(settings)
    assert isinstance(reader, SerialIdCardReader) and reader.port == "/dev/ttyUSB0"
    with pytest.raises(SettingsError, match=r"idcard_port must be set .* KIOSK_IDCARD_READER"):
        load_settings(environ={"KIOSK_IDCARD_READER": "serial"})


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("KIOSK_IDCARD_READER", "usb", "idcard_reader must be one of none, serial, mock"),
        ("KIOSK_IDCARD_PORT", "ttyUSB0", "absolute path"),
        ("KIOSK_IDCARD_PORT", "/dev/tty\nUSB0", r"U\+000A"),
        ("KIOSK_IDCARD_PORT", "/" + "d" * 300, "more than 255"),
    ],
)
def test_bad_values_are_refused_in_one_line(name: str, value: str, words: str) -> None:
    with pytest.raises(SettingsError, match=words) as caught:
        load_settings(environ={name: value})
    assert "\n" not in str(caught.value) and name in str(caught.value)
