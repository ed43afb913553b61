"""R7 on screen (issue 14, docs/fleet.md): a kiosk of a fleet against the real centre on the test
PostgreSQL, reached through a TCP proxy that the test stops (the centre away) and starts again.

The kiosk starts with an empty local database, as a new kiosk of a fleet does: what it knows of
cardholders comes from the centre. While the centre is there, the card under temporary loss
report is proven once (its PIN), so the kiosk knows it. With the centre away, two with-card
businesses complete with the "recorded at this kiosk" receipt: a damaged card replaced (a card
this kiosk never saw, known from its chip) and the known card's loss report cancelled; the
status strip says offline with both messages waiting; identification without the card is refused
plainly. With the centre back, each message reaches the centre exactly once (asked as its
administrator: fleet.messages, the reissue, the card's status in registry.cards) and the strip
says online with nothing waiting."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from centre_helpers import Centre, centre_on
from sqlalchemy.engine import make_url

from drivers.simcard.image import load_image
from kiosk.app import Kiosk, build_kiosk
from kiosk.commands.fleet_proxy import TcpProxy
from kiosk.config import load_settings
from kiosk.domain.business import Refusal
from kiosk.domain.fleet import CentreState
from kiosk.services.outbox_sender import Backoff

KIOSK_ID = "DEMO01"  # the demo kiosk's id
PIN = b"123456"  # the demo cards' PIN
NORMAL = load_image("normal").issuer.card_number
TEMPORARY = load_image("temporary-loss").issuer.card_number
HOLDER_NO_CARD = ("510107196907300229", "18980024455")  # ID number and mobile


@pytest.fixture
def centre(postgres_factory, tmp_path) -> Iterator[Centre]:
    """A centre seeded with the demo, this kiosk added."""
    with centre_on(postgres_factory, tmp_path / "centre", (KIOSK_ID,)) as centre:
        yield centre


@pytest.fixture
def proxy() -> Iterator[TcpProxy]:
    proxy = TcpProxy("127.0.0.1", 5432)
    yield proxy
    proxy.stop()


def fleet_kiosk(qapp, tmp_path, central_url: str) -> Kiosk:
    """A fleet kiosk with an empty local database (no demo seed: the centre has it)."""
    settings = load_settings(
        demo=True,
        environ={"KIOSK_DEPLOYMENT": "fleet", "KIOSK_CENTRAL_URL": central_url},
        data_dir=tmp_path / "kiosk",
        log_dir=tmp_path / "kiosk" / "log",
        tap_guard_seconds=0.0,
        idcard_reader="none",
    )
    kiosk = build_kiosk(settings, qapp)
    assert kiosk.fleet is not None
    # The sender's backoff as a test can wait for (the default grows to 30 s): read at each
    # failed round, so the running thread takes it.
    kiosk.fleet.sender.backoff = Backoff(first=0.1, longest=0.5)
    kiosk.window.resize(1280, 800)
    kiosk.window.show()
    return kiosk


def messages(centre: Centre, topic: str) -> int:
    return centre.one(
        "SELECT count(*) FROM fleet.messages WHERE kiosk_id = %s AND topic = %s",
        (KIOSK_ID, topic),
    )


def status_changes(centre: Centre, card_number: str) -> int:
    return centre.one(
        "SELECT count(*) FROM registry.card_status_changes s JOIN registry.cards c"
        " ON c.id = s.card_id WHERE c.card_number = %s",
        (card_number,),
    )


def test_the_centre_away_and_back(qtbot, qapp, tmp_path, centre, proxy) -> None:
    through_proxy = make_url(centre.urls[KIOSK_ID]).set(host="127.0.0.1", port=proxy.port)
    kiosk = fleet_kiosk(qapp, tmp_path, through_proxy.render_as_string(hide_password=False))
    w, c = kiosk.window, kiosk.controller
    strip = w.attract.status_strip
    assert centre.card_status(TEMPORARY) == "temporary_loss"
    changes_before = status_changes(centre, TEMPORARY)
    try:

        def at(step: str) -> bool:
            business = c.business
            if c.flow.in_business and business is not None:
                return business.view.step.value == step and not business.view.busy
            return c.flow.view.step.value == step and c.worker.pending == 0

        def next_to(step: str) -> None:
            qtbot.waitUntil(lambda: c.business is not None and not c.business.view.busy)
            w.business_screens[c.business.view.step].next_clicked.emit()
            qtbot.waitUntil(lambda: at(step), timeout=5000)

        def receipt_pending() -> str:
            qtbot.waitUntil(
                lambda: at("receipt") and c.business.view.print_outcome is not None, timeout=8000
            )
            receipt = c.business.view.receipt
            assert receipt is not None and receipt.centre_pending
            assert w.receipt.guidance.text().startswith("Recorded at this kiosk.") or (
                kiosk.translations.language != "en"
            )
            return receipt.voucher_number

        def remove_card() -> None:
            kiosk.backend.remove()
            qtbot.waitUntil(lambda: at("attract"), timeout=5000)

        # The centre there: the start's check has it online (and its outlets written here).
        qtbot.waitUntil(
            lambda: strip.centre is not None and strip.centre.state is CentreState.ONLINE,
            timeout=5000,
        )
        # The card under temporary loss report, new to this kiosk (normal until the centre
        # says otherwise): the records asked for, the centre proves it after its PIN.
        kiosk.backend.insert("temporary-loss")
        qtbot.waitUntil(lambda: at("summary"), timeout=5000)
        w.summary.view_records_clicked.emit()
        qtbot.waitUntil(lambda: at("pin"), timeout=5000)
        w.pin.pin_entered.emit(bytearray(PIN))
        qtbot.waitUntil(lambda: at("records"), timeout=8000)  # from the centre
        remove_card()  # changed their mind: nothing recorded

        proxy.stop()  # the centre goes away

        # With the card: a damaged card replaced, recorded at this kiosk.
        kiosk.backend.insert("normal")
        qtbot.waitUntil(lambda: at("summary"), timeout=5000)
        w.summary.replace_clicked.emit()
        qtbot.waitUntil(lambda: at("pin"), timeout=5000)
        w.pin.pin_entered.emit(bytearray(PIN))
        qtbot.waitUntil(lambda: at("outlet"), timeout=8000)
        assert c.business is not None and c.business.view.outlets  # the centre's, kept here
        w.outlet.chosen.emit(c.business.view.outlets[0].code)
        for step in ("materials", "pickup", "review", "confirm"):
            next_to(step)
        w.confirm.confirmed.emit()
        voucher = receipt_pending()
        remove_card()

        # With the card: the found card's loss report cancelled, recorded at this kiosk.
        kiosk.backend.insert("temporary-loss")
        qtbot.waitUntil(lambda: at("problem"), timeout=5000)  # as this kiosk last knew it
        w.problem.cancel_loss_clicked.emit()
        qtbot.waitUntil(lambda: at("pin"), timeout=5000)
        w.pin.pin_entered.emit(bytearray(PIN))
        qtbot.waitUntil(lambda: at("review"), timeout=8000)
        next_to("confirm")
        w.confirm.confirmed.emit()
        receipt_pending()
        remove_card()

        # The strip: offline, both messages waiting.
        kiosk.check_status()
        qtbot.waitUntil(
            lambda: (
                strip.centre is not None
                and strip.centre.state is CentreState.UNREACHABLE
                and strip.centre.queued == 2
            ),
            timeout=5000,
        )
        assert strip.backend.ok is False

        # Without the card: refused plainly, before the form (the last check found the centre
        # away); Retry opens the form, and the centre, still away, refuses it plainly too.
        w.attract.report_loss_clicked.emit()
        qtbot.waitUntil(lambda: at("refused"), timeout=5000)
        assert c.business is not None and c.business.view.refusal is Refusal.BACKEND_OFFLINE
        assert c.business.view.identified is None
        w.refused.retry_clicked.emit()
        qtbot.waitUntil(lambda: at("identify"), timeout=5000)
        w.identify.id_field.set_text(HOLDER_NO_CARD[0])
        w.identify.mobile_field.set_text(HOLDER_NO_CARD[1])
        w.identify.submit()
        qtbot.waitUntil(lambda: at("refused"), timeout=8000)
        assert c.business is not None and c.business.view.refusal is Refusal.BACKEND_OFFLINE
        c.home()
        qtbot.waitUntil(lambda: at("attract"), timeout=5000)

        # Nothing reached the centre yet.
        assert messages(centre, "reissue") == 0
        assert messages(centre, "loss_cancellation") == 0
        assert centre.card_status(TEMPORARY) == "temporary_loss"
        assert kiosk.fleet is not None and kiosk.fleet.sender.failures > 0

        # The centre comes back: each message arrives once, the strip goes online.
        proxy.start()

        def delivered() -> bool:
            kiosk.check_status()
            return (
                strip.centre is not None
                and strip.centre.state is CentreState.ONLINE
                and strip.centre.queued == 0
            )

        qtbot.waitUntil(delivered, timeout=10_000)
        assert strip.backend.ok is True
        assert messages(centre, "reissue") == 1
        assert messages(centre, "loss_cancellation") == 1
        assert (
            centre.one(
                "SELECT count(*) FROM fleet.reissues WHERE voucher = %s AND card_number = %s",
                (voucher, NORMAL),
            )
            == 1
        )
        assert centre.card_status(NORMAL) == "normal"  # a damaged card keeps working
        assert centre.card_status(TEMPORARY) == "normal"  # unblocked, once
        assert status_changes(centre, TEMPORARY) == changes_before + 1
    finally:
        kiosk.close()
