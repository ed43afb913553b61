"""fleet.submit: each message applied once, in order, with its effect; nothing blocks."""

from __future__ import annotations

import datetime as dt
import threading

from centre_helpers import Centre, loss_report, message

from kiosk.store.central.client import ChainHead


def _status(centre: Centre, card_number: str) -> str:
    return centre.one("SELECT status FROM registry.cards WHERE card_number = %s", (card_number,))


def _changes(centre: Centre, card_id: int) -> list[tuple]:
    return centre.sql(
        "SELECT from_status, to_status, transaction_id FROM registry.card_status_changes"
        " WHERE card_id = %s ORDER BY id",
        (card_id,),
    )


def test_a_batch_is_applied_once_and_again_changes_nothing(centre: Centre):
    kiosk = centre.new_kiosk()
    person = centre.person()
    batch = [message(1, "loss_report", loss_report(person))]
    client = centre.client(kiosk)

    first = client.submit(batch, ChainHead(kiosk, 3, "a" * 64))
    again = client.submit(batch, ChainHead(kiosk, 3, "a" * 64))

    assert (first.last_seq, first.applied, first.duplicates, first.problems) == (1, 1, 0, 0)
    assert (again.last_seq, again.applied, again.duplicates) == (1, 0, 1)
    assert _status(centre, person.card_number) == "temporary_loss"
    assert _changes(centre, person.card_id) == [("normal", "temporary_loss", None)]
    assert centre.one("SELECT count(*) FROM fleet.messages WHERE kiosk_id = %s", (kiosk,)) == 1
    anchor = client.anchor()
    assert anchor.last_seq == 1
    assert anchor.head == ChainHead(kiosk, 3, "a" * 64)
    client.close()


def test_a_known_key_with_a_new_seq_is_a_duplicate_and_a_lower_seq_is_ignored(centre: Centre):
    kiosk = centre.new_kiosk()
    client = centre.client(kiosk)
    first, second = centre.person(), centre.person()
    sent = message(5, "loss_report", loss_report(first))
    client.submit([sent], None)

    resent = message(6, "loss_report", loss_report(first), key=sent.key)
    late = message(4, "loss_report", loss_report(second))
    result = client.submit([resent, late], None)

    assert (result.last_seq, result.applied, result.duplicates) == (6, 0, 2)
    assert _status(centre, second.card_number) == "normal"  # seq 4 came after 5: ignored
    assert _changes(centre, first.card_id) == [("normal", "temporary_loss", None)]
    client.close()


def test_effects_of_each_topic(centre: Centre):
    kiosk = centre.new_kiosk()
    client = centre.client(kiosk)
    blocked, lost = centre.person(), centre.person()
    voucher = f"{kiosk}-R1"
    cancel = {**loss_report(blocked, "normal"), "cancelled_at": "2026-01-02T03:04:05+00:00"}
    reissue = {
        **loss_report(lost, "lost"),
        "reason": "lost",
        "outlet": "BJCY-01",
        "expected_pickup_date": "2026-02-01",
        "voucher": voucher,
        "applied_at": "2026-01-02T03:04:05+00:00",
    }
    result = client.submit(
        [
            message(1, "loss_report", loss_report(blocked)),
            message(2, "loss_cancellation", cancel),
            message(3, "reissue", reissue),
            message(4, "reissue_progress", {"voucher": voucher, "progress": "ready"}),
            message(5, "reissue_progress", {"voucher": voucher, "progress": "in_production"}),
        ],
        None,
    )

    assert (result.applied, result.problems) == (5, 0)
    assert _status(centre, blocked.card_number) == "normal"
    assert _changes(centre, blocked.card_id) == [
        ("normal", "temporary_loss", None),
        ("temporary_loss", "normal", None),
    ]
    assert _status(centre, lost.card_number) == "lost"
    row = centre.one(
        "SELECT kiosk_id, card_number, ssn, outlet, expected_pickup_date::text, progress"
        " FROM fleet.reissues WHERE voucher = %s",
        (voucher,),
    )
    # Progress moves on and never back: "in_production" after "ready" changed nothing.
    assert row == (kiosk, lost.card_number, lost.ssn, "BJCY-01", "2026-02-01", "ready")
    shown = client.reissues([voucher, "NO-SUCH"])
    assert set(shown) == {voucher}
    assert shown[voucher].progress == "ready"
    # When its kiosk recorded it (the voucher's issue), not when it last moved on.
    assert shown[voucher].applied_at == dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    assert (
        shown[voucher].card_number_masked == lost.card_number[:2] + "*****" + lost.card_number[-2:]
    )
    client.close()


def test_what_cannot_be_applied_is_kept_with_its_problem_and_blocks_nothing(centre: Centre):
    kiosk = centre.new_kiosk()
    client = centre.client(kiosk)
    person = centre.person()
    ghost = {**loss_report(person), "card_number": "NOSUCHONE"}
    result = client.submit(
        [
            message(1, "loss_report", ghost),
            message(2, "weather_report", {"sunny": True}),
            message(3, "loss_report", loss_report(person)),
        ],
        None,
    )

    assert (result.last_seq, result.applied, result.problems) == (3, 3, 2)
    assert _status(centre, person.card_number) == "temporary_loss"
    problems = centre.sql(
        "SELECT seq, problem, applied_at IS NULL FROM fleet.messages WHERE kiosk_id = %s"
        " ORDER BY seq",
        (kiosk,),
    )
    assert problems == [(1, "unknown card", True), (2, "unknown topic", True), (3, None, False)]
    kinds = centre.sql("SELECT kind FROM fleet.alerts WHERE kiosk_id = %s", (kiosk,))
    assert kinds == [("message_not_applied",), ("message_not_applied",)]
    client.close()


def test_a_chain_head_going_back_or_rewritten_is_an_alert(centre: Centre):
    kiosk = centre.new_kiosk()
    client = centre.client(kiosk)
    client.submit([], ChainHead(kiosk, 10, "a" * 64))
    client.submit([], ChainHead(kiosk, 12, "b" * 64))
    assert centre.sql("SELECT kind FROM fleet.alerts WHERE kiosk_id = %s", (kiosk,)) == []

    client.submit([], ChainHead(kiosk, 11, "c" * 64))  # the tail was cut
    client.submit([], ChainHead(kiosk, 11, "d" * 64))  # and rewritten

    kinds = centre.sql("SELECT kind FROM fleet.alerts WHERE kiosk_id = %s ORDER BY id", (kiosk,))
    assert kinds == [("chain_went_back",), ("chain_rewritten",)]
    assert client.anchor().head == ChainHead(kiosk, 11, "d" * 64)
    assert centre.one("SELECT count(*) FROM fleet.anchors WHERE kiosk_id = %s", (kiosk,)) == 4
    client.close()


def test_a_late_copy_of_an_applied_batch_raises_no_alert(centre: Centre):
    # A sender thought dead delivers its batch after a newer one: all duplicates, older head.
    kiosk = centre.new_kiosk()
    client = centre.client(kiosk)
    person = centre.person()
    old = [message(1, "loss_report", loss_report(person))]
    client.submit(old, ChainHead(kiosk, 1, "a" * 64))
    client.submit([message(2, "weather", {})], ChainHead(kiosk, 2, "b" * 64))

    result = client.submit(old, ChainHead(kiosk, 1, "a" * 64))

    assert (result.applied, result.duplicates) == (0, 1)
    assert (
        centre.sql(
            "SELECT kind FROM fleet.alerts WHERE kiosk_id = %s AND kind LIKE 'chain%%'", (kiosk,)
        )
        == []
    )
    assert client.anchor().head == ChainHead(kiosk, 2, "b" * 64)
    client.close()


def test_two_connections_of_one_kiosk_apply_a_batch_once(centre: Centre):
    kiosk = centre.new_kiosk()
    people = [centre.person() for _ in range(20)]
    batch = [message(i + 1, "loss_report", loss_report(p)) for i, p in enumerate(people)]
    clients = [centre.client(kiosk) for _ in range(2)]
    for client in clients:
        client.hello()  # connected before the race
    barrier = threading.Barrier(2)
    results = []

    def send(client) -> None:  # type: ignore[no-untyped-def]
        barrier.wait()
        results.append(client.submit(batch, ChainHead(kiosk, 20, "e" * 64)))

    threads = [threading.Thread(target=send, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)

    assert sorted((r.applied, r.duplicates) for r in results) == [(0, 20), (20, 0)]
    assert centre.one("SELECT count(*) FROM fleet.messages WHERE kiosk_id = %s", (kiosk,)) == 20
    changes = centre.one(
        "SELECT count(*) FROM registry.card_status_changes WHERE card_id = ANY(%s)",
        ([p.card_id for p in people],),
    )
    assert changes == 20
    for client in clients:
        client.close()


def test_the_kiosks_models_read_what_the_centre_wrote(centre: Centre):
    # plpgsql writes the enum values and naive UTC times kiosk/store/types.py stores.
    import sqlalchemy as sa
    from sqlalchemy.orm import Session

    from kiosk.domain.records import CardStatus
    from kiosk.store.central import admin
    from kiosk.store.models import Card, CardStatusChange

    kiosk = centre.new_kiosk()
    person = centre.person()
    client = centre.client(kiosk)
    client.submit([message(1, "loss_report", loss_report(person, "lost"))], None)
    client.close()

    engine = admin.registry_engine(centre.admin_url, centre.prefix)
    try:
        with Session(engine) as session:
            card = session.get(Card, person.card_id)
            change = session.scalars(
                sa.select(CardStatusChange).where(CardStatusChange.card_id == person.card_id)
            ).one()
            assert card is not None and card.status is CardStatus.LOST
            assert card.status_changed_at is not None and card.status_changed_at.tzinfo
            assert (change.from_status, change.to_status) == (CardStatus.NORMAL, CardStatus.LOST)
            assert change.transaction_id is None and kiosk in change.reason
    finally:
        engine.dispose()
