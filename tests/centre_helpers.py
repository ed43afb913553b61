"""A centre for the tests (tests/central, the fleet's end to end and R7 on screen), and helpers:
cardholders of their own, messages.

`centre_on` makes one in a fresh PostgreSQL database (tests/conftest.py's postgres_factory):
`init` under a random prefix (roles belong to the whole cluster, which other test sessions
share), the demo data in its registry, the kiosks asked for; at the end the prefix's roles are
dropped, then the database. Tests that change a card make a cardholder of their own (`person`),
and tests that pause a kiosk add a kiosk of their own (`new_kiosk`)."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy.engine import make_url

from kiosk.demo.seed import seed_demo
from kiosk.store.central import admin
from kiosk.store.central.client import CentreClient, CentreMessage


@dataclass(frozen=True)
class Person:
    ssn: str
    mobile: str
    card_number: str
    card_id: int
    cardholder_id: int


@dataclass
class Centre:
    admin_url: str
    prefix: str
    urls: dict[str, str] = field(default_factory=dict)  # kiosk id -> central_url

    def sql(self, query: str, params: Any = ()) -> list[tuple[Any, ...]]:
        with psycopg.connect(**admin.connect_kwargs(self.admin_url), autocommit=True) as conn:
            cursor = conn.execute(query, params)
            return cursor.fetchall() if cursor.description else []

    def one(self, query: str, params: Any = ()) -> Any:
        rows = self.sql(query, params)
        assert len(rows) == 1, rows
        return rows[0][0] if len(rows[0]) == 1 else rows[0]

    def client(self, kiosk_id: str = "BJCY01") -> CentreClient:
        return CentreClient(self.urls[kiosk_id])

    def card_status(self, card_number: str) -> str:
        return self.one("SELECT status FROM registry.cards WHERE card_number = %s", (card_number,))

    def add_kiosk(self, kiosk_id: str) -> str:
        """The kiosk's role at the centre; returns its central_url."""
        self.urls[kiosk_id] = admin.add_kiosk(self.admin_url, self.prefix, kiosk_id)
        return self.urls[kiosk_id]

    def new_kiosk(self) -> str:
        """A kiosk of its own (a random id); returns the id."""
        kiosk_id = "T" + secrets.token_hex(4).upper()
        self.add_kiosk(kiosk_id)
        return kiosk_id

    def person(self, status: str = "normal", mobile: str | None = None) -> Person:
        """A cardholder of its own with one card, at the centre."""
        ssn = "".join(secrets.choice("0123456789") for _ in range(17)) + "X"
        mobile = mobile or "139" + "".join(secrets.choice("0123456789") for _ in range(8))
        card_number = "T" + secrets.token_hex(4).upper()
        holder_id = self.one(
            "INSERT INTO registry.cardholders (ssn, name, gender, birth_date, ethnicity,"
            " birthplace, mobile, photo_on_file) VALUES (%s, '测试', '1', '1980-01-01', '01',"
            " '110105', %s, true) RETURNING id",
            (ssn, mobile),
        )
        card_id = self.one(
            "INSERT INTO registry.cards (card_number, card_id_code, cardholder_id, card_type,"
            " spec_version, issuer_org, issue_date, expiry_date, status) VALUES (%s, %s, %s,"
            " '1', '3.00', '110105000000', '2020-01-01', '2030-01-01', %s) RETURNING id",
            (card_number, secrets.token_hex(16).upper(), holder_id, status),
        )
        return Person(ssn, mobile, card_number, card_id, holder_id)


@contextmanager
def centre_on(postgres_factory: Any, where: Path, kiosks: Iterable[str] = ()) -> Iterator[Centre]:
    """A centre seeded with the demo, with `kiosks` added, in a database of its own."""
    url = postgres_factory.new("empty", where)
    prefix = "t" + secrets.token_hex(5)  # roles are cluster-wide: this session's own
    try:
        admin.init(url, prefix)
        engine = admin.registry_engine(url, prefix)
        try:
            seed_demo(engine)
        finally:
            engine.dispose()
        centre = Centre(url, prefix)
        for kiosk_id in kiosks:
            centre.add_kiosk(kiosk_id)
        yield centre
    finally:
        admin.drop(url, prefix)
        postgres_factory.drop(make_url(url).database or "")


def message(seq: int, topic: str, payload: dict[str, Any], key: str | None = None) -> CentreMessage:
    return CentreMessage(
        seq=seq,
        key=key or f"{topic}:{secrets.token_hex(8)}",
        topic=topic,
        payload=payload,
        created_at=dt.datetime.now(dt.UTC),
    )


def loss_report(person: Person, status: str = "temporary_loss", voucher: str = "V1") -> dict:
    return {
        "idempotency_key": secrets.token_hex(8),
        "kiosk_id": "BJCY01",
        "kind": "temporary" if status == "temporary_loss" else "final",
        "ssn": person.ssn,
        "card_number": person.card_number,
        "status": status,
        "voucher": voucher,
        "reported_at": dt.datetime.now(dt.UTC).isoformat(),
        "agent": None,
    }
