"""`kiosk audit new-key`: retire a lost audit chain key, on the record."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from kiosk.commands.keys import login_name, new_key, new_key_options

if TYPE_CHECKING:  # imported where used: the store and the settings are slow to load
    from sqlalchemy.engine import Engine

    from kiosk.config import Settings


def add_audit_commands(commands: Any) -> None:
    """Add `audit` and its sub-commands to the `kiosk` command's sub-parsers."""
    audit = commands.add_parser("audit", help="the audit log: retire a lost audit chain key")
    audit_commands = audit.add_subparsers(title="audit log", metavar="WHAT", required=True)
    audit_key = audit_commands.add_parser(
        "new-key",
        help="make a new audit chain key when the old one is lost for good, on the record",
        description="Make a new audit chain key in the data folder (audit-chain.key) and "
        "append one entry audit_key.replaced to this kiosk's audit chain, sealed with it, "
        "naming the retired key's id (never a key) and who did it. Restore the old key from "
        "backup if you can: entries sealed with a retired key can never be verified again "
        "(`kiosk db check` warns of them). An existing key file is replaced only with "
        "--replace, and kept beside the new one as audit-chain.key.replaced-<UTC time>. Stop "
        "the kiosk first. Exit status: 0 made, 2 refused or a key file, data folder or "
        "settings problem, 3 the database could not record it (nothing changed).",
    )
    new_key_options(audit_key)
    audit_key.set_defaults(handler=_audit_new_key)


def _audit_new_key(args: argparse.Namespace) -> int:
    from kiosk.services.audit_key import new_audit_key
    from kiosk.store.seal import AuditSealError, SealFiles

    def make(settings: Settings, engine: Engine) -> str:
        made = new_audit_key(
            engine,
            SealFiles.in_folder(settings.data_dir),
            settings.kiosk_id,
            actor=args.by or login_name(),
            replace=args.replace,
        )
        retired = f" retires key {made.retired_key_id}" if made.retired_key_id else ""
        kept = f"; the old key file is kept as {made.backup}" if made.backup else ""
        return (
            f"New audit key in {made.key_file} (key id {made.key_id}); entry {made.seq} of chain "
            f"{settings.kiosk_id}{retired or ' records it'}{kept}."
        )

    return new_key(args, "No new audit key", make, (AuditSealError,))
