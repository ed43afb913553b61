"""`kiosk voucher verify`: the offline check staff run on a scanned or typed voucher."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.demo.report_samples import sample_voucher
from kiosk.domain.voucher_data import VoucherKind
from kiosk.domain.vouchers import format_voucher_number
from kiosk.reports.vouchers import render_voucher
from kiosk.services.signing_key import load_or_create_key
from kiosk.services.voucher_codes import sign

NUMBER = format_voucher_number("BJCY01", dt.date(2026, 11, 22), 42)


@pytest.fixture
def key_file(tmp_path: Path) -> Path:
    path = tmp_path / "keys" / "voucher-signing.key"
    load_or_create_key(path)
    return path


@pytest.fixture
def payload(key_file: Path) -> str:
    return sign(NUMBER, load_or_create_key(key_file))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["voucher", "verify", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_genuine_code_is_valid(capsys, key_file: Path, payload: str) -> None:
    code, out, _ = run(capsys, payload + "\n", "--key-file", str(key_file))
    assert code == 0
    assert out.strip() == f"VALID voucher {NUMBER} signed by the key in {key_file}"


def test_an_altered_code_is_invalid(capsys, key_file: Path, payload: str) -> None:
    forged = payload.replace(NUMBER, format_voucher_number("BJCY01", dt.date(2026, 11, 22), 43))
    code, out, _ = run(capsys, forged, "--key-file", str(key_file))
    assert code == 1
    assert out.startswith("INVALID") and "signature does not match" in out
    flipped = payload[:-1] + ("A" if payload[-1] != "A" else "B")
    assert run(capsys, flipped, "--key-file", str(key_file))[0] == 1


def test_another_kiosk_key_makes_it_invalid(capsys, tmp_path: Path, payload: str) -> None:
    other = tmp_path / "other.key"
    load_or_create_key(other)
    assert run(capsys, payload, "--key-file", str(other))[0] == 1


def test_json_output(capsys, key_file: Path, payload: str) -> None:
    code, out, _ = run(capsys, payload, "--key-file", str(key_file), "--json")
    assert code == 0
    assert json.loads(out) == {
        "input": "qr_code",
        "valid": True,
        "number": NUMBER,
        "signature": "valid",
        "scheme": "SSK1",  # the old HMAC code: the number alone is signed
        "key_file": str(key_file),
    }
    code, out, _ = run(
        capsys, "SSK1:" + NUMBER + ":" + "A" * 26, "--key-file", str(key_file), "--json"
    )
    assert code == 1 and json.loads(out)["valid"] is False


def test_a_bare_number_gets_its_check_character_checked(capsys) -> None:
    code, out, _ = run(capsys, NUMBER.replace("-", "").lower())
    assert code == 0
    assert f"Voucher number {NUMBER}: check character VALID" in out
    assert "No signature was given" in out

    wrong = NUMBER[:-1] + ("0" if NUMBER[-1] != "0" else "1")
    code, out, _ = run(capsys, wrong)
    assert code == 1 and "check character does not match" in out and "No signature" in out

    code, out, _ = run(capsys, "hello")
    assert code == 1 and "not a voucher number" in out

    code, out, _ = run(capsys, wrong, "--json")
    assert json.loads(out) == {
        "input": "number",
        "valid": False,
        "number": None,
        "check": "bad_check",
        "signature": None,
    }


def test_without_key_file_the_configured_key_is_used(
    capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "data"
    config = tmp_path / "kiosk.toml"
    config.write_text(f'data_dir = "{data_dir}"\n', encoding="utf-8")
    monkeypatch.setenv("KIOSK_CONFIG", str(config))
    monkeypatch.delenv("KIOSK_VOUCHER_KEY_FILE", raising=False)
    monkeypatch.delenv("KIOSK_DATA_DIR", raising=False)

    payload = sign(NUMBER, b"whatever")
    code, _, err = run(capsys, payload)
    assert code == 2 and "does not exist" in err  # verify never makes a key up
    assert not (data_dir / "voucher-signing.key").exists()

    key = load_or_create_key(data_dir / "voucher-signing.key")
    code, out, _ = run(capsys, sign(NUMBER, key))
    assert code == 0 and out.strip() == f"VALID voucher {NUMBER} signed by this kiosk's key"

    elsewhere = tmp_path / "elsewhere.key"
    monkeypatch.setenv("KIOSK_VOUCHER_KEY_FILE", str(elsewhere))
    assert run(capsys, sign(NUMBER, load_or_create_key(elsewhere)))[0] == 0


def test_key_file_problems_are_usage_errors(capsys, key_file: Path, payload: str) -> None:
    key_file.chmod(0o644)
    code, out, err = run(capsys, payload, "--key-file", str(key_file))
    assert code == 2 and out == ""
    assert "chmod 600" in err
    code, _, err = run(capsys, payload, "--key-file", str(key_file.parent / "nope.key"))
    assert code == 2 and "does not exist" in err


def test_a_bad_settings_file_is_a_usage_error(
    capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text("no_such_setting = 1\n", encoding="utf-8")
    monkeypatch.setenv("KIOSK_CONFIG", str(config))
    code, _, err = run(capsys, sign(NUMBER, b"k"))
    assert code == 2 and "unknown settings" in err


def test_missing_text_is_a_usage_error(capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["voucher", "verify"])
    assert caught.value.code == 2
    with pytest.raises(SystemExit) as caught:
        main(["voucher"])
    assert caught.value.code == 2


@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbarimg (zbar-tools) not installed")
def test_a_printed_qr_code_scanned_back_verifies(capsys, tmp_path: Path, key_file: Path) -> None:
    """The whole way: key file → signed voucher → PDF → pixels → scanner text → verify."""
    data = sample_voucher(VoucherKind.CARD_RECEIPT, "en")
    pdf = tmp_path / "v.pdf"
    pdf.write_bytes(render_voucher(data, sign(data.voucher_number, load_or_create_key(key_file))))
    subprocess.run(
        ["pdftoppm", "-r", "200", "-png", "-singlefile", str(pdf), str(tmp_path / "v")],
        check=True,
    )
    scanned = subprocess.run(
        ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(tmp_path / "v.png")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    code, out, _ = run(capsys, scanned, "--key-file", str(key_file))
    assert code == 0 and data.voucher_number in out
