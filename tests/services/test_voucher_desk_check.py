"""The desk's check of a scanned code (VoucherDesk.check_code), on SQLite and PostgreSQL: a
genuine voucher of this kiosk with its record, a genuine one of another kiosk whose public key
comes from a folder of .pub files (the setting voucher_public_keys), and tampered, unknown-key,
malformed and old SSK1 codes refused with their reason; each check audited with the clerk as
actor, never with the code in it."""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path

import cbor2
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from desk_helpers import CLERK, KEY, TECH, Desk, make_desk
from sqlalchemy.engine import Engine

from kiosk.app import trusted_public_keys
from kiosk.config import load_settings
from kiosk.domain.journal import ActorKind, Outcome
from kiosk.domain.vouchers import format_voucher_number
from kiosk.services.voucher_codes import (
    CodeProblem,
    VoucherCodes,
    VoucherContent,
    b45decode,
    b45encode,
    key_id,
)
from kiosk.services.voucher_desk import VoucherDesk
from kiosk.services.voucher_key import export_public_key, load_public_keys
from kiosk.store.seal import AuditSeal

OTHER_NUMBER = format_voucher_number("BJCY02", dt.date(2026, 12, 4), 9)
OTHER_CONTENT = VoucherContent(OTHER_NUMBER, "card_receipt", "王*", dt.date(2026, 12, 28), "X-1")


@pytest.fixture
def signer() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture
def desk(demo_engine: Engine, audit_seal: AuditSeal, signer: Ed25519PrivateKey) -> Desk:
    bench = make_desk(demo_engine, audit_seal)
    # This kiosk signs SSK2 codes with its Ed25519 key, and still reads SSK1 with its HMAC key.
    bench.kiosk.context.voucher_codes = VoucherCodes(KEY, signer)
    return bench


def checks(desk: Desk) -> list[tuple[str, Outcome, ActorKind, str, dict[str, object]]]:
    return [
        (e.action, e.outcome, e.actor_kind, e.actor, e.detail)
        for e in desk.entries()
        if e.action == "desk.code_checked"
    ]


def altered(code: str) -> str:
    """The code with its signed outlet changed and its signature kept."""
    tag = cbor2.loads(b45decode(code.removeprefix("SSK2:")))
    protected, unprotected, payload, signature = tag.value
    content = cbor2.loads(payload)
    content[5] = "FORGED"
    parts = [protected, unprotected, cbor2.dumps(content), signature]
    return "SSK2:" + b45encode(cbor2.dumps(cbor2.CBORTag(18, parts)))


def test_a_genuine_voucher_of_this_kiosk_comes_with_its_record(
    desk: Desk, signer: Ed25519PrivateKey, caplog: pytest.LogCaptureFixture
) -> None:
    number, code = desk.reissue()
    assert code.startswith("SSK2:")
    with caplog.at_level(logging.DEBUG):
        check = desk.desk.check_code(CLERK, code)
    assert check.genuine and check.problem is None
    own = key_id(signer.public_key())
    assert (check.number, check.scheme, check.key_id) == (number, "SSK2", own)
    assert check.voucher is not None and check.voucher.number == number
    assert check.content is not None and check.content.kind == "card_receipt"
    assert check.content.pickup_date == check.voucher.pickup_date
    assert checks(desk) == [
        (
            "desk.code_checked",
            Outcome.OK,
            ActorKind.STAFF,
            "clerk1",
            {"voucher": number, "scheme": "SSK2", "key_id": check.key_id, "known": True},
        )
    ]
    assert code[5:40] not in caplog.text
    assert all(code[5:40] not in json.dumps(e.detail) for e in desk.entries())
    desk.check()


def test_another_kiosks_voucher_is_genuine_with_its_exported_public_key(
    desk: Desk, tmp_path: Path
) -> None:
    other = Ed25519PrivateKey.generate()
    folder = tmp_path / "voucher-keys"
    folder.mkdir()
    export_public_key(other.public_key(), "BJCY02", folder)
    code = VoucherCodes(private=other).sign(OTHER_CONTENT)

    alone = desk.desk.check_code(CLERK, code)  # this kiosk's keys only: unknown
    assert alone.problem is CodeProblem.UNKNOWN_KEY and alone.voucher is None

    ctx = desk.kiosk.context
    trusting = VoucherDesk(ctx, desk.desk.printing, public_keys=load_public_keys(folder))
    check = trusting.check_code(CLERK, code)
    assert check.genuine and check.voucher is None  # genuine, but not in this back end
    assert check.content == OTHER_CONTENT and check.key_id == key_id(other.public_key())
    assert trusting.check_code(CLERK, desk.reissue()[1]).genuine  # its own still verify
    outcomes = [(c[1], c[4].get("known"), c[4].get("problem")) for c in checks(desk)]
    assert outcomes == [
        (Outcome.REFUSED, None, "unknown_key"),
        (Outcome.OK, False, None),
        (Outcome.OK, True, None),
    ]
    desk.check()


@pytest.mark.parametrize(
    ("make_code", "problem"),
    [
        (lambda d: altered(d.reissue()[1]), CodeProblem.BAD_SIGNATURE),
        (
            lambda d: VoucherCodes(private=Ed25519PrivateKey.generate()).sign(OTHER_CONTENT),
            CodeProblem.UNKNOWN_KEY,
        ),
        (lambda d: "SSK2:NOT/BASE45", CodeProblem.MALFORMED),
        (lambda d: "hello", CodeProblem.MALFORMED),
        (
            lambda d: VoucherCodes(hmac_key=b"another kiosk's secret").sign(OTHER_NUMBER),
            CodeProblem.BAD_SIGNATURE,
        ),
    ],
    ids=["tampered", "unknown-key", "damaged", "not-a-code", "ssk1-foreign"],
)
def test_a_code_not_genuine_is_refused_with_why(desk: Desk, make_code, problem) -> None:  # type: ignore[no-untyped-def]
    code = make_code(desk)
    check = desk.desk.check_code(CLERK, code)
    assert not check.genuine and check.problem is problem
    assert check.voucher is None and check.content is None and check.number is None
    assert checks(desk)[-1] == (
        "desk.code_checked",
        Outcome.REFUSED,
        ActorKind.STAFF,
        "clerk1",
        {"problem": problem.value},
    )


def test_old_ssk1_codes_check_with_the_secret_and_are_refused_without_it(
    desk: Desk, signer: Ed25519PrivateKey
) -> None:
    ctx = desk.kiosk.context
    ctx.voucher_codes = None  # an old kiosk: SSK1 codes with its HMAC key
    number, old = desk.reissue()
    assert old.startswith("SSK1:")
    ctx.voucher_codes = VoucherCodes(KEY, signer)
    check = desk.desk.check_code(CLERK, old)
    assert check.genuine and (check.scheme, check.key_id, check.content) == ("SSK1", None, None)
    assert check.voucher is not None and check.voucher.number == number
    ctx.voucher_codes = VoucherCodes(private=signer)  # public keys only: no secret
    assert desk.desk.check_code(CLERK, old).problem is CodeProblem.OLD_UNCHECKABLE


def test_a_technician_may_not_check_at_the_desk(desk: Desk) -> None:
    code = desk.reissue()[1]
    assert desk.refused(desk.desk.check_code, TECH, code).value == "staff_not_allowed"
    assert checks(desk) == []


def test_the_setting_names_the_folder_of_public_keys(tmp_path: Path, caplog) -> None:  # type: ignore[no-untyped-def]
    base = {"environ": {}, "data_dir": tmp_path, "log_dir": tmp_path}
    assert load_settings(**base).voucher_public_keys is None
    assert load_settings(**base, voucher_public_keys="").voucher_public_keys is None
    assert trusted_public_keys(load_settings(**base)) == {}
    other = Ed25519PrivateKey.generate().public_key()
    export_public_key(other, "BJCY02", tmp_path)
    settings = load_settings(**base, voucher_public_keys=str(tmp_path))
    assert trusted_public_keys(settings) == {key_id(other): other}
    empty = tmp_path / "empty"
    empty.mkdir()
    with caplog.at_level(logging.WARNING):
        assert trusted_public_keys(load_settings(**base, voucher_public_keys=str(empty))) == {}
    assert "desk.public_keys_unreadable" in caplog.text
