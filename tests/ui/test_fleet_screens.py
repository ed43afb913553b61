"""The fleet deployment on the citizen's screens (docs/fleet.md, R7): the status strip's back-end
light with the centre (never online while the centre is away, the messages waiting beside it),
the receipt of a business recorded at this kiosk while the centre was away, and a voucher
recorded at another kiosk in the lookup's result."""

from __future__ import annotations

import pytest
from ui_helpers import PAGE, make, shown

from kiosk.demo import business_samples as samples
from kiosk.domain.business import PrintOutcome
from kiosk.domain.fleet import CentreState, CentreStatus
from kiosk.ui.screens.lookup_result import LookupResultScreen
from kiosk.ui.screens.receipt import ReceiptScreen
from kiosk.ui.widgets.statusstrip import StatusStrip


def backend(strip: StatusStrip) -> tuple[str, str]:
    return strip.backend.text.text(), strip.backend.text.property("tone")


def test_standalone_keeps_the_local_database_light(qtbot, translations):
    translations.set_language("en")
    strip = make(qtbot, StatusStrip)
    strip.set_centre(CentreStatus(CentreState.NOT_USED, queued=4))
    strip.set_backend(True)
    assert backend(strip) == ("Service · Online", "ok")
    strip.set_backend(False, "Maintenance tonight")
    assert backend(strip) == ("Service · Maintenance tonight", "error")
    assert strip.centre is None


def test_the_light_is_never_online_while_the_centre_is_away(qtbot, translations):
    translations.set_language("en")
    strip = make(qtbot, StatusStrip)
    strip.set_backend(True)
    strip.set_centre(CentreStatus(CentreState.UNREACHABLE, queued=3))
    assert backend(strip) == ("Service · Offline · 3 waiting", "error")
    # The local check coming back later does not turn it online.
    strip.set_backend(True)
    assert backend(strip) == ("Service · Offline · 3 waiting", "error")
    strip.set_centre(CentreStatus(CentreState.REJECTED))
    assert backend(strip) == ("Service · Offline", "error")
    strip.set_centre(CentreStatus(CentreState.UNKNOWN))
    assert backend(strip) == ("Service · Checking", "neutral")


def test_online_only_when_the_centre_and_the_local_database_are(qtbot, translations):
    translations.set_language("en")
    strip = make(qtbot, StatusStrip)
    strip.set_centre(CentreStatus(CentreState.ONLINE))
    assert backend(strip)[1] == "neutral"  # the local database not checked yet
    strip.set_backend(True)
    assert backend(strip) == ("Service · Online", "ok")
    strip.set_centre(CentreStatus(CentreState.ONLINE, queued=2))  # being sent
    assert backend(strip) == ("Service · Online · 2 waiting", "ok")
    strip.set_backend(False)  # the kiosk's own database down: nothing can be recorded
    assert backend(strip) == ("Service · Offline · 2 waiting", "error")
    # And back to standalone's look when the centre is no longer used.
    strip.set_centre(CentreStatus(CentreState.NOT_USED))
    assert backend(strip) == ("Service · Offline", "error")


def test_the_waiting_count_follows_the_language(qtbot, translations):
    strip = make(qtbot, StatusStrip)
    strip.set_backend(True)
    strip.set_centre(CentreStatus(CentreState.UNREACHABLE, queued=3))
    # A language change reaches widgets as a posted event: wait for it.
    translations.set_language("en")
    qtbot.waitUntil(lambda: backend(strip)[0] == "Service · Offline · 3 waiting")
    translations.set_language("zh_CN")
    qtbot.waitUntil(lambda: "Service" not in backend(strip)[0])
    assert backend(strip)[0] == "业务系统 · 离线 · 3 条待发送"


# The receipt of a business the centre has not confirmed ------------------------------------------

PENDING = {  # business -> (title, what happens to the card when the connection returns)
    "temporary": ("Your loss report is recorded", "The card will be blocked when"),
    "lost": ("Your loss report is recorded", "The old card will be blocked and the new card"),
    "cancel": ("Your cancellation is recorded", "The card will be unblocked when"),
    "damaged": ("Your application is recorded", "The new card will be applied for when"),
}


@pytest.mark.parametrize("business", sorted(PENDING))
def test_a_pending_receipt_says_recorded_here_and_what_happens_next(qtbot, translations, business):
    translations.set_language("en")
    screen = make(qtbot, ReceiptScreen)
    view = samples.receipt_view(business, centre_pending=True)
    screen.show_view(view)
    shown(qtbot, screen, PAGE)
    title, next_step = PENDING[business]
    assert screen.title.text() == title
    guidance = screen.guidance.text()
    assert guidance.startswith("Recorded at this kiosk.")
    assert next_step in guidance and "usually within minutes" in guidance
    assert screen.badge.tone == "info"  # a clock: done here, not yet at the centre
    # The voucher is the citizen's as always: its number, its code, and it prints.
    assert view.receipt is not None
    assert screen.number.text() == view.receipt.voucher_number
    assert screen.qr.payload == view.receipt.qr_payload
    assert screen.print_notice.text.text() == "Please take your voucher and keep it safe."


def test_a_confirmed_receipt_is_as_before(qtbot, translations):
    translations.set_language("en")
    screen = make(qtbot, ReceiptScreen)
    screen.show_view(samples.receipt_view("temporary", centre_pending=True))
    screen.show_view(samples.receipt_view("temporary"))
    shown(qtbot, screen, PAGE)
    assert screen.title.text() == "Your card is now blocked"
    assert "Recorded at this kiosk" not in screen.guidance.text()
    assert screen.badge.tone == "ok"


def test_a_pending_receipt_whose_voucher_did_not_print_still_says_both(qtbot, translations):
    translations.set_language("en")
    screen = make(qtbot, ReceiptScreen)
    view = samples.receipt_view("temporary", PrintOutcome.OUT_OF_PAPER, centre_pending=True)
    screen.show_view(view)
    shown(qtbot, screen, PAGE)
    assert screen.guidance.text().startswith("Recorded at this kiosk.")
    assert "could not be printed" in screen.print_notice.text.text()


# Voucher lookup: a reissue recorded at another kiosk -------------------------------------------


def test_a_voucher_of_another_kiosk_shows_its_progress_and_where_to_reprint(qtbot, translations):
    translations.set_language("en")
    screen = make(qtbot, LookupResultScreen)
    elsewhere = samples.elsewhere_voucher()
    screen.show_view(samples.lookup_result_view(results=(elsewhere,)))
    shown(qtbot, screen, PAGE)
    assert screen.reprint_buttons == {}
    note = screen.findChild(type(screen.title), "lookupResultReprintNote0")
    assert note is not None
    assert "another kiosk (BJHD02)" in note.text() and "not here" in note.text()
    state = screen.findChild(type(screen.title), "lookupResultState0")
    assert state is not None and state.text() == "Your new card is being made."


def test_the_lights_take_two_rows_when_one_does_not_fit(qtbot, translations):
    # Four lights in large English at 1280x800 (a fleet kiosk with an ID card reader, offline
    # with messages waiting) were cut off in one row: they wrap, and every word shows whole.
    translations.set_language("en")
    strip = StatusStrip()
    qtbot.addWidget(strip)
    strip.set_reader(True)
    strip.set_id_reader(True)
    strip.set_printer(True)
    strip.set_backend(True)
    strip.set_centre(CentreStatus(CentreState.UNREACHABLE, queued=3))
    items = (strip.reader, strip.id_reader, strip.printer, strip.backend)
    wide = sum(item.sizeHint().width() for item in items) + 200
    strip.resize(wide, 80)
    strip.show()
    qtbot.waitUntil(lambda: strip.rows == 1)
    narrow = wide // 2 + 40
    strip.resize(narrow, 120)
    qtbot.waitUntil(lambda: strip.rows == 2)
    qtbot.waitUntil(lambda: all(item.width() >= item.sizeHint().width() for item in items))
    assert all(item.geometry().right() <= strip.width() for item in items)
    strip.resize(wide, 80)
    qtbot.waitUntil(lambda: strip.rows == 1)
