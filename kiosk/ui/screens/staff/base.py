"""What every staff screen shares: a bar naming who is logged in (name and role) with a Log out
button, the page's title and one line of guidance, and a body the screen fills. Texts here
are translated in the context "StaffScreen".

A staff screen is a view: `show_view(view)` renders the flow's view (StaffView for the entry,
login and menu; an area's own view for its pages), its signals are connected by the staff
controller, and `wipe()` forgets everything when the staff session ends, as citizen screens
do at the end of theirs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.domain.journal import AccountRole
from kiosk.domain.staff import StaffSession
from kiosk.ui.i18n import format_moment
from kiosk.ui.screens.base import Screen
from kiosk.ui.theme import SPACING
from kiosk.ui.widgets.buttons import KioskButton
from kiosk.ui.widgets.parts import make_label

# An area's input, as its screens' `connect` gets it: send(flow type, fn) runs fn on the open
# area (or its open sub-flow) if it is that type, and carries out the commands fn returns.
Send = Callable[[type, Callable[[Any], list[Any]]], None]


def role_words(role: AccountRole) -> str:
    names = {
        AccountRole.CLERK: QCoreApplication.translate("StaffScreen", "Counter clerk"),
        AccountRole.TECHNICIAN: QCoreApplication.translate("StaffScreen", "Technician"),
        AccountRole.ADMINISTRATOR: QCoreApplication.translate("StaffScreen", "Administrator"),
    }
    return names[role]


def until_words(until: dt.datetime | None) -> str:
    """The moment a lock or a shut entry ends, in the kiosk's time."""
    return format_moment(until) if until is not None else ""


class StaffBar(QFrame):
    """Who is logged in, and Log out. Hidden before a login."""

    logout_clicked = Signal()

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setProperty("role", "staffBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(SPACING.l, SPACING.xs, SPACING.xs, SPACING.xs)
        layout.setSpacing(SPACING.m)
        self.who = make_label("body", object_name=f"{object_name}Who", wrap=False)
        self.logout_button = KioskButton(
            f"{object_name}Logout", kind="secondary", icon_name="logout"
        )
        layout.addWidget(self.who, 1, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.logout_button, 0)
        self.logout_button.clicked.connect(self.logout_clicked)
        self._session: StaffSession | None = None
        self.setVisible(False)
        self.retranslate()

    def show_session(self, session: StaffSession | None) -> None:
        self._session = session
        self.setVisible(session is not None)
        self.retranslate()

    def retranslate(self) -> None:
        session = self._session
        if session is not None:
            self.who.setText(
                QCoreApplication.translate("StaffScreen", "Staff mode · {name} ({role})").format(
                    name=session.display_name or session.login, role=role_words(session.role)
                )
            )
        else:
            self.who.clear()
        self.logout_button.set_text(QCoreApplication.translate("StaffScreen", "Log out"))


class StaffScreen(Screen):
    """A staff page: the bar, a title and a lead, then `self.body` for the screen's content."""

    logout_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(SPACING.xl, SPACING.m, SPACING.xl, SPACING.l)
        outer.setSpacing(SPACING.m)
        stem = self.objectName().removesuffix("Screen")
        self.bar = StaffBar(f"{stem}Bar", self)
        self.bar.logout_clicked.connect(self.logout_clicked)
        self.title = make_label("title", object_name=f"{stem}Title")
        self.lead = make_label("lead", object_name=f"{stem}Lead")
        outer.addWidget(self.bar)
        outer.addWidget(self.title)
        outer.addWidget(self.lead)
        self.body = QVBoxLayout()
        self.body.setSpacing(SPACING.m)
        outer.addLayout(self.body, 1)

    def show_session(self, session: StaffSession | None) -> None:
        self.bar.show_session(session)

    def show_view(self, view: Any) -> None:
        """Render the flow's (or the area's) view; every staff screen overrides it."""
        raise NotImplementedError

    def wipe(self) -> None:
        super().wipe()
        self.bar.show_session(None)
