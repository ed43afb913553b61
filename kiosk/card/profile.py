"""The card's files and records (CARD_PROFILE.md) as data: what to read and how it is laid out."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field

from kiosk.domain.texts import QT_TRANSLATE_NOOP

# "sx1.sh." followed by 社会保障 in GBK.
SSSE_AID = b"sx1.sh." + "社会保障".encode("gbk")
SFI_ISSUER = 0x05  # EF05: card issuer data
SFI_HOLDER = 0x06  # EF06: cardholder basic data
SFI_PHOTO = 0x08  # EF08: JPEG photo, transparent
PHOTO_MAX = 4096
CARD_RID = bytes.fromhex("D156000005")
ATR_PREFIX = bytes.fromhex("3B6D0000")


@dataclass(frozen=True)
class RecordSpec:
    sfi: int
    number: int
    tag: int
    length: int  # of the value; the record is tag + length byte + value
    field: str
    # READ RECORD by SFI with the exact Le: one APDU, no 6C round. Built once, sent on every read.
    read_command: bytes = dataclass_field(init=False, repr=False)

    def __post_init__(self) -> None:
        p2 = (self.sfi << 3) | 0x04
        command = bytes([0x00, 0xB2, self.number, p2, self.record_length])
        object.__setattr__(self, "read_command", command)

    @property
    def record_length(self) -> int:
        return self.length + 2


# The fields' names are marked for the technician's screens, which show them in a trace.
ISSUER_RECORDS = (
    RecordSpec(SFI_ISSUER, 1, 0x01, 16, QT_TRANSLATE_NOOP("DiagText", "card identification code")),
    RecordSpec(SFI_ISSUER, 2, 0x02, 1, QT_TRANSLATE_NOOP("DiagText", "card type")),
    RecordSpec(SFI_ISSUER, 3, 0x03, 4, QT_TRANSLATE_NOOP("DiagText", "spec version")),
    RecordSpec(SFI_ISSUER, 4, 0x04, 12, QT_TRANSLATE_NOOP("DiagText", "issuing organisation")),
    RecordSpec(SFI_ISSUER, 5, 0x05, 4, QT_TRANSLATE_NOOP("DiagText", "issue date")),
    RecordSpec(SFI_ISSUER, 6, 0x06, 4, QT_TRANSLATE_NOOP("DiagText", "expiry date")),
    RecordSpec(SFI_ISSUER, 7, 0x07, 9, QT_TRANSLATE_NOOP("DiagText", "card number")),
)
HOLDER_RECORDS = (
    RecordSpec(SFI_HOLDER, 1, 0x08, 18, QT_TRANSLATE_NOOP("DiagText", "social security number")),
    RecordSpec(SFI_HOLDER, 2, 0x09, 30, QT_TRANSLATE_NOOP("DiagText", "name")),
    RecordSpec(SFI_HOLDER, 3, 0x4E, 20, QT_TRANSLATE_NOOP("DiagText", "name extension")),
    RecordSpec(SFI_HOLDER, 4, 0x0A, 1, QT_TRANSLATE_NOOP("DiagText", "gender")),
    RecordSpec(SFI_HOLDER, 5, 0x0B, 1, QT_TRANSLATE_NOOP("DiagText", "ethnicity")),
    RecordSpec(SFI_HOLDER, 6, 0x0C, 3, QT_TRANSLATE_NOOP("DiagText", "birthplace")),
    RecordSpec(SFI_HOLDER, 7, 0x0D, 4, QT_TRANSLATE_NOOP("DiagText", "birth date")),
)
ALL_RECORDS = ISSUER_RECORDS + HOLDER_RECORDS

# SELECT SSSE + one READ RECORD per record: the floor a read is measured against (QUALITY P1).
APDUS_PER_READ = 1 + len(ALL_RECORDS)
