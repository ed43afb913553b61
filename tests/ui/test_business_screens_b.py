"""The later business screens (outlet, materials, pickup date, review, confirm, receipt,
refused) and the on-screen QR code: each is drawn from sample BusinessViews in both languages,
emits its signals with the right arguments and only when it should, takes no taps while the
view is busy, shows masked values only and forgets them on wipe(), has names and large touch
targets, fits 1280x800 in large text, and the QR code on screen decodes to the payload."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QWidget
from ui_helpers import PAGE, make, shown

from drivers.printers.base import PrinterState, PrinterStatus
from kiosk.demo import business_samples as samples
from kiosk.domain.business import Material, PrintOutcome, Refusal
from kiosk.flows.business import BStep, Phase
from kiosk.ui.screens.business_parts import Business
from kiosk.ui.screens.confirm import ConfirmScreen
from kiosk.ui.screens.materials import MaterialsScreen
from kiosk.ui.screens.outlet import OutletScreen
from kiosk.ui.screens.pickup import PickupScreen
from kiosk.ui.screens.receipt import QR_MODULE, QR_MODULE_FAILED, ReceiptScreen
from kiosk.ui.screens.refused import RefusedScreen
from kiosk.ui.screens.review import ReviewScreen, consequence
from kiosk.ui.theme import Theme, apply_theme
from kiosk.ui.widgets.header import Header
from kiosk.ui.widgets.qr import QUIET_ZONE, QrCode, qr_matrix

SCREENS = (
    OutletScreen,
    MaterialsScreen,
    PickupScreen,
    ReviewScreen,
    ConfirmScreen,
    ReceiptScreen,
    RefusedScreen,
)
# Full personal values of the sample cardholder and agent: never on these screens (S2).
FULL = (samples.NAME, samples.SSN, samples.CARD_NUMBER, samples.AGENT_NAME, samples.AGENT_SSN)
CJK = re.compile(r"[\u4e00-\u9fff]")


def sample_view(cls):
    """The fullest sample for each screen."""
    return {
        OutletScreen: samples.view("lost", BStep.OUTLET, as_agent=True),
        MaterialsScreen: samples.view("lost", BStep.MATERIALS, as_agent=True, photo_on_file=False),
        PickupScreen: samples.view("stolen", BStep.PICKUP, exact=False, fee_fen=2000),
        ReviewScreen: samples.view("lost", BStep.REVIEW, as_agent=True),
        ConfirmScreen: samples.confirm_view("lost", printer_ready=False),
        ReceiptScreen: samples.receipt_view("lost", PrintOutcome.OUT_OF_PAPER),
        RefusedScreen: samples.refused_view(Refusal.BACKEND_OFFLINE),
    }[cls]


def filled(qtbot, cls):
    screen = make(qtbot, cls)
    screen.show_view(sample_view(cls))
    shown(qtbot, screen, PAGE)
    return screen


# Every screen, both languages -------------------------------------------------------------------


@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("cls", SCREENS, ids=lambda c: c.name)
def test_each_screen_shows_its_sample_in_both_languages(
    qtbot, translations, all_texts, cls, language
):
    translations.set_language(language)
    screen = filled(qtbot, cls)
    assert cls.name in {step.value for step in BStep}
    texts = all_texts(screen)
    assert texts.strip()
    for value in FULL:
        assert value not in texts
    if language == "en":
        # In English, Chinese may only come from the data: names and opening hours.
        data = [samples.identified().masked_name, "李*英"]
        data += [o.opening_hours for o in samples.OUTLETS]
        for value in data:
            texts = texts.replace(value, "")
        assert not CJK.search(texts), CJK.findall(texts)


@pytest.mark.parametrize("cls", SCREENS, ids=lambda c: c.name)
def test_show_view_is_idempotent(qtbot, all_texts, cls):
    screen = filled(qtbot, cls)
    first = all_texts(screen)
    screen.show_view(sample_view(cls))
    screen.show_view(sample_view(cls))
    assert all_texts(screen) == first


def test_the_step_bar_follows_the_view(qtbot, translations):
    translations.set_language("en")
    screen = filled(qtbot, ReviewScreen)
    view = sample_view(ReviewScreen)
    assert screen.step_bar.path == view.phases
    assert screen.step_bar.current == view.phases.index(Phase.REVIEW)
    assert "Review" in screen.step_bar.labels
    screen.show_view(samples.view("cancel", BStep.REVIEW))
    assert screen.step_bar.labels == ["Enter PIN", "Review", "Confirm", "Receipt"]
    assert screen.step_bar.current == 1


# Outlet -------------------------------------------------------------------------------------------


def test_outlet_rows_choose_and_next(qtbot, translations):
    translations.set_language("en")
    screen = make(qtbot, OutletScreen)
    view = samples.view("lost", BStep.OUTLET, chosen=False)
    screen.show_view(view)
    shown(qtbot, screen, PAGE)
    outlets = samples.OUTLETS
    assert screen.outlets == outlets
    assert all(o.issues_cards for o in outlets) and len(outlets) == 4
    assert [row.name_label.text() for row in screen.rows] == [o.name_en for o in outlets]
    assert not any(row.selected for row in screen.rows)
    assert not screen.next_button.isEnabled()

    with qtbot.assertNotEmitted(screen.next_clicked):
        screen.next_button.click()
    with qtbot.waitSignal(screen.chosen) as chosen:
        qtbot.mouseClick(screen.rows[2], Qt.MouseButton.LeftButton)
    assert chosen.args == [outlets[2].code]

    # The flow records the choice; the next view marks it and opens Next.
    screen.show_view(replace(view, outlet=outlets[2]))
    assert [row.selected for row in screen.rows] == [False, False, True, False]
    assert "(chosen)" in screen.rows[2].accessibleName()
    assert screen.next_button.isEnabled()
    with qtbot.waitSignal(screen.next_clicked):
        screen.next_button.click()


def test_outlet_names_follow_the_language(qtbot, translations):
    screen = make(qtbot, OutletScreen)
    screen.show_view(sample_view(OutletScreen))
    outlet = samples.OUTLETS[0]
    assert screen.rows[0].name_label.text() == outlet.name
    assert outlet.address in screen.rows[0].detail_labels[0].text()
    # Qt posts LanguageChange: it arrives with the next turn of the event loop.
    translations.set_language("en")
    qtbot.waitUntil(lambda: screen.rows[0].name_label.text() == outlet.name_en)
    assert screen.rows[0].detail_labels[0].text() == outlet.address_en


def test_outlet_busy_takes_no_taps(qtbot):
    screen = make(qtbot, OutletScreen)
    screen.show_view(replace(sample_view(OutletScreen), busy=True))
    shown(qtbot, screen, PAGE)
    assert not screen.next_button.isEnabled()
    assert not any(row.isEnabled() for row in screen.rows)
    with qtbot.assertNotEmitted(screen.chosen), qtbot.assertNotEmitted(screen.next_clicked):
        qtbot.mouseClick(screen.rows[0], Qt.MouseButton.LeftButton)
        screen.next_button.click()


# Materials ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_agent", "photo_on_file", "expected"),
    [
        (False, True, (Material.ORIGINAL_ID_CARD, Material.THIS_VOUCHER)),
        (
            True,
            False,
            (
                Material.ORIGINAL_ID_CARD,
                Material.THIS_VOUCHER,
                Material.AGENT_ID_CARD,
                Material.PHOTO,
            ),
        ),
    ],
)
def test_materials_checklist(qtbot, translations, all_texts, as_agent, photo_on_file, expected):
    translations.set_language("en")
    screen = make(qtbot, MaterialsScreen)
    screen.show_view(
        samples.view("lost", BStep.MATERIALS, as_agent=as_agent, photo_on_file=photo_on_file)
    )
    shown(qtbot, screen, PAGE)
    assert screen.shown_materials == expected
    texts = all_texts(screen)
    for material in Material:
        title, sentence = screen.texts(material)
        assert (title in texts) == (material in expected)
        assert sentence
    with qtbot.waitSignal(screen.next_clicked):
        screen.next_button.click()
    screen.show_view(replace(samples.view("lost", BStep.MATERIALS, as_agent=as_agent), busy=True))
    assert not screen.next_button.isEnabled()


# What the agency asks (../shared/seeds/), in the words the card receipt voucher prints.
AGENCY_ASKS = {
    "zh_CN": ["身份证原件及复印件", "可用户口簿代替", "经审核后可报销一次", "请持领卡凭证"],
    "en": [
        "ID card: the original and a photocopy",
        "The household register (hukou booklet) will do instead",
        "reimbursed once, after review",
        "bring the card receipt voucher",
    ],
}


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_materials_say_what_the_agency_asks(qtbot, translations, all_texts, language):
    translations.set_language(language)
    screen = make(qtbot, MaterialsScreen)
    screen.show_view(samples.view("stolen", BStep.MATERIALS, as_agent=True))
    shown(qtbot, screen, PAGE)
    texts = all_texts(screen)
    for ask in AGENCY_ASKS[language]:
        assert ask in texts, ask
    assert screen.id_note.isVisible() and screen.medical.isVisible()


def test_materials_medical_note_only_after_a_loss(qtbot):
    screen = make(qtbot, MaterialsScreen)
    screen.show_view(samples.view("damaged", BStep.MATERIALS))
    shown(qtbot, screen, PAGE)
    assert screen.id_note.isVisible()  # an ID card is needed all the same
    assert not screen.medical.isVisible()  # a damaged card has no loss period


# Pickup -------------------------------------------------------------------------------------------


def test_pickup_exact_date_free(qtbot, translations):
    translations.set_language("en")
    screen = make(qtbot, PickupScreen)
    screen.show_view(samples.view("lost", BStep.PICKUP))
    shown(qtbot, screen, PAGE)
    assert screen.date_value.text() == "Monday 24 Nov 2025"
    assert not screen.date_note.isVisible()
    assert screen.days_value.text() == "15 working days"
    assert screen.fee_value.text() == "Free"
    assert screen.outlet_name.text() == samples.OUTLETS[1].name_en
    with qtbot.waitSignal(screen.next_clicked):
        screen.next_button.click()


def test_pickup_about_date_with_fee(qtbot, translations):
    translations.set_language("en")
    screen = make(qtbot, PickupScreen)
    screen.show_view(samples.view("stolen", BStep.PICKUP, exact=False, fee_fen=2000))
    shown(qtbot, screen, PAGE)
    assert screen.date_value.text() == "About Friday 22 Jan 2027"
    assert screen.date_note.isVisible() and "2027" in screen.date_note.text()
    assert screen.fee_value.text() == "¥20.00"
    translations.set_language("zh_CN")
    qtbot.waitUntil(
        lambda: screen.date_value.text().replace("\u2060", "").endswith("2027年1月22日 星期五")
    )
    assert screen.fee_value.text() == "20.00 元"


# Review -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("business", "sentence", "tone"),
    [
        ("temporary", "You can undo this at this kiosk with the card and its PIN.", "warn"),
        ("lost", "This cannot be undone. The old card stops working at once", "error"),
        ("stolen", "even if you find it. A new card will be made.", "error"),
        ("cancel", "Your card will work again at once.", "ok"),
        ("damaged", "Your current card keeps working until you collect the new one", "info"),
    ],
)
def test_review_spells_out_the_consequence(qtbot, translations, business, sentence, tone):
    translations.set_language("en")
    screen = make(qtbot, ReviewScreen)
    screen.show_view(samples.view(business, BStep.REVIEW))
    shown(qtbot, screen, PAGE)
    assert screen.warning.isVisible()
    assert sentence in screen.warning.text.text()
    assert screen.warning.__dict__["_style_properties"]["tone"] == tone
    values = [value for _, value, _ in screen.rows()]
    assert any(samples.identified().masked_ssn in v for v in values)


def test_consequences_live_in_one_function(translations):
    translations.set_language("en")
    assert consequence(Business.FINAL).startswith("This cannot be undone.")
    assert consequence(Business.TEMPORARY).startswith("Your card is blocked at once.")
    assert consequence(None) == ""


def test_review_shows_the_agent_masked_and_the_reissue(qtbot, translations, all_texts):
    translations.set_language("en")
    screen = make(qtbot, ReviewScreen)
    screen.show_view(samples.view("lost", BStep.REVIEW, as_agent=True))
    shown(qtbot, screen, PAGE)
    rows = dict((label, value) for label, value, _ in screen.rows())
    assert rows["Agent"] == "李*英 (Spouse)"
    assert rows["Reason"] == "Card lost"
    assert rows["Collect at"] == samples.OUTLETS[1].name_en
    assert rows["Ready from"] == "Monday 24 Nov 2025"
    assert rows["Fee"] == "Free"
    texts = all_texts(screen)
    for value in FULL:
        assert value not in texts
    with qtbot.waitSignal(screen.next_clicked):
        screen.next_button.click()
    screen.show_view(replace(samples.view("lost", BStep.REVIEW), busy=True))
    with qtbot.assertNotEmitted(screen.next_clicked):
        screen.next_button.click()


# Confirm ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("business", "title"),
    [
        ("temporary", "Confirm your temporary loss report"),
        ("lost", "Confirm your loss report and new card"),
        ("cancel", "Confirm cancelling the loss report"),
        ("damaged", "Confirm your new card application"),
    ],
)
def test_confirm_title_by_business(qtbot, translations, business, title):
    translations.set_language("en")
    screen = make(qtbot, ConfirmScreen)
    screen.show_view(samples.confirm_view(business))
    shown(qtbot, screen, PAGE)
    assert screen.title.text() == title
    assert not screen.printer_notice.isVisible()


@pytest.mark.parametrize(
    "status",
    [PrinterStatus(PrinterState.NO_PAPER), PrinterStatus(PrinterState.OFFLINE, "stopped")],
)
def test_confirm_warns_when_the_printer_is_not_ready(qtbot, translations, status):
    translations.set_language("en")
    screen = make(qtbot, ConfirmScreen)
    screen.show_view(replace(samples.confirm_view("lost"), printer=status))
    shown(qtbot, screen, PAGE)
    assert screen.printer_notice.isVisible()
    assert "You can still go ahead" in screen.printer_notice.text.text()
    assert screen.confirm_button.isEnabled()


def test_confirm_emits_once_and_busy_blocks_a_second_tap(qtbot, translations):
    translations.set_language("en")
    screen = make(qtbot, ConfirmScreen)
    view = samples.confirm_view("lost")
    screen.show_view(view)
    shown(qtbot, screen, PAGE)
    assert screen.confirm_button.label == "Confirm"
    with qtbot.waitSignal(screen.confirmed):
        screen.confirm_button.click()
    screen.show_view(replace(view, busy=True))
    assert not screen.confirm_button.isEnabled()
    assert screen.confirm_button.label == "Submitting…"
    with qtbot.assertNotEmitted(screen.confirmed):
        screen.confirm_button.click()
        screen._on_confirm()  # even a tap that got through
    assert screen.confirm_button.height() >= 64


# Receipt ------------------------------------------------------------------------------------------


def test_receipt_shows_number_and_print_states(qtbot, translations):
    translations.set_language("en")
    screen = make(qtbot, ReceiptScreen)
    printing = samples.receipt_view("lost", None)
    screen.show_view(printing)
    shown(qtbot, screen, PAGE)
    receipt = printing.receipt
    assert receipt is not None
    assert screen.number.text().replace(" ", "") == receipt.voucher_number
    assert screen.qr.payload == receipt.qr_payload
    assert screen.print_notice.text.text() == "Printing your voucher…"
    assert screen.title.text() == "Your new card has been applied for"
    assert screen.pickup.isVisible()
    assert "Monday 24 Nov 2025" in screen.pickup_date.text()

    screen.show_view(replace(printing, print_outcome=PrintOutcome.PRINTED))
    assert screen.print_notice.text.text().startswith("Please take your voucher")
    assert not screen.print_failed
    normal_side = screen.qr.width()
    assert screen.qr.module_size() == QR_MODULE

    for outcome in (PrintOutcome.OUT_OF_PAPER, PrintOutcome.PRINTER_OFFLINE, PrintOutcome.FAILED):
        screen.show_view(replace(printing, print_outcome=outcome))
        assert screen.print_failed
        text = screen.print_notice.text.text()
        assert text.startswith("The voucher could not be printed.")
        assert "reprint it at this kiosk (Voucher lookup) or at a counter" in text
        assert "write it down or take a photo" in screen.number_label.text()
        assert screen.qr.width() > normal_side
        assert screen.qr.module_size() == QR_MODULE_FAILED
        assert screen.number_box.__dict__["_style_properties"]["emphasis"] == "true"

    with qtbot.waitSignal(screen.done_clicked):
        screen.done_button.click()


@pytest.mark.parametrize(
    ("business", "title", "pickup"),
    [
        ("temporary", "Your card is now blocked", False),
        ("cancel", "Your card works again", False),
        ("damaged", "Your new card has been applied for", True),
    ],
)
def test_receipt_headline_by_business(qtbot, translations, business, title, pickup):
    translations.set_language("en")
    screen = make(qtbot, ReceiptScreen)
    screen.show_view(samples.receipt_view(business))
    shown(qtbot, screen, PAGE)
    assert screen.title.text() == title
    assert screen.guidance.text()
    assert screen.pickup.isVisible() == pickup


def test_a_replayed_receipt_looks_the_same(qtbot, all_texts):
    screen = make(qtbot, ReceiptScreen)
    view = samples.receipt_view("lost")
    screen.show_view(view)
    shown(qtbot, screen, PAGE)
    first = all_texts(screen)
    assert view.receipt is not None
    screen.show_view(replace(view, receipt=replace(view.receipt, replayed=True)))
    assert all_texts(screen) == first


needs_zbar = pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbarimg not installed")


def decode(widget: QWidget, path) -> str:
    assert widget.grab().save(str(path))
    done = subprocess.run(
        ["zbarimg", "--raw", "-q", str(path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@needs_zbar
@pytest.mark.parametrize("outcome", [PrintOutcome.PRINTED, PrintOutcome.OUT_OF_PAPER])
def test_the_qr_code_on_the_receipt_decodes_to_the_signed_payload(qtbot, tmp_path, outcome):
    screen = make(qtbot, ReceiptScreen)
    view = samples.receipt_view("lost", outcome)
    screen.show_view(view)
    shown(qtbot, screen, PAGE)
    assert view.receipt is not None
    text = decode(screen.qr, tmp_path / "qr.png")
    assert text == view.receipt.qr_payload
    assert samples.SAMPLE_CODES.verify(text).number == view.receipt.voucher_number
    # The whole receipt screen, as a phone would photograph it, decodes too.
    assert decode(screen, tmp_path / "screen.png") == view.receipt.qr_payload


@needs_zbar
def test_the_qr_widget_decodes_other_payloads_and_clears(qtbot, tmp_path):
    qr = QrCode(side=200)
    qtbot.addWidget(qr)
    payload = samples.receipt("temporary").qr_payload
    qr.set_payload(payload)
    assert decode(qr, tmp_path / "a.png") == payload
    assert qr.module_size() == 200 // (len(qr.matrix) + 2 * QUIET_ZONE)
    qr.clear()
    assert qr.payload is None and qr.matrix == ()


def test_qr_matrix_is_square_and_changes_with_the_payload():
    a = qr_matrix("SSK1:A")
    b = qr_matrix("SSK1:B")
    assert len(a) == len(a[0]) and a != b
    assert a[0][:7] == (True,) * 7  # the finder pattern in the corner


# Refused ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("refusal", list(Refusal), ids=lambda r: r.value)
def test_every_refusal_has_plain_words_and_no_code(qtbot, translations, all_texts, refusal):
    translations.set_language("en")
    screen = make(qtbot, RefusedScreen)
    screen.show_view(samples.refused_view(refusal))
    shown(qtbot, screen, PAGE)
    text = screen.text_for(refusal)
    assert text.title and text.what and text.steps
    assert screen.title.text() == text.title
    texts = all_texts(screen)
    assert refusal.value not in texts and refusal.name not in texts
    assert screen.retry_button.isVisible() == (refusal is Refusal.BACKEND_OFFLINE)


def test_refusal_titles_are_all_different(qtbot, translations):
    translations.set_language("en")
    screen = make(qtbot, RefusedScreen)
    titles = {screen.text_for(r).title for r in Refusal}
    assert len(titles) == len(Refusal)
    assert "service counter" in " ".join(screen.text_for(Refusal.ID_LOCKED).steps)
    assert "Voucher / reissue progress" in " ".join(
        screen.text_for(Refusal.REISSUE_UNDER_WAY).steps
    )
    assert "Nothing was recorded" in screen.text_for(Refusal.BACKEND_OFFLINE).what


def test_refused_signals(qtbot):
    screen = make(qtbot, RefusedScreen)
    screen.show_view(samples.refused_view(Refusal.BACKEND_OFFLINE))
    shown(qtbot, screen, PAGE)
    with qtbot.waitSignal(screen.retry_clicked):
        screen.retry_button.click()
    with qtbot.waitSignal(screen.done_clicked):
        screen.done_button.click()
    screen.show_view(samples.refused_view(Refusal.CARD_LOST))
    with qtbot.assertNotEmitted(screen.retry_clicked):
        screen._on_retry()
    screen.show_view(replace(samples.refused_view(Refusal.BACKEND_OFFLINE), busy=True))
    assert not screen.retry_button.isEnabled() and not screen.done_button.isEnabled()


# Wipe, names, touch, size -------------------------------------------------------------------------


@pytest.mark.parametrize("cls", SCREENS, ids=lambda c: c.name)
def test_wipe_leaves_nothing_personal(qtbot, translations, all_texts, cls):
    screen = filled(qtbot, cls)
    screen.wipe()
    assert screen.view is None
    texts = all_texts(screen)
    identified = samples.identified()
    receipt = samples.receipt("lost")
    for value in (
        *FULL,
        identified.masked_name,
        identified.masked_ssn,
        identified.masked_card_number,
        receipt.voucher_number,
        "李*英",
    ):
        assert value not in texts
    if isinstance(screen, ReceiptScreen):
        assert screen.qr.payload is None
    assert not [w for w in screen.findChildren(QLineEdit) if w.text()]


@pytest.mark.parametrize("cls", SCREENS, ids=lambda c: c.name)
def test_every_interactive_widget_has_a_name_and_an_accessible_name(qtbot, translations, cls):
    screen = filled(qtbot, cls)
    found = [w for w in screen.findChildren(QAbstractButton) if w.isVisibleTo(screen)]
    assert found
    for w in found:
        assert w.objectName(), f"{type(w).__name__} in {cls.__name__} has no objectName"
        assert w.accessibleName(), f"{w.objectName()} in {cls.__name__} has no accessibleName"


@pytest.mark.parametrize("large", [False, True])
def test_touch_targets_are_at_least_64_px(qtbot, qapp, large):
    apply_theme(qapp, Theme(large_text=large))
    try:
        for cls in SCREENS:
            screen = filled(qtbot, cls)
            for button in screen.findChildren(QAbstractButton):
                if button.isVisibleTo(screen):
                    name = f"{cls.__name__}.{button.objectName()}"
                    assert button.height() >= 64, f"{name} is {button.height()} px high"
                    assert button.width() >= 64, f"{name} is {button.width()} px wide"
            screen.close()
    finally:
        apply_theme(qapp, Theme())


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_screen_fits_1280_by_800_in_large_text(qtbot, qapp, translations, language):
    translations.set_language(language)
    apply_theme(qapp, Theme(large_text=True))
    try:
        header = make(qtbot, Header)
        header.set_navigation(back=True, home=True)
        room = 800 - header.sizeHint().height()
        views = [(cls, sample_view(cls)) for cls in SCREENS]
        views += [(ReceiptScreen, samples.receipt_view("lost", PrintOutcome.FAILED))]
        views += [(ReviewScreen, samples.view("lost", BStep.REVIEW, as_agent=True))]
        for cls, view in views:
            screen = make(qtbot, cls)
            screen.show_view(view)
            need = screen.minimumSizeHint()
            assert need.height() <= room, f"{cls.name} needs {need.height()} px of {room}"
            assert need.width() <= 1280, f"{cls.name} needs {need.width()} px of 1280"
    finally:
        apply_theme(qapp, Theme())
