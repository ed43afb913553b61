"""The staff area "bundle" (kiosk.flows.staff_bundle): where to write the diagnostics bundle
(the same choice of USB stick or export folder as the day's CSV export: PlacePicker), then the
file written, its size and where it went, and whether the audit log has it (`staff-bundle`).
Texts in the context "StaffScreen"."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QWidget

from kiosk.flows.staff_bundle import BundleArea, BundleNotice, BundlePage, BundleView
from kiosk.services.export_places import ExportPlace, ExportProblem, PlaceKind
from kiosk.services.staff_diagnostics import BundleRun
from kiosk.ui.screens.staff.base import Send, StaffScreen
from kiosk.ui.screens.staff.entry import menu_item
from kiosk.ui.screens.staff.places import PlacePicker, problem_text, size_words
from kiosk.ui.widgets.parts import Notice as NoticeBox

menu_item(
    "bundle",
    "briefcase",
    QT_TRANSLATE_NOOP("StaffScreen", "Diagnostics bundle"),
    QT_TRANSLATE_NOOP("StaffScreen", "One file for a support ticket"),
)


def notice_text(notice: BundleNotice) -> str:
    texts = {
        BundleNotice.UNAVAILABLE: lambda: QCoreApplication.translate(
            "StaffScreen", "The diagnostics bundle is not available on this kiosk."
        ),
        BundleNotice.GONE: lambda: problem_text(ExportProblem.GONE),
        BundleNotice.READ_ONLY: lambda: problem_text(ExportProblem.READ_ONLY),
        BundleNotice.FULL: lambda: problem_text(ExportProblem.FULL),
        BundleNotice.FAILED: lambda: QCoreApplication.translate(
            "StaffScreen",
            "The bundle could not be made there. Try another place, or run "
            "kiosk diag bundle from a terminal.",
        ),
    }
    return texts[notice]()


def written_words(run: BundleRun, place: ExportPlace | None) -> str:
    """The file written, its size and where: on a stick, by its label (and it may go)."""
    file, size = run.file.path.name, size_words(run.file.size)
    if place is not None and place.kind is PlaceKind.DRIVE:
        text = QCoreApplication.translate(
            "StaffScreen",
            "Written: {file} ({size}) on the USB stick {label}. You can pull it out now.",
        ).format(file=file, size=size, label=place.label)
    else:
        text = QCoreApplication.translate(
            "StaffScreen", "Written: {file} ({size}) in the kiosk's export folder {folder}."
        ).format(file=file, size=size, folder=str(run.file.path.parent))
    if run.audit_problem is None:
        text += " " + QCoreApplication.translate("StaffScreen", "Recorded in the audit log.")
    else:
        text += " " + QCoreApplication.translate("StaffScreen", "Not recorded in the audit log.")
    return text


class BundleScreen(StaffScreen):
    """Choose a place; the bundle is made and written there (a few seconds)."""

    name = BundlePage.BUNDLE.value
    place_chosen = Signal(int)
    look_again_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picker = PlacePicker("staffBundle")
        self.notice = NoticeBox("staffBundleNotice")
        self.notice.setVisible(False)
        self.body.addWidget(self.picker, 1)
        self.body.addWidget(self.notice)
        self.body.addWidget(self.picker.look_again, 0, Qt.AlignmentFlag.AlignLeft)
        self.picker.place_chosen.connect(self.place_chosen)
        self.picker.look_again_clicked.connect(self.look_again_clicked)
        self._view = BundleView()
        self.retranslate()

    def show_view(self, view: BundleView) -> None:
        self._view = view
        self._fill()

    def _fill(self) -> None:
        view = self._view
        self.picker.show_places(view.places, busy=view.busy)
        if view.making:
            self.notice.set_tone("info", "clock")
            self.notice.set_text(
                QCoreApplication.translate(
                    "StaffScreen", "Making the bundle (with a self-test). It takes a few seconds."
                )
            )
        elif view.written is not None:
            self.notice.set_tone("ok" if view.written.audit_problem is None else "warn")
            self.notice.set_text(written_words(view.written, view.chosen))
        elif view.notice is not None:
            self.notice.set_tone("error")
            self.notice.set_text(notice_text(view.notice))
        self.notice.setVisible(view.making or view.written is not None or view.notice is not None)

    def retranslate(self) -> None:
        self.title.setText(QCoreApplication.translate("StaffScreen", "Diagnostics bundle"))
        self.lead.setText(
            QCoreApplication.translate(
                "StaffScreen",
                "One file for a support ticket, with no personal data. Choose where to write it.",
            )
        )
        self.picker.retranslate()
        self._fill()

    def wipe(self) -> None:
        super().wipe()
        self._view = BundleView()
        self.picker.wipe()
        self._fill()


def make() -> list[StaffScreen]:
    return [BundleScreen()]


def connect(screens: dict[str, StaffScreen], send: Send) -> None:
    screen = screens[BundlePage.BUNDLE.value]
    assert isinstance(screen, BundleScreen)
    screen.place_chosen.connect(lambda i: send(BundleArea, lambda a: a.make_at(i)))
    screen.look_again_clicked.connect(lambda: send(BundleArea, lambda a: a.look_again()))
