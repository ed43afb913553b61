"""The staff area "bundle" on screen: the places as the export's, then in the demo kiosk the
administrator makes the bundle into the export folder after a card test on the bench, sees its
name, size and place, and finds it 0600 with the card test masked inside and in the audit log
as the administrator (staff); a folder gone is said plainly; a wipe forgets it all."""

from __future__ import annotations

import json
import stat
import tarfile
from pathlib import Path

from PySide6.QtCore import Qt
from ui_helpers import idle, make, shown

from kiosk.domain.journal import ActorKind, Outcome
from kiosk.domain.masking import mask_id_number
from kiosk.flows.staff_bundle import BundleNotice, BundleView
from kiosk.services.bundle import BundleFile
from kiosk.services.export_places import ExportPlace, PlaceKind
from kiosk.services.staff_diagnostics import BundleRun
from kiosk.services.technician_audit import Actor
from kiosk.store.audit import AuditRepository
from kiosk.store.db import read_session
from kiosk.ui.screens.staff.bundle import BundleScreen

STICK = ExportPlace(PlaceKind.DRIVE, Path("/media/k/STICK"), "STICK", 3_200_000_000, False)
FOLDER = ExportPlace(
    PlaceKind.FOLDER, Path("/var/lib/k/exports"), "/var/lib/k/exports", None, False
)
NORMAL_SSN = "110105198506120173"  # the demo's "normal" card (assets/cards/normal.json)


def test_the_places_the_result_and_a_wipe(qtbot, translations) -> None:
    translations.set_language("en")
    screen = make(qtbot, BundleScreen)
    shown(qtbot, screen)
    screen.show_view(BundleView(places=(STICK, FOLDER)))
    buttons = screen.picker.buttons
    assert [b.objectName() for b in buttons] == ["staffBundlePlace0", "staffBundlePlace1"]
    assert buttons[0].label == "USB stick STICK\n/media/k/STICK · 3.2 GB free"
    assert not screen.picker.no_drive.isVisibleTo(screen)
    screen.show_view(BundleView(busy=True, making=True, places=(STICK, FOLDER), chosen=STICK))
    assert not buttons[0].isEnabled() and "Making the bundle" in screen.notice.text.text()
    run = BundleRun(BundleFile(STICK.path / "diag-DEMO01-x.tar.gz", 5321, ("a",)))
    screen.show_view(BundleView(places=(STICK, FOLDER), chosen=STICK, written=run))
    assert screen.notice.text.text() == (
        "Written: diag-DEMO01-x.tar.gz (5.3 KB) on the USB stick STICK. You can pull it out "
        "now. Recorded in the audit log."
    )
    unrecorded = BundleRun(run.file, audit_problem="the database is down")
    screen.show_view(BundleView(places=(FOLDER,), chosen=FOLDER, written=unrecorded))
    assert "in the kiosk's export folder /media/k/STICK" in screen.notice.text.text()
    assert screen.notice.text.text().endswith("Not recorded in the audit log.")
    assert screen.picker.no_drive.isVisibleTo(screen)
    screen.show_view(BundleView(places=(STICK,), notice=BundleNotice.GONE))
    assert "pulled out" in screen.notice.text.text()
    screen.wipe()
    assert screen.picker.buttons == [] and not screen.notice.isVisibleTo(screen)


def _at(qtbot, kiosk, page: str) -> None:  # type: ignore[no-untyped-def]
    def here() -> bool:
        area = kiosk.staff.flow.area
        busy = kiosk.staff.flow.view.busy or (area is not None and area.view.busy)
        return kiosk.staff.flow.page == page and idle(kiosk) and not busy

    qtbot.waitUntil(here, timeout=60_000)
    assert kiosk.window.current is kiosk.window.staff_screens[page]


def test_the_administrator_makes_a_bundle_with_the_card_test_audited(qtbot, make_kiosk) -> None:
    kiosk = make_kiosk(language="en")
    try:
        w = kiosk.window
        services = kiosk.staff.runner.services
        w.attract.service_corner.long_pressed.emit()
        w.staff_code.code_entered.emit("2580")
        _at(qtbot, kiosk, "staff-login")
        w.staff_login.login_entered.emit("admin", bytearray(b"admin-demo"))
        _at(qtbot, kiosk, "staff-menu")
        kiosk.backend.insert("normal")  # a card test on this kiosk's bench: in the bundle, masked
        qtbot.waitUntil(lambda: any(r.atr for r in kiosk.backend.readers()), timeout=10_000)
        services.card.test(Actor("admin", ActorKind.STAFF))
        kiosk.backend.remove()

        qtbot.mouseClick(w.staff_menu.buttons["bundle"], Qt.MouseButton.LeftButton)
        _at(qtbot, kiosk, "staff-bundle")
        screen: BundleScreen = w.staff_screens["staff-bundle"]  # type: ignore[assignment]
        folder = kiosk.settings.resolved_export_dir
        [index] = [i for i, b in enumerate(screen.picker.buttons) if str(folder) in b.label]
        qtbot.mouseClick(screen.picker.buttons[index], Qt.MouseButton.LeftButton)
        _at(qtbot, kiosk, "staff-bundle")
        [written] = folder.glob("diag-*.tar.gz")
        text = screen.notice.text.text()
        assert text.startswith(f"Written: {written.name} (") and str(folder) in text
        assert text.endswith("Recorded in the audit log.")
        assert stat.S_IMODE(written.stat().st_mode) == 0o600
        with tarfile.open(written) as tar:
            names = {Path(m.name).name: m for m in tar.getmembers()}
            assert {"selftest.json", "card_test.json", "devices.json"} <= set(names)
            card_test = tar.extractfile(names["card_test.json"])
            assert card_test is not None
            document = card_test.read().decode("utf-8")
        assert NORMAL_SSN not in document
        assert json.loads(document)["holder"]["ssn"] == mask_id_number(NORMAL_SSN)
        with read_session(kiosk.engine) as session:
            entries = AuditRepository(session).entries(chain=kiosk.settings.kiosk_id)
        [entry] = [e for e in entries if e.action == "diag.bundle_exported"]
        assert (entry.actor_kind, entry.actor, entry.outcome) == (
            ActorKind.STAFF,
            "admin",
            Outcome.OK,
        )
        assert entry.detail["file"] == written.name and entry.detail["bytes"] > 0

        folder.rename(folder.with_name("gone"))  # the place vanishes before the next one
        qtbot.mouseClick(screen.picker.buttons[index], Qt.MouseButton.LeftButton)
        _at(qtbot, kiosk, "staff-bundle")
        assert kiosk.staff.flow.area.view.notice is BundleNotice.GONE
        assert "Nothing was written" in screen.notice.text.text()
    finally:
        kiosk.close()
