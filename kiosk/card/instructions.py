"""Which command APDUs only read a card and which change it, and what of them may be shown.

One rule for the APDU console on the command line and on the screen, and for every trace:

- A command is *read-only* when it changes nothing stored on the card and spends no try:
  SELECT, READ BINARY / RECORD, SEARCH, GET RESPONSE, GET DATA, GET CHALLENGE, and VERIFY with
  no data (ISO/IEC 7816-4 and CARD_PROFILE.md: it asks how many tries are left and spends none).
  This is an allow-list: everything else *changes* the card (VERIFY with a PIN spends a try when
  wrong, CHANGE REFERENCE DATA / CHANGE PIN, UPDATE, WRITE, PUT DATA, ERASE, CREATE, DELETE,
  ACTIVATE, TERMINATE, the authentications, which count failures) and so does any instruction
  this table does not know, and any command in a proprietary class (CLA 80 to FE) but the
  profile's own: there INS values mean what the card's maker says, so none is assumed harmless.
- Commands that carry a PIN (VERIFY, CHANGE REFERENCE DATA, RESET RETRY COUNTER, ENABLE /
  DISABLE VERIFICATION, the profile's CHANGE PIN) are shown with their data masked:
  `00 20 00 00 03 ******`. Only the header and Lc are ever shown of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.card.apdu import CommandApdu
from kiosk.domain.texts import QT_TRANSLATE_NOOP, Text

SECRET_MASK = "******"  # fixed width: it does not tell the PIN's length beyond what Lc says


@dataclass(frozen=True)
class Instruction:
    name: str
    changes: bool  # changes the card, or may: needs the technician's explicit consent
    why: str = ""  # why it counts as changing, for the refusal
    secret: bool = False  # its data is a PIN: never shown, never logged


_WRITES = QT_TRANSLATE_NOOP("DiagText", "writes to the card")
_LIFE = QT_TRANSLATE_NOOP("DiagText", "changes the file's or card's life cycle")
_SECURITY = QT_TRANSLATE_NOOP(
    "DiagText", "changes the card's security state or its failure counters"
)

# Interindustry instructions (ISO/IEC 7816-4), by INS; odd INS are the BER-TLV variants.
_INTERINDUSTRY: dict[int, Instruction] = {
    0xA4: Instruction("SELECT", False),
    0xB0: Instruction("READ BINARY", False),
    0xB1: Instruction("READ BINARY", False),
    0xB2: Instruction("READ RECORD", False),
    0xB3: Instruction("READ RECORD", False),
    0xA0: Instruction("SEARCH BINARY", False),
    0xA1: Instruction("SEARCH BINARY", False),
    0xA2: Instruction("SEARCH RECORD", False),
    0xC0: Instruction("GET RESPONSE", False),
    0xCA: Instruction("GET DATA", False),
    0xCB: Instruction("GET DATA", False),
    0x84: Instruction("GET CHALLENGE", False),
    0x20: Instruction(
        "VERIFY",
        True,
        QT_TRANSLATE_NOOP("DiagText", "spends a PIN try when the PIN is wrong"),
        secret=True,
    ),
    0x21: Instruction(
        "VERIFY",
        True,
        QT_TRANSLATE_NOOP("DiagText", "spends a PIN try when the PIN is wrong"),
        secret=True,
    ),
    0x24: Instruction(
        "CHANGE REFERENCE DATA", True, QT_TRANSLATE_NOOP("DiagText", "changes the PIN"), secret=True
    ),
    0x2C: Instruction(
        "RESET RETRY COUNTER",
        True,
        QT_TRANSLATE_NOOP("DiagText", "resets the PIN and its tries"),
        secret=True,
    ),
    0x26: Instruction(
        "DISABLE VERIFICATION",
        True,
        QT_TRANSLATE_NOOP("DiagText", "switches PIN checking off"),
        secret=True,
    ),
    0x28: Instruction(
        "ENABLE VERIFICATION",
        True,
        QT_TRANSLATE_NOOP("DiagText", "switches PIN checking on"),
        secret=True,
    ),
    0xD0: Instruction("WRITE BINARY", True, _WRITES),
    0xD1: Instruction("WRITE BINARY", True, _WRITES),
    0xD2: Instruction("WRITE RECORD", True, _WRITES),
    0xD6: Instruction("UPDATE BINARY", True, _WRITES),
    0xD7: Instruction("UPDATE BINARY", True, _WRITES),
    0xDC: Instruction("UPDATE RECORD", True, _WRITES),
    0xDD: Instruction("UPDATE RECORD", True, _WRITES),
    0xE2: Instruction("APPEND RECORD", True, _WRITES),
    0xDA: Instruction("PUT DATA", True, _WRITES),
    0xDB: Instruction("PUT DATA", True, _WRITES),
    0x0E: Instruction("ERASE BINARY", True, _WRITES),
    0x0F: Instruction("ERASE BINARY", True, _WRITES),
    0x0C: Instruction("ERASE RECORD", True, _WRITES),
    0xE0: Instruction("CREATE FILE", True, _WRITES),
    0xE4: Instruction("DELETE FILE", True, _WRITES),
    0x44: Instruction("ACTIVATE FILE", True, _LIFE),
    0x04: Instruction("DEACTIVATE FILE", True, _LIFE),
    0xE6: Instruction("TERMINATE DF", True, _LIFE),
    0xE8: Instruction("TERMINATE EF", True, _LIFE),
    0xFE: Instruction("TERMINATE CARD USAGE", True, _LIFE),
    0x82: Instruction("EXTERNAL AUTHENTICATE", True, _SECURITY),
    0x88: Instruction("INTERNAL AUTHENTICATE", True, _SECURITY),
    0x86: Instruction("GENERAL AUTHENTICATE", True, _SECURITY),
    0x87: Instruction("GENERAL AUTHENTICATE", True, _SECURITY),
    0x22: Instruction("MANAGE SECURITY ENVIRONMENT", True, _SECURITY),
    0x2A: Instruction("PERFORM SECURITY OPERATION", True, _SECURITY),
    0x46: Instruction("GENERATE ASYMMETRIC KEY PAIR", True, _WRITES),
    0x70: Instruction(
        "MANAGE CHANNEL", True, QT_TRANSLATE_NOOP("DiagText", "opens or closes a logical channel")
    ),
    0xC2: Instruction(
        "ENVELOPE", True, QT_TRANSLATE_NOOP("DiagText", "carries another command, which may write")
    ),
    0xC3: Instruction(
        "ENVELOPE", True, QT_TRANSLATE_NOOP("DiagText", "carries another command, which may write")
    ),
}

# The profile's proprietary commands (CLA 80, CARD_PROFILE.md "Commands").
_PROPRIETARY: dict[tuple[int, int], Instruction] = {
    (0x80, 0x5E): Instruction(
        "CHANGE PIN", True, QT_TRANSLATE_NOOP("DiagText", "changes the PIN"), secret=True
    ),
}


def instruction(apdu: CommandApdu) -> Instruction:
    """What `apdu` is, and whether it changes the card (see the module's rule)."""
    if apdu.cla & 0x80:  # proprietary class: only what the profile names is known
        known = _PROPRIETARY.get((apdu.cla, apdu.ins))
        if known is not None:
            return known
        return Instruction(
            Text(QT_TRANSLATE_NOOP("DiagText", "proprietary INS {ins}"), ins=f"{apdu.ins:02X}"),
            True,
            Text(
                QT_TRANSLATE_NOOP(
                    "DiagText",
                    "is in a proprietary class (CLA {cla}), which the profile does not name",
                ),
                cla=f"{apdu.cla:02X}",
            ),
        )
    known = _INTERINDUSTRY.get(apdu.ins)
    if known is None:
        return Instruction(
            Text(QT_TRANSLATE_NOOP("DiagText", "unknown INS {ins}"), ins=f"{apdu.ins:02X}"),
            True,
            Text(
                QT_TRANSLATE_NOOP("DiagText", "is an instruction not known here, so it may write")
            ),
        )
    if known.name == "VERIFY" and apdu.raw[4:] in (b"", b"\x00"):
        # Case 1 (P3 = 00 is how T=0 sends it): asks for the tries left and spends none. A
        # case 2 form is not let through: under T=0 the card would wait for PIN bytes.
        return Instruction(Text(QT_TRANSLATE_NOOP("DiagText", "VERIFY (tries left)")), False)
    return known


def shown(apdu: CommandApdu) -> str:
    """The APDU in hex for a screen, a terminal or a trace, with a PIN's data masked."""
    if instruction(apdu).secret and apdu.data:
        return f"{apdu.raw[:5].hex(' ').upper()} {SECRET_MASK}"
    return apdu.raw.hex(" ").upper()


def refusal(apdu: CommandApdu) -> str | None:
    """Why `apdu` needs the technician's consent to be sent, or None when it only reads."""
    what = instruction(apdu)
    if not what.changes:
        return None
    return Text(
        "{name} ({header}) {why}",
        context="",
        name=what.name,
        header=apdu.raw[:4].hex(" ").upper(),
        why=what.why if isinstance(what.why, Text) else Text(what.why),  # a marked template
    )
