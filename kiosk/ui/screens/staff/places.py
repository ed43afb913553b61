"""The choice of where to write a file, shared by the staff screens that write one (the day's
CSV export, the diagnostics bundle): one large button per USB stick mounted now and the kiosk's
export folder (kiosk.services.export_places), "no USB stick found" when there is none, and
Look again after plugging one in. The screen around it says what is written and how it went.
Texts in the context "StaffScreen"."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.services.export_places import ExportPlace, ExportProblem, PlaceKind
from kiosk.ui.theme import SPACING
from kiosk.ui.widgets.buttons import KioskButton
from kiosk.ui.widgets.parts import clear_layout, make_label, scroll_area


class PlacePicker(QWidget):
    """The places as buttons, in a scroll area that takes the room left. `prefix` names its
    widgets (`<prefix>Place0`, `<prefix>NoDrive`, `<prefix>LookAgain`...)."""

    place_chosen = Signal(int)  # the index of the place in the list shown
    look_again_clicked = Signal()

    def __init__(self, prefix: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{prefix}Places")
        self.prefix = prefix
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING.m)
        content = QWidget()
        self.places = QVBoxLayout(content)
        self.places.setContentsMargins(0, 0, SPACING.s, 0)
        self.places.setSpacing(SPACING.m)
        self.buttons: list[KioskButton] = []
        self.no_drive = make_label("lead", object_name=f"{prefix}NoDrive")
        self.scroll = scroll_area(content, f"{prefix}Scroll")
        self.look_again = KioskButton(f"{prefix}LookAgain", kind="secondary", icon_name="search")
        layout.addWidget(self.no_drive)
        layout.addWidget(self.scroll, 1)
        self.look_again.clicked.connect(self.look_again_clicked)
        self._shown: tuple[ExportPlace, ...] | None = None
        self._busy = False
        self.retranslate()

    def show_places(self, places: tuple[ExportPlace, ...], *, busy: bool) -> None:
        """The buttons for `places` (made again only when the list changed); none can be
        tapped while `busy`."""
        self._busy = busy
        if places != self._shown:
            clear_layout(self.places)
            self.buttons = []
            for i, place in enumerate(places):
                button = KioskButton(
                    f"{self.prefix}Place{i}",
                    kind="secondary",
                    icon_name="usb" if place.kind is PlaceKind.DRIVE else "folder",
                )
                button.setMinimumHeight(SPACING.touch * 2)
                button.clicked.connect(lambda _=False, i=i: self.place_chosen.emit(i))
                self.places.addWidget(button)
                self.buttons.append(button)
            self.places.addStretch(1)
            self._shown = places
        for button, place in zip(self.buttons, places, strict=True):
            title, line = place_words(place)
            button.set_text(f"{title}\n{line}", f"{title} {line}")
            button.setEnabled(not busy)
        self.look_again.setEnabled(not busy)
        drives = any(p.kind is PlaceKind.DRIVE for p in places)
        self.no_drive.setVisible(not busy and not drives)

    def retranslate(self) -> None:
        self.no_drive.setText(
            QCoreApplication.translate(
                "StaffScreen", "No USB stick found. Plug one in, then tap Look again."
            )
        )
        self.look_again.set_text(QCoreApplication.translate("StaffScreen", "Look again"))
        if self._shown is not None:
            self.show_places(self._shown, busy=self._busy)

    def wipe(self) -> None:
        self._shown = None
        self.show_places((), busy=False)


def problem_text(problem: ExportProblem) -> str:
    """Why nothing could be written to the chosen place, for every screen that writes there
    (the CSV export, the diagnostics bundle). WRITE_FAILED has no sentence here: what failed
    differs by screen, and each says it its own way."""
    texts = {
        ExportProblem.GONE: lambda: QCoreApplication.translate(
            "StaffScreen",
            "That place is not there any more (was the USB stick pulled out?). Nothing was "
            "written. Plug it in again, then tap Look again.",
        ),
        ExportProblem.READ_ONLY: lambda: QCoreApplication.translate(
            "StaffScreen",
            "That place cannot be written to (the USB stick may be locked or read only). "
            "Nothing was written.",
        ),
        ExportProblem.FULL: lambda: QCoreApplication.translate(
            "StaffScreen",
            "That place is full. Nothing was written. Free some room or use another USB stick.",
        ),
    }
    return texts[problem]()


def place_words(place: ExportPlace) -> tuple[str, str]:
    """A place's button: what it is, then its room (or that it is read only)."""
    if place.kind is PlaceKind.DRIVE:
        title = QCoreApplication.translate("StaffScreen", "USB stick {label}").format(
            label=place.label
        )
    else:
        title = QCoreApplication.translate("StaffScreen", "The kiosk's export folder")
    if place.read_only:
        room = QCoreApplication.translate("StaffScreen", "read only")
    elif place.free_bytes is None:
        room = ""
    else:
        room = QCoreApplication.translate("StaffScreen", "{size} free").format(
            size=size_words(place.free_bytes)
        )
    where = str(place.path)
    return title, f"{where} · {room}" if room else where


def size_words(size: int) -> str:
    """1.5 GB, 820 MB, 12 KB: free room, roughly."""
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if size >= scale:
            value = size / scale
            return f"{value:.1f} {unit}" if value < 10 else f"{value:.0f} {unit}"
    return f"{size} B"
