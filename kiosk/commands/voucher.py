"""`kiosk voucher verify|new-key|export-key`: check a scanned or typed voucher offline (with
public keys only, if need be), make a new voucher signing key on purpose, on the record, or
write this kiosk's public key for those who verify its vouchers."""

from __future__ import annotations

import argparse
import json
import os
from typing import TYPE_CHECKING, Any

from kiosk import exit_codes
from kiosk.commands.arguments import path_arg
from kiosk.commands.common import EXIT_OK, EXIT_USAGE, fail
from kiosk.commands.keys import login_name, new_key, new_key_options

if TYPE_CHECKING:  # imported where used: the store and the settings are slow to load
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    from sqlalchemy.engine import Engine

    from kiosk.config import Settings


def add_voucher_commands(commands: Any) -> None:
    """Add `voucher` and its sub-commands to the `kiosk` command's sub-parsers."""
    voucher = commands.add_parser(
        "voucher",
        help="vouchers: check a scanned or typed voucher, make a new signing key, export the "
        "public key",
    )
    voucher_commands = voucher.add_subparsers(title="vouchers", metavar="WHAT", required=True)
    verify = voucher_commands.add_parser(
        "verify",
        help="check a voucher's QR code (signature) or a typed voucher number, offline",
        description="TEXT is the QR code's text as a scanner types it (SSK2:<base45>, or an "
        "old SSK1:<number>:<signature>) or a voucher number alone, whose check character is "
        "then checked (no signature). With --public-keys, SSK2 codes are checked with those "
        "public keys alone (files `kiosk voucher export-key` wrote); without it, with this "
        "kiosk's own keys. Exit status: 0 valid, 1 invalid or altered, 2 usage or key file "
        "problem, 70 internal error.",
    )
    verify.add_argument("text", metavar="TEXT", help="QR code text, or a voucher number")
    verify.add_argument(
        "--public-keys",
        type=path_arg("the public key file or folder"),
        metavar="PATH",
        help="a public key file, or a folder of them (*.pub): checks SSK2 codes without any "
        "kiosk's secret key",
    )
    verify.add_argument(
        "--key-file",
        type=path_arg("the key file name"),
        help="the kiosk's HMAC key file, for old SSK1 codes; its Ed25519 key is read from "
        "<name>-ed25519<suffix> beside it, if there (default: voucher_key_file of the settings)",
    )
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(handler=_voucher_verify)
    new_key_command = voucher_commands.add_parser(
        "new-key",
        help="make a new voucher signing key on purpose, recorded in the audit log",
        description="Make a new Ed25519 signing key (<voucher_key_file>-ed25519 beside the "
        "settings' voucher_key_file) and record it in this kiosk's audit log (its key id, "
        "never the key). Vouchers signed with the old key still verify here and with its "
        "exported public key; export the new one. With --hmac, make the old HMAC key "
        "(voucher_key_file) instead, which reads SSK1 codes and keys the proofs: those it "
        "signed no longer verify. An existing key is replaced only with --replace, and kept "
        "beside the new one as <file>.replaced-<UTC time>. Exit status: 0 made, 2 refused or a "
        "key file or settings problem, 3 the database could not record it (nothing changed).",
    )
    new_key_options(new_key_command)
    new_key_command.add_argument(
        "--hmac", action="store_true", help="the HMAC key of the old SSK1 codes instead"
    )
    new_key_command.set_defaults(handler=_voucher_new_key)
    export = voucher_commands.add_parser(
        "export-key",
        help="write this kiosk's voucher public key (with its key id) to a file",
        description="Write the public half of this kiosk's Ed25519 voucher signing key to "
        "FILE (or into FILE as <kiosk>-<key id>.pub when it is a folder), for `kiosk voucher "
        "verify --public-keys` anywhere. The key itself is never written. Exit status: 0 "
        "written, 2 no key yet, a key file, settings or output problem.",
    )
    export.add_argument("--out", type=path_arg("the output file"), required=True, metavar="FILE")
    export.set_defaults(handler=_voucher_export_key)


def _voucher_verify(args: argparse.Namespace) -> int:
    from kiosk.services.voucher_codes import NumberCheck, check_number

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
        checked = _check_code(args, args.text, result)
        if isinstance(checked, int):
            return checked
        valid, message = checked
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(message)
    return EXIT_OK if valid else exit_codes.FAILED


def _check_code(
    args: argparse.Namespace, text: str, result: dict[str, object]
) -> tuple[bool, str] | int:
    """Check a QR code's text with the keys the arguments name: (valid, the line to print), or
    the exit code of a key problem, its line printed."""
    from kiosk.services.signing_key import ED25519_KEY, SigningKeyError, load_key
    from kiosk.services.voucher_codes import InvalidVoucherCode, VoucherCodes, key_id
    from kiosk.services.voucher_key import (
        PublicKeyError,
        load_public_keys,
        private_key,
        replaced_public_keys,
        signing_key_file,
    )

    hmac_key = None
    public_keys: dict[str, Ed25519PublicKey] = {}
    if args.public_keys is not None:  # public keys only: no secret of any kiosk is needed
        try:
            public_keys = load_public_keys(args.public_keys)
        except PublicKeyError as exc:
            return fail(f"Cannot check the signature: {exc}", EXIT_USAGE)
        whose = f"the public key in {args.public_keys}"
        result["public_keys"] = str(args.public_keys)
    if args.public_keys is None or args.key_file is not None:
        if args.key_file is not None:
            key_file, whose = args.key_file, f"the key in {args.key_file}"
        else:
            from kiosk.config import SettingsError, load_settings

            try:
                settings = load_settings(config_file=args.config, demo=args.demo)
            except SettingsError as exc:
                return fail(str(exc), EXIT_USAGE)
            key_file, whose = settings.resolved_voucher_key_file, "this kiosk's key"
        signing_file = signing_key_file(key_file)
        has_signing_key = os.path.lexists(signing_file)
        try:  # an upgraded kiosk has both keys; an old one, the HMAC key alone (SSK1 codes)
            if has_signing_key:
                own = private_key(load_key(signing_file, ED25519_KEY)).public_key()
                public_keys = {**public_keys, **replaced_public_keys(signing_file)}
                public_keys[key_id(own)] = own
            if os.path.lexists(key_file) or not has_signing_key:
                hmac_key = load_key(key_file)
        except SigningKeyError as exc:
            return fail(f"Cannot check the signature: {exc}", EXIT_USAGE)
        result["key_file"] = str(key_file)
    codes = VoucherCodes(hmac_key=hmac_key, public_keys=public_keys)
    try:
        verified = codes.verify(text)
    except InvalidVoucherCode as exc:
        result.update(valid=False, number=None, signature="invalid", reason=str(exc))
        return False, f"INVALID voucher code: {exc}."
    result.update(valid=True, number=verified.number, signature="valid", scheme=verified.scheme)
    if verified.content is None:  # SSK1: the number alone is signed
        return True, f"VALID voucher {verified.number} signed by {whose}"
    signed = {
        "kind": verified.content.kind,
        "holder": verified.content.holder,
        "pickup_date": verified.content.pickup_date.isoformat()
        if verified.content.pickup_date
        else None,
        "outlet": verified.content.outlet,
    }
    result.update(key_id=verified.key_id, content=signed)
    what = "; ".join(f"{name} {value}" for name, value in signed.items() if value is not None)
    return True, (
        f"VALID voucher {verified.number} signed with key {verified.key_id} "
        f"({whose}): {what or 'number only'}"
    )


def _voucher_new_key(args: argparse.Namespace) -> int:
    from kiosk.services.audit_seal import open_audit_seal
    from kiosk.services.signing_key import SigningKeyError
    from kiosk.services.voucher_key import ED25519, HMAC, new_voucher_key, signing_key_file
    from kiosk.store.seal import AuditSealError, SealFiles

    def make(settings: Settings, engine: Engine) -> str:
        seal = open_audit_seal(engine, SealFiles.in_folder(settings.data_dir), settings.kiosk_id)
        hmac_file = settings.resolved_voucher_key_file
        made = new_voucher_key(
            engine,
            hmac_file if args.hmac else signing_key_file(hmac_file),
            settings.kiosk_id,
            seal,
            actor=args.by or login_name(),
            replace=args.replace,
            scheme=HMAC if args.hmac else ED25519,
        )
        kept = f"; the old key is kept as {made.backup}" if made.backup else ""
        if not args.hmac:
            return (
                f"New voucher signing key (Ed25519) in {made.key_file} (key id "
                f"{made.fingerprint}){kept}. Export its public key: kiosk voucher export-key "
                "--out FILE."
            )
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


def _voucher_export_key(args: argparse.Namespace) -> int:
    from kiosk.config import SettingsError, load_settings
    from kiosk.services.signing_key import ED25519_KEY, SigningKeyError, load_key
    from kiosk.services.voucher_codes import key_id
    from kiosk.services.voucher_key import export_public_key, private_key, signing_key_file

    try:
        settings = load_settings(config_file=args.config, demo=args.demo)
    except SettingsError as exc:
        return fail(str(exc), EXIT_USAGE)
    path = signing_key_file(settings.resolved_voucher_key_file)
    try:
        public = private_key(load_key(path, ED25519_KEY)).public_key()
    except SigningKeyError as exc:
        return fail(
            f"No public key: {exc} (the kiosk makes its key at its first start, or: kiosk "
            "voucher new-key)",
            EXIT_USAGE,
        )
    try:
        written = export_public_key(public, settings.kiosk_id, args.out)
    except OSError as exc:
        return fail(f"Cannot write the public key to {args.out}: {exc.strerror}", EXIT_USAGE)
    print(f"Public key {key_id(public)} of kiosk {settings.kiosk_id} written to {written}")
    return EXIT_OK
