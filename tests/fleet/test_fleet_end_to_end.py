"""Two fleet kiosks and one real centre, end to end through the services (docs/fleet.md).

The centre is a PostgreSQL database of its own (`kiosk central init` under a random prefix, the
demo cards in its registry; the prefix's roles are dropped at the end, roles being the whole
cluster's). Each kiosk is built as kiosk/app.py builds it, from its own settings: its own local
SQLite, its own kiosk role (add_kiosk's URL as central_url), the real CentreClient, the outbox
sender and the BusinessService of make_business. What the FakeCentre tests show in the process is
shown here against the SQL the agency runs: the replica and its purge, a loss report applied
once, another kiosk seeing it (by ID and mobile, and by the card with its PIN), a reissue's
progress coming back from the centre and from a desk, S8 across kiosks, and R7's ordering.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from centre_helpers import Centre, Person, centre_on
from sqlalchemy.engine import Engine

from drivers.printers.fake import FakePrinter
from drivers.readers.mock import DEFAULT_READER, MockReaderBackend
from drivers.simcard.image import load_image
from kiosk import cli as kiosk_cli
from kiosk.app import FleetParts, make_business, make_fleet, open_seal
from kiosk.config import load_settings
from kiosk.domain.business import NotEligible, Refusal, ReissueRequest
from kiosk.domain.desk import DeskRefusal, DeskRefused, StaffActor
from kiosk.domain.journal import (
    AccountRole,
    LossReportKind,
    LossReportRequest,
    ReissueProgress,
    ReissueReason,
)
from kiosk.domain.masking import mask_card_number
from kiosk.domain.records import CardStatus
from kiosk.domain.session import CardProblem, SessionProblem
from kiosk.services.business import BusinessService
from kiosk.services.card_session import CardSessionService
from kiosk.services.voucher_desk import VoucherDesk
from kiosk.services.vouchers import Vouchers
from kiosk.store import models as m
from kiosk.store.central import admin
from kiosk.store.db import create_engine
from kiosk.store.replica import RECORD_MODELS
from kiosk.store.unitofwork import UnitOfWork

CLERK = StaffActor("clerk1", AccountRole.CLERK)


@pytest.fixture(scope="module")
def centre(postgres_factory: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Centre]:
    with centre_on(postgres_factory, tmp_path_factory.mktemp("e2e-centre")) as centre:
        yield centre


@dataclass
class Kiosk:
    kiosk_id: str
    engine: Engine
    fleet: FleetParts
    business: BusinessService

    def send(self) -> None:
        """Deliver everything waiting, as the sender thread would."""
        while True:
            result = self.fleet.sender.send_once()
            assert result.error is None, result.error
            if not result.more:
                return

    def pending(self) -> int:
        with self.engine.connect() as c:
            return int(
                c.scalar(
                    sa.select(sa.func.count())
                    .select_from(m.OutboxMessage)
                    .where(m.OutboxMessage.sent_at.is_(None))
                )
                or 0
            )

    def desk(self) -> VoucherDesk:
        with UnitOfWork(self.engine) as uow:
            if uow.staff.get(CLERK.login) is None:
                uow.staff.add(
                    login=CLERK.login,
                    display_name="clerk",
                    role=CLERK.role,
                    password_hash="x",
                    at=dt.datetime.now(dt.UTC),
                )
                uow.commit()
        context = self.business.context
        # As StaffServices makes it: other kiosks' vouchers are found at the centre.
        return VoucherDesk(
            context, Vouchers(context, self.business.proofs), centre=self.fleet.centre
        )


@pytest.fixture
def make_kiosk(centre: Centre, sqlite_factory: Any, tmp_path: Path) -> Iterator[Any]:
    """`make_kiosk(sender=True)`: a fleet kiosk with a role of its own at the centre, built
    from a kiosk.toml as app.py builds it; `sender`: its outbox sender thread runs."""
    made: list[Kiosk] = []

    def make(*, sender: bool = True) -> Kiosk:
        kiosk_id = centre.new_kiosk()
        url = centre.urls[kiosk_id]
        where = tmp_path / kiosk_id
        where.mkdir()
        database_url = sqlite_factory.new("migrated", where)
        config = where / "kiosk.toml"
        config.write_text(
            f'kiosk_id = "{kiosk_id}"\ndeployment = "fleet"\n'
            f"central_url = {json.dumps(url)}\ndatabase_url = {json.dumps(database_url)}\n",
            encoding="utf-8",
        )
        settings = load_settings(
            config_file=config, environ={}, data_dir=where, log_dir=where / "log"
        )
        assert settings.fleet
        engine = create_engine(settings.resolved_database_url)
        fleet = make_fleet(settings, engine)
        assert fleet is not None
        business = make_business(
            settings, engine, FakePrinter(), open_seal(settings, engine), fleet
        )
        business.registry.refresh_outlets()
        kiosk = Kiosk(kiosk_id, engine, fleet, business)
        made.append(kiosk)
        if sender:
            fleet.start()
        else:
            business.confirmation.wait_s = 0.0  # nobody will confirm: do not wait for it
        return kiosk

    yield make
    for kiosk in made:
        kiosk.fleet.stop()
        kiosk.engine.dispose()


def refusal(call: Any) -> NotEligible:
    with pytest.raises(NotEligible) as refused:
        call()
    return refused.value


def local_count(engine: Engine, model: type[m.Base]) -> int:
    with engine.connect() as c:
        return int(c.scalar(sa.select(sa.func.count()).select_from(model.__table__)) or 0)


def loss(kiosk: Kiosk, person: Person, kind: LossReportKind) -> Any:
    request = LossReportRequest(
        uuid.uuid4().hex, kiosk.kiosk_id, person.ssn, kind, card_number=person.card_number
    )
    return kiosk.business.report_loss(request)


def test_identification_writes_the_replica_and_the_session_end_purges_it(
    centre: Centre, make_kiosk: Any
) -> None:
    a = make_kiosk()
    ssn, mobile = centre.sql(  # a demo cardholder: ten years of records at the centre
        "SELECT h.ssn, h.mobile FROM registry.cardholders h WHERE h.mobile IS NOT NULL AND EXISTS"
        " (SELECT 1 FROM registry.contributions c WHERE c.cardholder_id = h.id) AND NOT EXISTS"
        " (SELECT 1 FROM registry.cards k WHERE k.cardholder_id = h.id AND k.status <> 'normal')"
        " ORDER BY h.id LIMIT 1"
    )[0]
    at_centre = centre.one(
        "SELECT count(*) FROM registry.contributions c JOIN registry.cardholders h"
        " ON h.id = c.cardholder_id WHERE h.ssn = %s",
        (ssn,),
    )
    identified = a.business.identify(ssn, mobile)
    assert identified.card_status is CardStatus.NORMAL and not identified.by_card
    assert local_count(a.engine, m.Contribution) == at_centre > 0
    assert local_count(a.engine, m.Cardholder) == 1
    a.business.end_session()
    assert all(local_count(a.engine, model) == 0 for model in RECORD_MODELS)
    assert local_count(a.engine, m.Cardholder) == 1  # kept: the journal may point at it


def test_a_loss_report_is_applied_once_and_the_other_kiosk_sees_it(
    centre: Centre, make_kiosk: Any
) -> None:
    a, b = make_kiosk(), make_kiosk()
    person = centre.person()
    a.business.identify(person.ssn, person.mobile)
    receipt = loss(a, person, LossReportKind.TEMPORARY)
    assert not receipt.centre_pending  # the sender thread delivered it within the wait
    assert centre.card_status(person.card_number) == "temporary_loss"
    assert a.pending() == 0
    a.send()  # nothing more to send: a second delivery attempt changes nothing
    assert (
        centre.one(
            "SELECT count(*) FROM fleet.messages WHERE payload->>'card_number' = %s",
            (person.card_number,),
        )
        == 1
    )
    assert (
        centre.one(
            "SELECT count(*) FROM registry.card_status_changes s JOIN registry.cards c"
            " ON c.id = s.card_id WHERE c.card_number = %s",
            (person.card_number,),
        )
        == 1
    )
    a.business.end_session()

    seen = b.business.identify(person.ssn, person.mobile)
    assert seen.card_status is CardStatus.TEMPORARY_LOSS
    assert seen.temporary_report_allowed is False


def test_the_other_kiosks_card_session_gets_the_status_from_the_centre(
    centre: Centre, make_kiosk: Any
) -> None:
    image = load_image("normal")  # the demo card: its holder is in the centre's registry
    ssn, card_number = image.holder.ssn, image.issuer.card_number
    assert centre.card_status(card_number) == "normal"
    a, b = make_kiosk(), make_kiosk()
    a.business.identify_card(ssn, card_number)  # as after its PIN at kiosk A
    outlet = a.business.outlets()[0].code
    request = ReissueRequest(
        uuid.uuid4().hex, a.kiosk_id, ssn, card_number, ReissueReason.LOST, outlet
    )
    assert not a.business.apply_reissue(request).centre_pending  # a final loss report
    assert centre.card_status(card_number) == "lost"

    reader = MockReaderBackend()
    reader.start()
    try:
        session = CardSessionService(reader, b.engine, registry=b.business.registry)
        reader.insert("normal")
        summary = session.read_summary(DEFAULT_READER)
        assert summary.problem is None  # never seen at B: the centre decides after the PIN
        with pytest.raises(SessionProblem) as problem:
            session.verify_pin(bytearray(b"123456"))
        assert problem.value.problem is CardProblem.LOST
        session.end()
    finally:
        reader.stop()
    assert refusal(lambda: b.business.identify_card(ssn, card_number)).refusal is (
        Refusal.CARD_LOST
    )


def test_a_reissues_progress_comes_back_to_both_kiosks(centre: Centre, make_kiosk: Any) -> None:
    a, b = make_kiosk(), make_kiosk()
    person = centre.person()
    a.business.identify(person.ssn, person.mobile)
    outlet = a.business.outlets()[0].code
    receipt = a.business.apply_reissue(
        ReissueRequest(
            uuid.uuid4().hex, a.kiosk_id, person.ssn, person.card_number, ReissueReason.LOST, outlet
        )
    )
    assert not receipt.centre_pending
    voucher = receipt.voucher_number
    a.business.end_session()

    def progress_at(kiosk: Kiosk) -> ReissueProgress | None:
        lookup = kiosk.business.lookup_person(person.ssn, person.mobile)
        kiosk.business.end_session()
        found = [v for v in lookup.vouchers if v.voucher_number == voucher]
        assert len(found) == 1, lookup.vouchers
        return found[0].progress

    assert progress_at(a) is progress_at(b) is ReissueProgress.APPLIED
    # The agency's side: the command, then its function.
    done = kiosk_cli.main(
        [
            "central",
            "progress",
            voucher,
            "--to",
            "in_production",
            "--url",
            centre.admin_url,
            "--prefix",
            centre.prefix,
        ]
    )
    assert done == 0
    assert progress_at(a) is progress_at(b) is ReissueProgress.IN_PRODUCTION
    # A counter's desk (the issuing kiosk's: only it holds the voucher) moves it on, through
    # a reissue_progress message.
    desk = a.desk()
    desk.move_progress(CLERK, voucher, ReissueProgress.READY)
    a.send()
    assert progress_at(b) is progress_at(a) is ReissueProgress.READY
    desk.hand_over(CLERK, voucher, id_checked=True)
    a.send()
    assert progress_at(b) is ReissueProgress.COLLECTED
    assert admin.move_progress(centre.admin_url, centre.prefix, voucher, "ready") is False


def test_the_id_limit_holds_across_kiosks(centre: Centre, make_kiosk: Any) -> None:
    a, b = make_kiosk(), make_kiosk()
    person = centre.person()
    wrong = "13800000000" if person.mobile != "13800000000" else "13800000001"
    lefts = [refusal(lambda: a.business.identify(person.ssn, wrong)) for _ in range(4)]
    assert [(r.refusal, r.attempts_left) for r in lefts] == [
        (Refusal.NO_MATCH, n) for n in (4, 3, 2, 1)
    ]
    assert refusal(lambda: a.business.identify(person.ssn, wrong)).refusal is Refusal.ID_LOCKED
    # Kiosk B, with the right mobile: the centre locked the number for the whole fleet.
    locked = refusal(lambda: b.business.identify(person.ssn, person.mobile))
    assert locked.refusal is Refusal.ID_LOCKED and locked.until is not None
    assert refusal(lambda: b.business.lookup_person(person.ssn, person.mobile)).refusal is (
        Refusal.ID_LOCKED
    )
    # Nobody else's number is touched.
    other = centre.person()
    assert b.business.identify(other.ssn, other.mobile).card_status is CardStatus.NORMAL


def test_the_replica_never_overwrites_a_status_whose_message_waits(
    centre: Centre, make_kiosk: Any
) -> None:
    a = make_kiosk(sender=False)
    person = centre.person()
    a.business.identify(person.ssn, person.mobile)
    receipt = loss(a, person, LossReportKind.TEMPORARY)
    assert receipt.centre_pending and a.pending() == 1
    a.business.end_session()
    # The centre still says normal; this kiosk's newer status stands while its message waits.
    assert centre.card_status(person.card_number) == "normal"
    again = a.business.identify(person.ssn, person.mobile)
    assert again.card_status is CardStatus.TEMPORARY_LOSS
    a.business.end_session()
    a.send()
    assert a.pending() == 0 and centre.card_status(person.card_number) == "temporary_loss"
    # Sent: the centre's word is taken again, and the agency cancelling the report at the
    # centre is what the kiosk then sees.
    centre.sql(
        "UPDATE registry.cards SET status = 'normal' WHERE card_number = %s", (person.card_number,)
    )
    assert a.business.identify(person.ssn, person.mobile).card_status is CardStatus.NORMAL


def test_a_counter_kiosk_hands_over_the_card_of_another_kiosks_voucher(
    centre: Centre, make_kiosk: Any
) -> None:
    """Kiosk A issues the voucher; the citizen collects the card at the outlet whose counter
    kiosk is B, which holds no record of it: B's desk finds it at the centre, moves it to
    ready and hands the card over; the centre has it collected once; A's lookup shows it."""
    a, b = make_kiosk(), make_kiosk()
    person = centre.person()
    a.business.identify(person.ssn, person.mobile)
    outlet = a.business.outlets()[0].code
    receipt = a.business.apply_reissue(
        ReissueRequest(
            uuid.uuid4().hex, a.kiosk_id, person.ssn, person.card_number, ReissueReason.LOST, outlet
        )
    )
    assert not receipt.centre_pending
    voucher = receipt.voucher_number
    a.business.end_session()

    desk = b.desk()
    found = desk.find_by_number(CLERK, voucher)
    assert not found.held_here and found.kiosk_id == a.kiosk_id
    assert found.progress is ReissueProgress.APPLIED and found.outlet_code == outlet
    assert found.masked_card_number == mask_card_number(person.card_number)
    # Its scanned code, checked with A's public key, shows what it signs with it.
    desk.public_keys = dict(a.business.context.codes().public_keys)
    check = desk.check_code(CLERK, receipt.qr_payload)
    assert check.genuine and check.voucher is not None and not check.voucher.held_here
    assert check.content is not None and check.content.outlet == outlet
    assert check.voucher.masked_name == (check.content.holder or "")

    desk.move_progress(CLERK, voucher, ReissueProgress.IN_PRODUCTION)
    desk.move_progress(CLERK, voucher, ReissueProgress.READY)
    b.send()
    progress = "SELECT progress FROM fleet.reissues WHERE voucher = %s"
    assert centre.one(progress, (voucher,)) == "ready"
    handed = desk.hand_over(CLERK, voucher, id_checked=True)
    assert handed.progress is ReissueProgress.COLLECTED
    with pytest.raises(DeskRefused) as again:  # a second hand-over, before the centre has it
        desk.hand_over(CLERK, voucher, id_checked=True)
    assert again.value.refusal is DeskRefusal.ALREADY_COLLECTED
    b.send()
    assert centre.one(progress, (voucher,)) == "collected"
    assert (
        centre.one(
            "SELECT count(*) FROM fleet.messages WHERE topic = 'reissue_progress'"
            " AND payload->>'voucher' = %s AND payload->>'progress' = 'collected'",
            (voucher,),
        )
        == 1
    )
    assert not desk.find_by_number(CLERK, voucher).progress_unconfirmed
    with pytest.raises(DeskRefused) as after:
        desk.hand_over(CLERK, voucher, id_checked=True)
    assert after.value.refusal is DeskRefusal.ALREADY_COLLECTED
    # The issuing kiosk's voucher lookup (its scanned code) shows the card collected.
    lookup = a.business.lookup_code(receipt.qr_payload)
    assert [v.progress for v in lookup.vouchers] == [ReissueProgress.COLLECTED]
