"""The tour of the voucher desk (kiosk.flows.staff_vouchers), from the clerk's menu: the find
screen in each of its four ways, the vouchers of the last 7 days, one opened from the list,
the voucher the citizen pass printed scanned (genuine, with its history), a genuine voucher of
another kiosk (its public key trusted, but not in this kiosk's records), and a tampered code
refused. It works in both passes on the same database (nothing here changes a voucher).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import cbor2
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.domain.calendar import local_date
from kiosk.domain.vouchers import format_voucher_number
from kiosk.flows.staff_vouchers import FindBy, VPage
from kiosk.services.voucher_codes import (
    PREFIX2,
    VoucherCodes,
    VoucherContent,
    b45decode,
    b45encode,
    key_id,
)

if TYPE_CHECKING:
    from kiosk.demo.tour_staff import StaffTour

# The demo's "other kiosk": a fixed key, so its vouchers and screenshots are the same each run.
OTHER_KIOSK = "DEMO02"
_OTHER_KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))


def tampered(code: str) -> str:
    """`code` with its signed content changed (the pickup outlet), its signature left as it
    was: what a forger who edits a genuine voucher gets."""
    cose = cbor2.loads(b45decode(code[len(PREFIX2) + 1 :]))
    protected, unprotected, payload, signature = cose.value
    content = cbor2.loads(payload)
    content[5] = "BJHD-09"
    forged = cbor2.CBORTag(cose.tag, [protected, unprotected, cbor2.dumps(content), signature])
    return f"{PREFIX2}:{b45encode(cbor2.dumps(forged))}"


def other_kiosk_code(st: StaffTour) -> str:
    """A voucher another kiosk signed, with its public key trusted here (as the setting
    voucher_public_keys does): genuine, but not in this kiosk's records."""
    desk = st.staff.runner.services.desk
    public = _OTHER_KEY.public_key()
    desk.public_keys[key_id(public)] = public
    today = local_date(dt.datetime.now(dt.UTC))
    content = VoucherContent(
        format_voucher_number(OTHER_KIOSK, today, 17),
        kind="card_receipt",
        holder="赵*",
        pickup_date=today + dt.timedelta(days=21),
        outlet="BJCY-01",
    )
    return VoucherCodes(private=_OTHER_KEY).sign(content)


def vouchers_tour(st: StaffTour) -> None:
    tour = st.tour
    w = tour.kiosk.window
    find = w.staff_screens[VPage.FIND.value]
    w.staff_menu.area_chosen.emit("vouchers")
    st.settle(VPage.FIND.value)
    st.shot("find-scan")
    find.set_mode(FindBy.NUMBER)
    find.number_field.set_text("DEMO0120")
    st.shot("find-number")
    find.set_mode(FindBy.HOLDER)
    find.id_field.set_text("3101041990")
    st.shot("find-id")
    find.set_mode(FindBy.DATES)
    find.preset("week")
    st.shot("find-dates")
    find.search()
    st.settle(VPage.FOUND.value, "the vouchers of the last 7 days")
    st.shot("found")
    found = w.staff_screens[VPage.FOUND.value]
    found.voucher_chosen.emit(next(iter(found.rows)))
    st.settle(VPage.VOUCHER.value, "a voucher from the list")
    st.shot("voucher")

    # Scanned: the voucher the citizen pass printed (and reprinted once, in the main pass).
    found.new_search.emit()
    st.settle(VPage.FIND.value)
    find.set_mode(FindBy.CODE)
    code = tour.printed_codes[-1]
    tour.scan(code)
    st.settle(VPage.VOUCHER.value, "the scanned voucher")
    st.shot("voucher-scanned")
    w.staff_screens[VPage.VOUCHER.value].new_search.emit()
    st.settle(VPage.FIND.value)
    tour.scan(other_kiosk_code(st))
    st.settle(VPage.CHECK.value, "another kiosk's voucher checked")
    st.shot("check-genuine-other-kiosk")
    w.staff_screens[VPage.CHECK.value].new_search.emit()
    st.settle(VPage.FIND.value)
    tour.scan(tampered(code))
    st.settle(VPage.CHECK.value, "a tampered code checked")
    st.shot("check-tampered")
