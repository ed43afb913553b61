"""The technician's card report (`kiosk diag read`): masked, it shows what the citizen's screens
show (S2) and nothing that narrows a masked ID number down."""

from __future__ import annotations

import datetime as dt

import pytest

from drivers.readers.mock import DEFAULT_READER, MockReaderBackend
from drivers.simcard.image import load_image
from kiosk.card.read import CardRead, read_card
from kiosk.services.diagnostics import card_report, render_card_report

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def read() -> CardRead:
    backend = MockReaderBackend()
    backend.start()
    try:
        backend.insert("normal")
        return backend.run(DEFAULT_READER, lambda ch: read_card(ch, TODAY)).result(5)
    finally:
        backend.stop()


def test_masked_report_hides_every_field_the_screens_do_not_show(read: CardRead) -> None:
    image = load_image("normal")
    report = card_report(read)
    assert report["masked"] is True
    assert report["holder"] == {
        "ssn": "1101**********0173",
        "name": "王*明",
        "gender": "*",
        "ethnicity": "**",
        "birthplace": "******",
        "birth_date": "****-**-**",
    }
    card = report["card"]
    assert card["card_number"] == "A1*****3X"
    assert card["region_code"] == "1101**" and card["issuer_org"] == "1101********"
    assert card["card_id_code"] == "1101" + "*" * 24 + image.issuer.card_id_code.hex().upper()[-4:]
    # The dates the summary screen shows stay, so a technician can tell an expired card.
    assert card["expiry_date"] == image.issuer.expiry_date.isoformat()
    rendered = render_card_report({"reader": {"name": "r", "driver": "mock"}, **report})
    fields = rendered.split("Card (EF05)")[1].split("\nRead ")[0]  # not the ATR or the timing
    for hidden in ("1985", "110105", "0612", image.holder.ssn, image.holder.name):
        assert hidden not in fields


def test_full_report_shows_everything(read: CardRead) -> None:
    image = load_image("normal")
    report = card_report(read, full=True)
    assert report["holder"]["ssn"] == image.holder.ssn
    assert report["holder"]["birthplace"] == image.holder.birthplace
    assert report["holder"]["birth_date"] == image.holder.birth_date.isoformat()
    assert report["card"]["card_number"] == image.issuer.card_number
