"""The way into staff mode: the service entry's code pad (after the hidden long press), the staff
login typed on the on-screen keyboard, the service menu (with Take out of service / Return to
service for technicians and administrators), and "leave kiosk mode?". Texts are translated in
the context "StaffScreen"."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from kiosk.domain.outage import ServiceState
from kiosk.domain.staff import LOGIN_MAX
from kiosk.flows.staff import Notice, SStep, StaffView
from kiosk.ui.screens.staff.base import StaffScreen, until_words
from kiosk.ui.theme import SPACING
from kiosk.ui.widgets.buttons import KioskButton
from kiosk.ui.widgets.entry import EntryField, FieldCheck
from kiosk.ui.widgets.keyboard import Keyboard, SecretField
from kiosk.ui.widgets.parts import Notice as NoticeBox
from kiosk.ui.widgets.parts import make_label, scroll_area
from kiosk.ui.widgets.textpad import DIGITS, TextPad


def notice_text(view: StaffView) -> str:
    """The entry, login and leave screens' one sentence for `view.notice`."""
    notice = view.notice
    if notice is Notice.WRONG_CODE:
        if view.tries_left == 1:
            return QCoreApplication.translate(
                "StaffScreen", "Wrong code. 1 more wrong code closes the service entry for a while."
            )
        return QCoreApplication.translate("StaffScreen", "Wrong code. Please try again.")
    if notice is Notice.ENTRY_SHUT:
        if view.until is None:
            return QCoreApplication.translate(
                "StaffScreen", "The service entry is not available on this kiosk."
            )
        return QCoreApplication.translate(
            "StaffScreen", "Too many wrong codes. The service entry is closed until {until}."
        ).format(until=until_words(view.until))
    if notice is Notice.WRONG_CREDENTIALS:
        return QCoreApplication.translate(
            "StaffScreen", "The staff ID or the password is wrong. Please try again."
        )
    if notice is Notice.ACCOUNT_LOCKED:
        return QCoreApplication.translate(
            "StaffScreen",
            "Too many wrong passwords: this account is locked until {until}. "
            "An administrator can reset it.",
        ).format(until=until_words(view.until))
    if notice is Notice.ACCOUNT_DISABLED:
        return QCoreApplication.translate(
            "StaffScreen", "This account is disabled. Please ask an administrator."
        )
    if notice is Notice.BACKEND_TROUBLE:
        return QCoreApplication.translate(
            "StaffScreen", "The kiosk's database did not answer. Please try again in a moment."
        )
    if notice is Notice.SERVICE_NOT_RECORDED:
        return QCoreApplication.translate(
            "StaffScreen",
            "This could not be recorded in the audit log, so nothing changed. Check the "
            "database (diagnostics), then try again.",
        )
    if notice is Notice.LEAVE_NOT_RECORDED:
        return QCoreApplication.translate(
            "StaffScreen",
            "Leaving kiosk mode could not be recorded in the audit log, so the kiosk stays "
            "in kiosk mode. Check the database (diagnostics), then try again.",
        )
    return ""


class CodeField(EntryField):
    """The service code as dots: digits only, 4 to 12."""

    allowed = "0123456789"
    max_length = 12

    def validate(self, text: str) -> FieldCheck:
        return FieldCheck(len(text) >= 4)

    def hint(self) -> str:
        return ""

    def _render(self) -> None:
        super()._render()
        self.display.text = "•" * len(self.text)  # the code is never on screen
        self.display.update()


class ServiceCodeScreen(StaffScreen):
    """The code pad after the hidden long press: nothing on it says what it is for."""

    name = SStep.CODE.value
    home_allowed = False
    code_entered = Signal(str)
    cancel_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = CodeField("staffCodeField")
        self.pad = TextPad(DIGITS, object_name="staffCodePad")
        self.pad.set_target(self.field)
        self.pad.keys["X"].setVisible(False)
        self.notice = NoticeBox("staffCodeNotice")
        self.notice.setVisible(False)
        self.ok_button = KioskButton("staffCodeOk", kind="primary", icon_name="check")
        self.cancel_button = KioskButton("staffCodeCancel", kind="secondary", icon_name="back")
        # The field, what went wrong and the buttons at the left; the pad at the right.
        column = QVBoxLayout()
        column.setSpacing(SPACING.m)
        column.addWidget(self.field)
        column.addWidget(self.notice)
        column.addStretch(1)
        buttons = QHBoxLayout()
        buttons.setSpacing(SPACING.m)
        buttons.addWidget(self.cancel_button, 1)
        buttons.addWidget(self.ok_button, 1)
        column.addLayout(buttons)
        row = QHBoxLayout()
        row.setSpacing(SPACING.xl)
        row.addLayout(column, 3)
        row.addWidget(self.pad, 2, Qt.AlignmentFlag.AlignTop)
        self.body.addLayout(row)
        self.body.addStretch(1)
        self.field.changed.connect(self._refresh)
        self.ok_button.clicked.connect(self._ok)
        self.cancel_button.clicked.connect(self.cancel_clicked)
        self.field.submitted.connect(self._ok)
        self._busy = False
        self.retranslate()
        self._refresh()

    def _ok(self) -> None:
        if self.field.is_valid and not self._busy:
            code = self.field.text
            self.field.clear()
            self.code_entered.emit(code)

    def _refresh(self) -> None:
        self.ok_button.setEnabled(self.field.is_valid and not self._busy)

    def show_view(self, view: StaffView) -> None:
        self._busy = view.busy
        shut = view.notice is Notice.ENTRY_SHUT
        self.pad.setEnabled(not view.busy and not shut)
        self.field.setEnabled(not shut)
        text = notice_text(view)
        self.notice.set_tone("error" if shut else "warn")
        self.notice.set_text(text)
        self.notice.setVisible(bool(text))
        self.field.set_active(True)
        self._refresh()

    def retranslate(self) -> None:
        self.title.setText(QCoreApplication.translate("StaffScreen", "Service"))
        self.lead.setText(QCoreApplication.translate("StaffScreen", "Enter the service code."))
        self.field.set_caption(QCoreApplication.translate("StaffScreen", "Code"))
        self.ok_button.set_text(QCoreApplication.translate("StaffScreen", "OK"))
        self.cancel_button.set_text(QCoreApplication.translate("StaffScreen", "Cancel"))

    def wipe(self) -> None:
        super().wipe()
        self.field.clear()
        self.notice.setVisible(False)


class LoginField(EntryField):
    """A staff ID: lower-case letters, digits, dot, dash and underscore."""

    allowed = "abcdefghijklmnopqrstuvwxyz0123456789._-"
    fold = staticmethod(str.lower)
    max_length = LOGIN_MAX

    def validate(self, text: str) -> FieldCheck:
        return FieldCheck(bool(text) and text[0].isalpha())

    def hint(self) -> str:
        return ""


class StaffLoginScreen(StaffScreen):
    """Staff ID and password on the on-screen keyboard. The password is dots on screen and a
    bytearray in memory, handed to the login and wiped there."""

    name = SStep.LOGIN.value
    home_allowed = False
    login_entered = Signal(str, object)  # the staff ID, the password (a bytearray)
    cancel_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lead.setVisible(False)  # the title says it all; the keyboard needs the room
        self.login_field = LoginField("staffLoginUser")
        self.login_field.message.setVisible(False)  # nothing to explain: any ID may be tried
        self.password_caption = make_label("fieldLabel", object_name="staffLoginPasswordCaption")
        self.password_field = SecretField("staffLoginPassword")
        self.keyboard = Keyboard(object_name="staffKeyboard")
        self.notice = NoticeBox("staffLoginNotice")
        self.login_button = KioskButton("staffLoginButton", kind="primary", icon_name="lock")
        self.cancel_button = KioskButton("staffLoginCancel", kind="secondary", icon_name="back")

        # The two fields and the buttons in one row, what went wrong under them, then the
        # keyboard: all of it fits 1280x800 in large text, with no scrolling.
        password = QVBoxLayout()
        password.setSpacing(SPACING.xs + 2)
        password.addWidget(self.password_caption)
        password.addWidget(self.password_field)
        password.addStretch(1)
        fields = QHBoxLayout()
        fields.setSpacing(SPACING.l)
        fields.addWidget(self.login_field, 1, Qt.AlignmentFlag.AlignTop)
        fields.addLayout(password, 1)
        fields.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignBottom)
        fields.addWidget(self.login_button, 0, Qt.AlignmentFlag.AlignBottom)
        # What went wrong takes the title's place: nothing below it moves.
        self.heading = QStackedWidget()
        self.title.setParent(None)
        self.heading.addWidget(self.title)
        self.heading.addWidget(self.notice)
        self.body.addWidget(self.heading)
        self.body.addLayout(fields)
        self.body.addWidget(self.keyboard)
        self.body.addStretch(1)

        self.login_field.activated.connect(lambda: self._type_into(self.login_field))
        self.password_field.activated.connect(lambda: self._type_into(self.password_field))
        self.login_field.changed.connect(self._refresh)
        self.password_field.changed.connect(self._refresh)
        self.keyboard.enter.connect(self._enter)
        self.login_button.clicked.connect(self._submit)
        self.cancel_button.clicked.connect(self.cancel_clicked)
        self._busy = False
        self._type_into(self.login_field)
        self.retranslate()

    def _type_into(self, target: EntryField | SecretField) -> None:
        self.login_field.set_active(target is self.login_field)
        self.password_field.set_active(target is self.password_field)
        self.keyboard.set_target(target)

    def _enter(self) -> None:
        """Enter: from the staff ID on to the password, from the password the login."""
        if self.keyboard.target is self.login_field:
            self._type_into(self.password_field)
        else:
            self._submit()

    def _submit(self) -> None:
        if self._busy or not self.login_field.is_valid or not self.password_field.has_text:
            return
        self.login_entered.emit(self.login_field.text, self.password_field.take())

    def _refresh(self) -> None:
        self.login_button.setEnabled(
            not self._busy and self.login_field.is_valid and self.password_field.has_text
        )

    def show_view(self, view: StaffView) -> None:
        self._busy = view.busy
        self.keyboard.setEnabled(not view.busy)
        text = notice_text(view)
        self.notice.set_tone("error" if view.notice is Notice.ACCOUNT_LOCKED else "warn")
        self.notice.set_text(text)
        self.heading.setCurrentWidget(self.notice if text else self.title)
        if view.notice is not None and not view.busy:
            self._type_into(self.password_field)  # the ID is usually right: retype the password
        self._refresh()

    def retranslate(self) -> None:
        self.title.setText(
            QCoreApplication.translate("StaffScreen", "Staff login: your staff ID and password")
        )
        self.login_field.set_caption(QCoreApplication.translate("StaffScreen", "Staff ID"))
        self.password_caption.setText(QCoreApplication.translate("StaffScreen", "Password"))
        self.login_button.set_text(QCoreApplication.translate("StaffScreen", "Log in"))
        self.cancel_button.set_text(QCoreApplication.translate("StaffScreen", "Cancel"))

    def wipe(self) -> None:
        super().wipe()
        self.login_field.clear()
        self.password_field.clear()
        self.heading.setCurrentWidget(self.title)
        self.keyboard.reset()
        self._type_into(self.login_field)


# The menu's entries: area key -> (icon, title, one line), in the words of the staff screens.
MENU_ITEMS: dict[str, tuple[str, str, str]] = {}


def menu_item(key: str, icon: str, title: str, line: str) -> None:
    """Give the area `key` its menu button. Pass `title` and `line` through
    QT_TRANSLATE_NOOP("StaffScreen", ...) so lupdate finds them; they are translated when
    shown."""
    MENU_ITEMS[key] = (icon, title, line)


def service_words(state: ServiceState, changed: bool) -> tuple[str, str]:
    """The menu's line on the kiosk's service state, and its tone; empty while in service
    (unless this session just returned it)."""
    if state.in_service:
        if not changed:
            return "", "info"
        return QCoreApplication.translate(
            "StaffScreen", "The kiosk is back in service: citizens can use it once you log out."
        ), "ok"
    since = until_words(state.since)
    return QCoreApplication.translate(
        "StaffScreen",
        "Out of service for maintenance since {since} ({by}): citizens see the "
        "out-of-service screen.",
    ).format(since=since, by=state.by or "?"), "warn"


class StaffMenuScreen(StaffScreen):
    """The service menu: one large button per area the session may open, and for those who may,
    Take out of service (or Return to service) and "Leave kiosk mode"."""

    name = SStep.MENU.value
    home_allowed = False
    area_chosen = Signal(str)
    leave_clicked = Signal()
    service_clicked = Signal(bool)  # in service: True (Return to service), False (take out)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # In a scroll area: with every area, an administrator's menu outgrows 800 px in large
        # text.
        tiles = QWidget()
        self.grid = QGridLayout(tiles)
        self.grid.setContentsMargins(0, 0, SPACING.s, 0)
        self.grid.setSpacing(SPACING.m)
        # The tiles at the top, one row under the other: the room left over stays below them.
        self.grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.buttons: dict[str, KioskButton] = {}
        self.leave_button = KioskButton("staffMenuLeave", kind="secondary", icon_name="exit")
        self.leave_button.clicked.connect(self.leave_clicked)
        self.service_button = KioskButton("staffMenuService", kind="secondary", icon_name="counter")
        self.service_button.clicked.connect(lambda: self.service_clicked.emit(self._out_of_service))
        self.service_notice = NoticeBox("staffMenuServiceNotice")
        self.service_notice.setVisible(False)
        self.notice = NoticeBox("staffMenuNotice")
        self.notice.setVisible(False)
        self.empty = make_label("lead", object_name="staffMenuEmpty")
        self.scroll = scroll_area(tiles, "staffMenuScroll")
        bottom = QHBoxLayout()
        bottom.setSpacing(SPACING.m)
        bottom.addWidget(self.service_button, 0)
        bottom.addWidget(self.leave_button, 0)
        bottom.addStretch(1)
        self.body.addWidget(self.scroll, 1)
        self.body.addWidget(self.empty)
        self.body.addWidget(self.service_notice)
        self.body.addWidget(self.notice)
        self.body.addLayout(bottom)
        self._areas: tuple[str, ...] = ()
        self._view = StaffView(SStep.MENU)
        self.retranslate()

    @property
    def _out_of_service(self) -> bool:
        service = self._view.service
        return service is not None and not service.in_service

    def show_view(self, view: StaffView) -> None:
        self._view = view
        if view.areas != self._areas:
            self._build(view.areas)
        self.leave_button.setVisible(view.may_leave)
        self.leave_button.setEnabled(not view.busy)
        self.service_button.setVisible(view.may_maintain)
        self.service_button.setEnabled(not view.busy and view.service is not None)
        self.empty.setVisible(not view.areas)
        self.show_session(view.session)
        self._fill()

    def _fill(self) -> None:
        view = self._view
        if self._out_of_service:
            self.service_button.set_text(
                QCoreApplication.translate("StaffScreen", "Return to service")
            )
            self.service_button.set_icon_name("check-circle")
        else:
            self.service_button.set_text(
                QCoreApplication.translate("StaffScreen", "Out of service (maintenance)")
            )
            self.service_button.set_icon_name("counter")
        text, tone = "", "info"
        if view.service is not None and view.may_maintain:
            text, tone = service_words(view.service, view.service_changed)
        self.service_notice.set_tone(tone)
        self.service_notice.set_text(text)
        self.service_notice.setVisible(bool(text))
        problem = notice_text(view) if view.notice is not None else ""
        self.notice.set_tone("error")
        self.notice.set_text(problem)
        self.notice.setVisible(bool(problem))

    def _build(self, areas: tuple[str, ...]) -> None:
        for button in self.buttons.values():
            self.grid.removeWidget(button)
            button.deleteLater()
        self.buttons = {}
        shown = [key for key in areas if key in MENU_ITEMS]
        for i, key in enumerate(shown):
            icon, _, _ = MENU_ITEMS[key]
            button = KioskButton(f"staffMenu_{key}", kind="secondary", icon_name=icon)
            button.setMinimumHeight(SPACING.touch * 2)
            button.clicked.connect(lambda _=False, k=key: self.area_chosen.emit(k))
            self.buttons[key] = button
            self.grid.addWidget(button, i // 2, i % 2)
        self._areas = areas
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(QCoreApplication.translate("StaffScreen", "Service menu"))
        self.lead.setText(
            QCoreApplication.translate(
                "StaffScreen", "Choose what to do. You are logged out after 2 minutes idle."
            )
        )
        for key, button in self.buttons.items():
            _, title, line = MENU_ITEMS[key]
            title_text = QCoreApplication.translate("StaffScreen", title)
            line_text = QCoreApplication.translate("StaffScreen", line)
            button.set_text(f"{title_text}\n{line_text}", title_text)
        self.leave_button.set_text(
            QCoreApplication.translate("StaffScreen", "Leave kiosk mode (quit)")
        )
        self._fill()
        self.empty.setText(
            QCoreApplication.translate(
                "StaffScreen",
                "Your role has nothing here yet. Diagnostics come with the technician's screens.",
            )
        )

    def wipe(self) -> None:
        super().wipe()
        self._view = StaffView(SStep.MENU)
        self._build(())


class LeaveKioskScreen(StaffScreen):
    """ "Leave kiosk mode?": the kiosk stops serving citizens until it is started again."""

    name = SStep.LEAVE.value
    confirm_clicked = Signal()
    cancel_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.explanation = make_label("lead", object_name="staffLeaveExplanation")
        self.notice = NoticeBox("staffLeaveNotice")
        self.notice.setVisible(False)
        self.confirm_button = KioskButton("staffLeaveConfirm", kind="primary", icon_name="exit")
        self.cancel_button = KioskButton("staffLeaveCancel", kind="secondary", icon_name="back")
        buttons = QHBoxLayout()
        buttons.setSpacing(SPACING.m)
        buttons.addWidget(self.cancel_button, 1)
        buttons.addWidget(self.confirm_button, 1)
        self.body.addWidget(self.explanation)
        self.body.addWidget(self.notice)
        self.body.addLayout(buttons)
        self.body.addStretch(1)
        self.confirm_button.clicked.connect(self.confirm_clicked)
        self.cancel_button.clicked.connect(self.cancel_clicked)
        self.retranslate()

    def show_view(self, view: StaffView) -> None:
        self.show_session(view.session)
        self.confirm_button.setEnabled(not view.busy)
        text = notice_text(view)
        self.notice.set_tone("error")
        self.notice.set_text(text)
        self.notice.setVisible(bool(text))

    def retranslate(self) -> None:
        self.title.setText(QCoreApplication.translate("StaffScreen", "Leave kiosk mode?"))
        self.lead.setText(QCoreApplication.translate("StaffScreen", "For maintenance only."))
        self.explanation.setText(
            QCoreApplication.translate(
                "StaffScreen",
                "The kiosk program ends and citizens cannot use this kiosk until it is "
                "started again (systemctl start sscard-kiosk, or a restart). "
                "This is recorded in the audit log with your name.",
            )
        )
        self.confirm_button.set_text(QCoreApplication.translate("StaffScreen", "Leave kiosk mode"))
        self.cancel_button.set_text(QCoreApplication.translate("StaffScreen", "Cancel"))

    def wipe(self) -> None:
        super().wipe()
        self.notice.setVisible(False)
