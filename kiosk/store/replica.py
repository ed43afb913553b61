"""The replica on proof (docs/fleet.md): one cardholder's rows from the centre written into the
kiosk's own database, so the businesses run locally exactly as in standalone mode.

The centre sends rows as `to_jsonb(row)` with its own ids. A row is matched here by what names
it (a cardholder's SSN, a card's number, an outlet's code): a match keeps its local id (the
journal points at it), a new row takes the centre's id when that id is free here. The records
(contributions, accounts, qualifications, work history, injuries, enrolments) are needed only for
the session: `purge_records` deletes them again. Cardholder and card rows stay, because the
local journal references them, without the registered mobile number (the centre checks it).

A card whose status this kiosk changed and has not yet told the centre (its outbox message
waits) keeps its local status: the centre's is older.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kiosk.domain.chip import ChipData
from kiosk.domain.records import CardStatus
from kiosk.store import models as m
from kiosk.store.types import UTCDateTime
from kiosk.store.upsert import upsert

Row = Mapping[str, Any]

# The records of one cardholder, kept for one session only.
RECORD_MODELS: tuple[type[m.Base], ...] = (
    m.Contribution,
    m.PersonalAccount,
    m.Qualification,
    m.WorkPeriod,
    m.InjuryAssessment,
    m.Enrolment,
)
# The centre's HOLDER answer: its key for each kind of record, and the model it fills.
HOLDER_RECORDS: dict[str, type[m.Base]] = {
    "enrolments": m.Enrolment,
    "contributions": m.Contribution,
    "personal_accounts": m.PersonalAccount,
    "qualifications": m.Qualification,
    "work_periods": m.WorkPeriod,
    "injury_assessments": m.InjuryAssessment,
}


def from_json(model: type[m.Base], row: Row) -> dict[str, Any]:
    """A row as the centre's JSON has it, in the model's Python types (dates, aware UTC times,
    enums). Keys that are not columns are left out."""
    values: dict[str, Any] = {}
    for column in model.__table__.columns:
        if column.name not in row:
            continue
        value = row[column.name]
        kind = column.type
        if value is None:
            values[column.name] = None
        elif isinstance(kind, sa.Enum) and kind.enum_class is not None:
            values[column.name] = kind.enum_class(value)
        elif isinstance(kind, UTCDateTime):
            moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)
            values[column.name] = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
        elif isinstance(kind, sa.Date):
            values[column.name] = (
                value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
            )
        else:
            values[column.name] = value
    return values


def _place(session: Session, model: Any, natural: Mapping[str, Any], values: dict[str, Any]) -> int:
    """The local id of the row named by `natural`, updated to `values`, or of a new one (the
    centre's id when it is free here, else the next one)."""
    centre_id = values.pop("id", None)
    found = session.scalar(sa.select(model.id).filter_by(**natural))
    if found is not None:
        session.execute(sa.update(model).where(model.id == found).values(**values))
        return int(found)
    if centre_id is not None and session.get(model, centre_id) is None:
        values["id"] = centre_id
    row = model(**values)
    session.add(row)
    session.flush()
    return int(row.id)


def _pending_cards(session: Session, card_ids: Iterable[int]) -> set[int]:
    """Those of `card_ids` with a business whose outbox message the centre has not confirmed."""
    ids = list(card_ids)
    if not ids:
        return set()
    rows = session.scalars(
        sa.select(m.Transaction.card_id)
        .join(m.OutboxMessage, m.OutboxMessage.transaction_id == m.Transaction.id)
        .where(m.OutboxMessage.sent_at.is_(None), m.Transaction.card_id.in_(ids))
    )
    return {int(card_id) for card_id in rows if card_id is not None}


def write_holder(session: Session, holder: Mapping[str, Any]) -> int:
    """Write the HOLDER of docs/fleet.md (one cardholder, their cards, the employers their
    records name, and the records, which replace this holder's); returns the cardholder's
    local id. The caller commits."""
    (person,) = holder["cardholders"]
    values = from_json(m.Cardholder, person)
    # The registered mobile number proves a cardholder, which in a fleet is the centre's to
    # check (holder_by_id): a kiosk keeps none, so a stolen kiosk disk holds no mobile numbers.
    values["mobile"] = None
    holder_id = _place(session, m.Cardholder, {"ssn": values["ssn"]}, values)

    card_ids: dict[int, int] = {}  # the centre's card id -> the local one
    cards = sorted(holder.get("cards", ()), key=lambda row: row["id"])
    local_cards = {
        number: card_id
        for card_id, number in session.execute(
            sa.select(m.Card.id, m.Card.card_number).where(
                m.Card.card_number.in_([row["card_number"] for row in cards])
            )
        )
    }
    pending = _pending_cards(session, local_cards.values())
    for row in cards:
        values = from_json(m.Card, row)
        values["cardholder_id"] = holder_id
        replaces = values.get("replaces_card_id")
        values["replaces_card_id"] = card_ids.get(replaces) if replaces is not None else None
        if local_cards.get(values["card_number"]) in pending:
            values.pop("status", None)  # changed here, not yet at the centre: ours is newer
            values.pop("status_changed_at", None)
        card_ids[row["id"]] = _place(
            session, m.Card, {"card_number": values["card_number"]}, values
        )

    for row in holder.get("employers", ()):
        values = from_json(m.Employer, row)
        session.execute(upsert(session, m.Employer, {"id": values.pop("id")}, values))
    session.flush()

    purge_records(session, [holder_id])
    for key, model in HOLDER_RECORDS.items():
        for row in holder.get(key, ()):
            values = from_json(model, row)
            values["cardholder_id"] = holder_id
            if "id" in values and key != "contributions":
                values.pop("id")  # session rows: the local database numbers them
            session.add(model(**values))
    session.flush()
    return holder_id


def write_from_chip(
    session: Session, chip: ChipData, *, status: CardStatus = CardStatus.NORMAL
) -> int:
    """A cardholder the centre could not be asked about, from the chip whose PIN was just
    verified (R7): the holder and the card as the chip has them, the card `status` as last
    known (NORMAL when never seen). Rows already here are left as they are. Returns the
    cardholder's local id."""
    issuer, person = chip.issuer, chip.holder
    holder_id = session.scalar(sa.select(m.Cardholder.id).where(m.Cardholder.ssn == person.ssn))
    if holder_id is None:
        row = m.Cardholder(
            ssn=person.ssn,
            name=person.name,
            gender=person.gender,
            birth_date=person.birth_date,
            ethnicity=person.ethnicity,
            birthplace=person.birthplace,
            mobile=None,
            photo_on_file=False,
        )
        session.add(row)
        session.flush()
        holder_id = row.id
    card = session.scalar(sa.select(m.Card.id).where(m.Card.card_number == issuer.card_number))
    if card is None:
        session.add(
            m.Card(
                card_number=issuer.card_number,
                card_id_code=issuer.card_id_code,
                cardholder_id=holder_id,
                card_type=issuer.card_type,
                spec_version=issuer.spec_version,
                issuer_org=issuer.issuer_org,
                issue_date=issuer.issue_date,
                expiry_date=issuer.expiry_date,
                status=status,
                status_changed_at=None,
                replaces_card_id=None,
            )
        )
        session.flush()
    return int(holder_id)


def purge_records(session: Session, holder_ids: Sequence[int] | None = None) -> int:
    """Delete the records of these cardholders (None: of everyone, at start-up); returns the
    rows deleted. The caller commits."""
    deleted = 0
    for model in RECORD_MODELS:
        table: Any = model.__table__
        stmt = sa.delete(table)
        if holder_ids is not None:
            stmt = stmt.where(table.c.cardholder_id.in_(list(holder_ids)))
        result: Any = session.execute(stmt)
        deleted += int(result.rowcount or 0)
    return deleted


def write_outlets(session: Session, outlets: Iterable[Row]) -> int:
    """The centre's service outlets, by code (a local id the journal points at is kept)."""
    count = 0
    for row in outlets:
        values = from_json(m.Outlet, row)
        _place(session, m.Outlet, {"code": values["code"]}, values)
        count += 1
    return count


__all__ = ["RECORD_MODELS", "purge_records", "write_from_chip", "write_holder", "write_outlets"]
