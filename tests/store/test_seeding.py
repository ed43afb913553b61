"""Seeding: the demo back end agrees with every demo card image; synthetic back ends are valid."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from kiosk.demo.seed import default_cards_dir, seed_demo
from kiosk.domain.calendar import CHINA_TZ
from kiosk.domain.ids import (
    id_birth_date,
    id_gender_code,
    is_valid_card_number,
    is_valid_id_number,
)
from kiosk.domain.journal import LossReportKind, LossReportRequest
from kiosk.domain.records import CardStatus
from kiosk.services.loss_report import record_loss_report
from kiosk.store import models as m
from kiosk.store.db import read_session
from kiosk.store.repositories import CardholderRepository, CardRepository, RecordsRepository
from kiosk.store.seal import AuditSeal
from kiosk.store.synthetic import seed_synthetic, synthetic_card_number, synthetic_ssn
from kiosk.store.unitofwork import UnitOfWork

CARDS = default_cards_dir()
DEMO_CARDS = ("normal", "pin-last-try", "pin-blocked", "temporary-loss", "expired", "unknown")


def _images() -> list[dict]:
    return [json.loads(p.read_text("utf-8")) for p in sorted(CARDS.glob("*.json"))]


def _count(engine: Engine, model: type) -> int:
    with read_session(engine) as s:
        return s.scalar(sa.select(sa.func.count()).select_from(model)) or 0


def test_the_demo_cards_are_all_there() -> None:
    ids = {image["id"] for image in _images()}
    assert set(DEMO_CARDS) | {"unreadable"} <= ids


def test_demo_back_end_matches_every_card_image(demo_engine: Engine) -> None:
    today = dt.datetime.now(CHINA_TZ).date()
    with read_session(demo_engine) as s:
        holders, cards = CardholderRepository(s), CardRepository(s)
        for image in _images():
            holder, issuer, backend = image["holder"], image["issuer"], image["backend"]
            found = holders.get_by_ssn(holder["ssn"])
            card = cards.get(issuer["card_number"])
            if not backend["known"]:
                assert found is None and card is None, image["id"]
                continue
            assert found is not None and card is not None, image["id"]
            assert (
                found.name,
                found.gender.value,
                found.birth_date.isoformat(),
                found.ethnicity,
                found.birthplace,
                found.mobile,
                found.photo_on_file,
            ) == (
                holder["name"],
                holder["gender"],
                holder["birth_date"],
                holder["ethnicity"],
                holder["birthplace"],
                backend["mobile"],
                backend["photo_on_file"],
            ), image["id"]
            assert card.ssn == holder["ssn"]
            assert (
                card.card_id_code,
                card.card_type,
                card.spec_version,
                card.issuer_org,
                card.issue_date.isoformat(),
                card.expiry_date.isoformat(),
                card.status.value,
            ) == (
                issuer["card_id_code"].upper(),
                issuer["card_type"],
                issuer["spec_version"],
                issuer["issuer_org"],
                issuer["issue_date"],
                issuer["expiry_date"],
                backend["status"],
            ), image["id"]
            history = cards.history(card.card_number)
            if card.status is CardStatus.NORMAL:
                assert history == []
            else:
                assert [h.to_status for h in history] == [card.status]
            # Every known cardholder has about ten years of records behind them.
            assert len(RecordsRepository(s).contribution_years(holder["ssn"])) >= 9
            assert len(RecordsRepository(s).enrolments(holder["ssn"])) == 5

        by_id = {image["id"]: image for image in _images()}
        expired = cards.get(by_id["expired"]["issuer"]["card_number"])
        assert expired is not None and expired.is_expired(today)
        lost = cards.get(by_id["temporary-loss"]["issuer"]["card_number"])
        assert lost is not None and lost.status is CardStatus.TEMPORARY_LOSS
        for name in ("normal", "pin-last-try", "pin-blocked"):
            card = cards.get(by_id[name]["issuer"]["card_number"])
            assert card is not None and card.status is CardStatus.NORMAL
            assert not card.is_expired(today)


def test_demo_seed_twice_changes_nothing(demo_engine: Engine) -> None:
    before = {t: _count(demo_engine, t) for t in (m.Cardholder, m.Card, m.Contribution, m.Outlet)}
    report = seed_demo(demo_engine)
    assert report.added == [] and report.outlets_added == 0
    assert sorted(report.present) == sorted(i["id"] for i in _images() if i["backend"]["known"])
    assert report.unknown == ["unknown"]
    after = {t: _count(demo_engine, t) for t in before}
    assert after == before


def test_demo_seed_from_the_documented_format(engine: Engine, tmp_path: Path) -> None:
    """Seeds from any directory of card images as assets/cards/README.md describes them."""
    base = {
        "label": {"zh_CN": "正常卡", "en": "Normal card"},
        "atr": "3B6D000000814E43238697159900BF7C7A",
        "pin": "123456",
        "pin_tries_max": 6,
        "pin_tries_left": 6,
        "photo": None,
        "raw_records": {},
        "mute": False,
    }
    cards = {
        "lost": ("11010519491231002X", "张三", "1", "A12345675", "lost", True),
        "absent": ("110105199001010012", "李四", "1", "B12345675", "normal", False),
    }
    for name, (ssn, holder_name, gender, number, status, known) in cards.items():
        image = dict(base, id=name)
        image["issuer"] = {
            "card_id_code": "110105D156000005" + "0123456789ABCDEF",
            "card_type": "1",
            "spec_version": "2.00",
            "issuer_org": "110105000000",
            "issue_date": "2019-03-15",
            "expiry_date": "2029-03-14",
            "card_number": number,
        }
        image["holder"] = {
            "ssn": ssn,
            "name": holder_name,
            "gender": gender,
            "ethnicity": "01",
            "birthplace": "110105",
            "birth_date": id_birth_date(ssn).isoformat(),
        }
        image["backend"] = {
            "known": known,
            "status": status,
            "mobile": "13800138000",
            "photo_on_file": True,
        }
        (tmp_path / f"{name}.json").write_text(json.dumps(image, ensure_ascii=False), "utf-8")
    report = seed_demo(engine, tmp_path)
    assert report.added == ["lost"] and report.unknown == ["absent"]
    with read_session(engine) as s:
        card = CardRepository(s).get("A12345675")
        assert card is not None and card.status is CardStatus.LOST
        assert CardholderRepository(s).get_by_ssn("110105199001010012") is None
        # A pensioner since 2009: his ten years end at retirement.
        assert max(RecordsRepository(s).contribution_years("11010519491231002X")) == 2009


def test_synthetic_numbers_are_valid_and_distinct() -> None:
    ssns = [synthetic_ssn(i) for i in range(20_000)]
    numbers = [synthetic_card_number(i) for i in range(20_000)]
    assert len(set(ssns)) == len(ssns) and len(set(numbers)) == len(numbers)
    assert all(is_valid_id_number(s, dt.date(2026, 1, 1)) for s in ssns)
    assert all(is_valid_card_number(n) for n in numbers)


def test_synthetic_back_end(demo_engine: Engine, audit_seal: AuditSeal) -> None:
    demo_holders = _count(demo_engine, m.Cardholder)
    report = seed_synthetic(demo_engine, 300, months=24, batch=128)
    assert report.cardholders == 300 and report.contributions == 300 * 24
    assert _count(demo_engine, m.Cardholder) == demo_holders + 300
    assert _count(demo_engine, m.Card) == demo_holders + 300
    assert _count(demo_engine, m.PersonalAccount) >= 300 * 2
    with read_session(demo_engine) as s:
        rows = s.execute(
            sa.select(m.Cardholder, m.Card.card_number)
            .join(m.Card)
            .where(m.Cardholder.id > demo_holders)
        ).all()
        for holder, number in rows:
            assert is_valid_id_number(holder.ssn)
            assert holder.gender.value == id_gender_code(holder.ssn)
            assert holder.birth_date == id_birth_date(holder.ssn)
            assert 2 <= len(holder.name) <= 4
            assert is_valid_card_number(number)
        ssn = rows[-1][0].ssn
        records = RecordsRepository(s)
        years = records.contribution_years(ssn)
        assert sum(len(records.contributions(ssn, y)) for y in years) == 24
        assert len(records.enrolments(ssn)) == 5
    # Ordinary writes still work after the explicit ids (PostgreSQL sequences moved on).
    receipt = record_loss_report(
        UnitOfWork(demo_engine, audit_seal),
        LossReportRequest(str(uuid.uuid4()), "K1", ssn, LossReportKind.FINAL),
    )
    assert receipt.card_number == rows[-1][1]
    seed_demo(demo_engine)  # demo seeding on top adds its employers without id clashes
    more = seed_synthetic(demo_engine, 50, months=1)
    assert more.cardholders == 50


def test_synthetic_nothing(engine: Engine) -> None:
    assert seed_synthetic(engine, 0).cardholders == 0
