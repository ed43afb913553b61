"""fleet.submit: each message applied once, in order, with its effect; nothing blocks."""

from __future__ import annotations

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
