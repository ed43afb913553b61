"""`kiosk diag read` and `kiosk vcard` through the real entry point, against this session's
private pcscd (the subprocess finds it through PCSCLITE_CSOCK_NAME, set by conftest.py): a
stalled card, an unknown reader, the masked report, a busy virtual reader."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator

import pytest
from cli_helpers import kiosk, one_line

from drivers.simcard.card import SimCard
from drivers.simcard.image import load_image
from drivers.simcard.pcscd import PcscdProcess
from drivers.simcard.vpcd import VirtualCardClient
from kiosk import exit_codes

InsertCard = Callable[..., VirtualCardClient]  # the virtual_card fixture (conftest.py)
NORMAL = load_image("normal")


class StallingCard(SimCard):
    """A card that gives its ATR and then never answers an APDU, until released."""

    def __init__(self) -> None:
        super().__init__(NORMAL)
        self.released = threading.Event()

    def respond(self, apdu: bytes) -> bytes:
        self.released.wait(30)
        return super().respond(apdu)


@pytest.fixture
def stalling_card(virtual_card: InsertCard) -> Iterator[StallingCard]:
    card = StallingCard()
    virtual_card(card=card)
    yield card
    card.released.set()  # before the fixture pulls it out: its thread is still answering


def test_a_stalled_card_is_a_card_problem(stalling_card: StallingCard) -> None:
    done = kiosk("diag", "read", "--timeout", "1")
    assert done.returncode == exit_codes.FAILED
    line = one_line(done)
    assert "did not answer within 1 s" in line and "try another" in line


def test_an_unknown_reader_is_named_with_the_readers_there(pcscd: PcscdProcess) -> None:
    done = kiosk("diag", "read", "--reader", "No Such Reader", "--wait", "0")
    assert done.returncode == exit_codes.UNAVAILABLE
    line = one_line(done)
    assert "No reader named 'No Such Reader'" in line
    for name in pcscd.reader_names:
        assert repr(name) in line


def test_the_masked_report_shows_nothing_that_narrows_the_id_number(
    virtual_card: InsertCard,
) -> None:
    virtual_card("normal")
    done = kiosk("diag", "read", "--json")
    assert done.returncode == exit_codes.OK, done.stderr
    report = json.loads(done.stdout)
    holder, issuer = NORMAL.holder, NORMAL.issuer
    text = json.dumps([report["card"], report["holder"]], ensure_ascii=False)  # not the timing
    for secret in (
        holder.ssn,
        holder.ssn[4:14],  # district and birth date: the digits the mask hides
        holder.name,
        holder.birthplace,
        holder.birth_date.isoformat(),
        str(holder.birth_date.year),
        issuer.card_number,
        issuer.card_id_code.hex().upper()[4:-4],
    ):
        assert secret not in text, secret
    assert report["holder"] == {
        "ssn": "1101**********0173",
        "name": "王*明",
        "gender": "*",
        "ethnicity": "**",
        "birthplace": "******",
        "birth_date": "****-**-**",
    }
    assert report["card"]["region_code"] == "1101**"
    assert report["card"]["issue_date"] == issuer.issue_date.isoformat()  # on screen too

    full = json.loads(kiosk("diag", "read", "--json", "--full").stdout)
    assert full["holder"]["birth_date"] == holder.birth_date.isoformat()
    assert full["holder"]["birthplace"] == holder.birthplace


def test_vcard_into_a_reader_holding_a_card_says_it_is_busy(
    pcscd: PcscdProcess, virtual_card: InsertCard
) -> None:
    first = virtual_card("normal")
    done = kiosk("vcard", "expired", "--port", str(pcscd.port(0)))
    assert done.returncode == exit_codes.UNAVAILABLE
    assert "is busy: it already holds a card" in one_line(done)
    assert first.running and first.connected  # the first card stays, and stays the only one
    # The fixture removes the first card and waits for an empty reader: the refused card left
    # nothing behind in vpcd's queue to slip in once the first one is gone.
