"""The read sequence: everything the kiosk needs from the chip in 15 APDUs (CARD_PROFILE.md).

SELECT SSSE is sent raw: its `61 xx` already says the application is there, and fetching the
FCI would cost a sixteenth APDU that nothing uses. Each record is then read by SFI with the
exact Le the profile gives, so a card that follows the profile never needs a second round.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from drivers.readers.base import CardChannel
from drivers.readers.errors import CardMute
from kiosk.card import codec
from kiosk.card.apdu import Response, command
from kiosk.card.errors import CardUnreadable, NotSocialSecurityCard, SecureAccessRequired
from kiosk.card.profile import (
    CARD_RID,
    HOLDER_RECORDS,
    ISSUER_RECORDS,
    PHOTO_MAX,
    SFI_PHOTO,
    SSSE_AID,
    RecordSpec,
)
from kiosk.domain.chip import ChipData, HolderData, IssuerData
from kiosk.domain.records import Gender


@dataclass(frozen=True)
class CardRead:
    """A whole read: the decoded chip data and how the read went."""

    chip: ChipData
    atr: bytes
    apdus: int
    seconds: float


SELECT_SSSE = command(0x00, 0xA4, 0x04, 0x00, SSSE_AID)


def select_ssse(channel: CardChannel) -> None:
    raw = channel.transmit_raw(SELECT_SSSE)
    response = _parse(raw, "SELECT SSSE")
    if response.ok or response.sw >> 8 == 0x61:
        return
    if response.sw == 0x6A82:
        raise NotSocialSecurityCard("SSSE not found")
    raise CardUnreadable("bad_status", f"SELECT SSSE answered {response.sw_hex}")


def read_record(channel: CardChannel, spec: RecordSpec) -> bytes:
    """One record by SFI with exact Le; returns its value, checked against the profile."""
    raw = channel.transmit(spec.read_command)
    if raw[-2:] == b"\x90\x00":  # the usual answer, checked without building a Response
        return codec.tlv_value(raw[:-2], spec.tag, spec.length, spec.field)
    response = _parse(raw, spec.field)
    if response.sw == 0x6982:
        raise SecureAccessRequired(spec.field)
    raise CardUnreadable("bad_status", f"{spec.field}: {response.sw_hex}")


def read_card(channel: CardChannel, today: dt.date | None = None) -> CardRead:
    """Read and decode EF05 and EF06. Raises `CardUnreadable` for anything out of profile and
    lets the transport's `CardRemoved` through; never returns partial data."""
    started = time.perf_counter()
    sent_before = channel.apdus_sent
    try:
        select_ssse(channel)
        issuer_values = [read_record(channel, spec) for spec in ISSUER_RECORDS]
        holder_values = [read_record(channel, spec) for spec in HOLDER_RECORDS]
    except CardMute as exc:
        raise CardUnreadable("mute", str(exc)) from exc
    chip = ChipData(_issuer(issuer_values), _holder(holder_values, today))
    return CardRead(
        chip=chip,
        atr=channel.atr,
        apdus=channel.apdus_sent - sent_before,
        seconds=time.perf_counter() - started,
    )


def read_photo(channel: CardChannel) -> bytes:
    """EF08 by SFI, in chunks; an empty file gives b"". Used only where a screen shows it."""
    select_ssse(channel)
    photo = bytearray()
    while len(photo) < PHOTO_MAX:
        offset = len(photo)
        if offset > 0xFF:  # the SFI form addresses offsets up to 255; then select the EF
            select = command(0x00, 0xA4, 0x02, 0x00, bytes([0x00, SFI_PHOTO]))
            _expect_ok(channel.transmit(select), "SELECT EF08")
            apdu = command(0x00, 0xB0, offset >> 8, offset & 0xFF, le=0)
        else:
            apdu = command(0x00, 0xB0, 0x80 | SFI_PHOTO, offset, le=0)
        response = _parse(channel.transmit(apdu), "photo")
        if response.sw in (0x6B00, 0x6A82) and offset == 0:
            return b""
        if response.sw == 0x6B00:
            break
        if response.sw not in (0x9000, 0x6282):
            raise CardUnreadable("bad_status", f"photo: {response.sw_hex}")
        photo += response.data
        if response.sw == 0x6282 or not response.data:
            break
    return bytes(photo[:PHOTO_MAX])


def _issuer(values: list[bytes]) -> IssuerData:
    id_code, card_type, version, org, issued, expires, number = values
    if id_code[3:8] != CARD_RID:
        raise CardUnreadable("bad_record", "card identification code: no RID")
    return IssuerData(
        card_id_code=id_code.hex().upper(),
        region_code=codec.bcd_digits(id_code[:3], "card identification code"),
        card_type=codec.ascii_text(card_type, "card type"),
        spec_version=codec.spec_version(version),
        issuer_org=codec.bcd_digits(org, "issuing organisation", f_padded=True),
        issue_date=codec.bcd_date(issued, "issue date"),
        expiry_date=codec.bcd_date(expires, "expiry date"),
        card_number=codec.card_number(number),
    )


def _holder(values: list[bytes], today: dt.date | None) -> HolderData:
    ssn, name, name_ext, gender, ethnicity, birthplace, born = values
    full_name = codec.gbk_text(name, "name") + codec.gbk_text(name_ext, "name extension")
    if not full_name:
        raise CardUnreadable("bad_text", "name: empty")
    try:
        gender_value = Gender(codec.ascii_text(gender, "gender"))
    except ValueError:
        raise CardUnreadable("bad_record", "gender") from None
    return HolderData(
        ssn=codec.ssn(ssn, today),
        name=full_name,
        gender=gender_value,
        ethnicity=codec.bcd_digits(ethnicity, "ethnicity"),
        birthplace=codec.bcd_digits(birthplace, "birthplace"),
        birth_date=codec.bcd_date(born, "birth date"),
    )


def _parse(raw: bytes, what: str) -> Response:
    try:
        return Response.parse(raw)
    except ValueError:
        raise CardUnreadable("bad_response", f"{what}: no status word") from None


def _expect_ok(raw: bytes, what: str) -> None:
    response = _parse(raw, what)
    if not response.ok:
        raise CardUnreadable("bad_status", f"{what}: {response.sw_hex}")
