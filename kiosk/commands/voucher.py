"""`kiosk voucher verify|new-key`: check a scanned or typed voucher offline, or make a new
voucher signing key on purpose, on the record."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from kiosk import exit_codes
from kiosk.commands.arguments import path_arg
from kiosk.commands.common import EXIT_OK, EXIT_USAGE, fail
from kiosk.commands.keys import login_name, new_key, new_key_options

if TYPE_CHECKING:  # imported where used: the store and the settings are slow to load
    from sqlalchemy.engine import Engine

    from kiosk.config import Settings


def add_voucher_commands(commands: Any) -> None:
    """Add `voucher` and its sub-commands to the `kiosk` command's sub-parsers."""
    voucher = commands.add_parser(
        "voucher", help="vouchers: check a scanned or typed voucher, or make a new signing key"
    )
    voucher_commands = voucher.add_subparsers(title="vouchers", metavar="WHAT", required=True)
    verify = voucher_commands.add_parser(
        "verify",
        help="check a voucher's QR code (signature) or a typed voucher number, offline",
        description="TEXT is the QR code's text as a scanner types it (SSK1:<number>:<signature>)"
        " or a voucher number alone, whose check character is then checked (no signature). "
        "Exit status: 0 valid, 1 invalid or altered, 2 usage or key file problem, "
        "70 internal error.",
    )
    verify.add_argument("text", metavar="TEXT", help="QR code text, or a voucher number")
    verify.add_argument(
        "--key-file",
        type=path_arg("the key file name"),
        help="the signing key file (default: voucher_key_file of the settings)",
    )
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(handler=_voucher_verify)
    new_key_command = voucher_commands.add_parser(
        "new-key",
        help="make a new voucher signing key on purpose, recorded in the audit log",
        description="Make a new signing key in the settings' voucher_key_file and record it "
        "in this kiosk's audit log (its fingerprint, never the key). Vouchers signed with the "
        "old key no longer verify against the new one. An existing key is replaced only with "
        "--replace, and kept beside the new one as <file>.replaced-<UTC time>. Exit status: "
        "0 made, 2 refused or a key file or settings problem, 3 the database could not record "
        "it (nothing changed).",
    )
    new_key_options(new_key_command)
    new_key_command.set_defaults(handler=_voucher_new_key)


def _voucher_verify(args: argparse.Namespace) -> int:
    from kiosk.services.signing_key import SigningKeyError, load_key
    from kiosk.services.voucher_codes import InvalidVoucherCode, NumberCheck, check_number, verify

    text = args.text.strip()
    result: dict[str, object] = {"input": "number" if ":" not in text else "qr_code"}
    if ":" not in text:  # a number typed in: only its check character can be checked
        check, number = check_number(text)
        valid = check is NumberCheck.VALID
        result.update(valid=valid, number=number, check=check.value, signature=None)
        if valid:
            message = (
                f"Voucher number {number}: check character VALID. No signature was given, so "
                "this does not show that a kiosk issued it; scan the QR code to check that."
            )
        elif check is NumberCheck.BAD_CHECK:
            message = (
                "INVALID voucher number: the check character does not match (mistyped or altered)."
                " No signature was given."
            )
        else:
            message = "INVALID: not a voucher number (expected KIOSK-YYYYMMDD-NNNNNN-C)."
    else:
        if args.key_file is not None:
            key_file, whose = args.key_file, f"the key in {args.key_file}"
        else:
            from kiosk.config import SettingsError, load_settings

            try:
                settings = load_settings(config_file=args.config, demo=args.demo)
            except SettingsError as exc:
                return fail(str(exc), EXIT_USAGE)
            key_file, whose = settings.resolved_voucher_key_file, "this kiosk's key"
        try:
            key = load_key(key_file)
        except SigningKeyError as exc:
            return fail(f"Cannot check the signature: {exc}", EXIT_USAGE)
        try:
            number = verify(text, key).number
        except InvalidVoucherCode as exc:
            valid, message = False, f"INVALID voucher code: {exc}."
            result.update(valid=False, number=None, signature="invalid", reason=str(exc))
        else:
            valid, message = True, f"VALID voucher {number} signed by {whose}"
            result.update(valid=True, number=number, signature="valid")
        result["key_file"] = str(key_file)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(message)
    return EXIT_OK if valid else exit_codes.FAILED


def _voucher_new_key(args: argparse.Namespace) -> int:
    from kiosk.services.audit_seal import open_audit_seal
    from kiosk.services.signing_key import SigningKeyError
    from kiosk.services.voucher_key import new_voucher_key
    from kiosk.store.seal import AuditSealError, SealFiles

    def make(settings: Settings, engine: Engine) -> str:
        seal = open_audit_seal(engine, SealFiles.in_folder(settings.data_dir), settings.kiosk_id)
        made = new_voucher_key(
            engine,
            settings.resolved_voucher_key_file,
            settings.kiosk_id,
            seal,
            actor=args.by or login_name(),
            replace=args.replace,
        )
        kept = f"; the old key is kept as {made.backup}" if made.backup else ""
        lost = (
            f" Vouchers kiosk {settings.kiosk_id} signed with the old key ({made.vouchers}) no "
            "longer verify against the new one."
            if made.vouchers
            else ""
        )
        return (
            f"New voucher signing key in {made.key_file} (fingerprint {made.fingerprint})"
            f"{kept}.{lost}"
        )

    return new_key(args, "No new key", make, (SigningKeyError, AuditSealError))
