"""The staff area "card" (kiosk.flows.staff_card): the card test's results (`staff-card`: the
ATR decoded, the masked card fields, each APDU with its status word and time) and the APDU
console (`staff-apdu`: a hex pad, Send, the answer masked, and "Send anyway" for a command that
may change the card). Texts in the context "StaffScreen"; status word meanings, ATR words,
the reasons a command may change the card and the trace's command names are the card layer's
kiosk.domain.texts Texts, shown in the language of the screen (context "DiagText"); ISO
instruction names (SELECT, READ RECORD) and hex stay as the card layer writes them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.flows.staff_card import CardArea, CardPage, CardView
from kiosk.services.card_bench import BenchProblem, typed_shown
from kiosk.ui.i18n import translated
from kiosk.ui.screens.staff.base import Send, StaffScreen
from kiosk.ui.screens.staff.entry import menu_item
from kiosk.ui.theme import SPACING
from kiosk.ui.widgets.buttons import KioskButton
from kiosk.ui.widgets.parts import Card, clear_layout, make_label, scroll_area
from kiosk.ui.widgets.parts import Notice as NoticeBox

menu_item(
    "card",
    "card",
    QT_TRANSLATE_NOOP("StaffScreen", "Card and reader"),
    QT_TRANSLATE_NOOP("StaffScreen", "ATR, card test, APDU console"),
)

HEX_KEYS = "0123456789ABCDEF"
MAX_TYPED = 160  # hex digits and spaces: a long APDU wraps, a runaway one stops


def problem_text(problem: BenchProblem) -> str:
    texts = {
        BenchProblem.NO_CARD: lambda: QCoreApplication.translate(
            "StaffScreen", "There is no card in the reader. Insert one and try again."
        ),
        BenchProblem.CARD_LEFT: lambda: QCoreApplication.translate(
            "StaffScreen", "The card was taken out before it finished."
        ),
        BenchProblem.CARD_SILENT: lambda: QCoreApplication.translate(
            "StaffScreen", "The card did not answer. Try it again, or another card."
        ),
        BenchProblem.READER: lambda: QCoreApplication.translate(
            "StaffScreen", "The card reader did not answer. Check its cable."
        ),
        BenchProblem.DATABASE: lambda: QCoreApplication.translate(
            "StaffScreen", "The kiosk's database did not answer. Please try again in a moment."
        ),
        BenchProblem.FAILED: lambda: QCoreApplication.translate(
            "StaffScreen", "That did not work. Please try again."
        ),
    }
    return texts[problem]()


def atr_rows(atr: dict[str, Any]) -> list[tuple[str, str]]:
    """The ATR's rows for a technician: convention, protocols, TA1's bit rate, the historical
    bytes and whether the card type is recognised."""
    rows = [
        (
            QCoreApplication.translate("StaffScreen", "ATR"),
            " ".join(atr["raw"][i : i + 2] for i in range(0, len(atr["raw"]), 2)),
        )
    ]
    if "error" in atr:
        return [
            *rows,
            (
                QCoreApplication.translate("StaffScreen", "Not a valid ATR"),
                translated(atr["error"]),
            ),
        ]
    transmission = atr["transmission"]
    rate = transmission["bit_rate_at_3_5712_mhz"]
    ta1 = (
        QCoreApplication.translate(
            "StaffScreen", "Fi {fi}, Di {di}: {rate} bit/s at 3.57 MHz"
        ).format(fi=transmission["fi"], di=transmission["di"], rate=f"{rate:,}")
        if rate
        else QCoreApplication.translate("StaffScreen", "not given")
    )
    recognised = (
        QCoreApplication.translate("StaffScreen", "recognised")
        if atr["recognised"]
        else QCoreApplication.translate("StaffScreen", "not recognised")
    )
    return [
        *rows,
        (QCoreApplication.translate("StaffScreen", "Convention"), translated(atr["convention"])),
        (QCoreApplication.translate("StaffScreen", "Protocols"), ", ".join(atr["protocols"])),
        (QCoreApplication.translate("StaffScreen", "TA1 bit rate"), ta1),
        (
            QCoreApplication.translate("StaffScreen", "Historical bytes"),
            atr["historical_bytes"] or "-",
        ),
        (
            QCoreApplication.translate("StaffScreen", "Card type"),
            f"{translated(atr['card_type'])} ({recognised})",
        ),
    ]


def card_rows(report: dict[str, Any]) -> list[tuple[str, str]]:
    """The fields read, masked as the citizen's screens mask them (card_report)."""
    card, holder = report.get("card"), report.get("holder")
    if card is None or holder is None:
        return []
    return [
        (QCoreApplication.translate("StaffScreen", "Name"), holder["name"]),
        (QCoreApplication.translate("StaffScreen", "ID number"), holder["ssn"]),
        (QCoreApplication.translate("StaffScreen", "Card number"), card["card_number"]),
        (QCoreApplication.translate("StaffScreen", "Valid until"), card["expiry_date"]),
    ]


def _fill_grid(grid: QGridLayout, stem: str, rows: list[tuple[str, ...]]) -> None:
    clear_layout(grid)
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            label = make_label("body" if c else "muted", object_name=f"{stem}{r}_{c}")
            label.setText(text)
            grid.addWidget(label, r, c)
    grid.setColumnStretch(len(rows[0]) - 1 if rows else 1, 1)


class CardTestScreen(StaffScreen):
    """Test the card; the ATR, the fields read (masked) and each APDU with its time."""

    name = CardPage.TEST.value
    test_clicked = Signal()
    console_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, SPACING.s, 0)
        column.setSpacing(SPACING.m)
        self.atr_card = Card("staffCardAtr", margins=SPACING.l)
        self.atr_heading = make_label("heading", object_name="staffCardAtrHeading")
        self.atr_grid = QGridLayout()
        self.atr_grid.setHorizontalSpacing(SPACING.l)
        self.atr_card.body.addWidget(self.atr_heading)
        self.atr_card.body.addLayout(self.atr_grid)
        self.apdu_card = Card("staffCardApdus", margins=SPACING.l)
        self.apdu_heading = make_label("heading", object_name="staffCardApdusHeading")
        self.apdu_grid = QGridLayout()
        self.apdu_grid.setHorizontalSpacing(SPACING.l)
        self.total = make_label("body", object_name="staffCardTotal")
        self.apdu_card.body.addWidget(self.apdu_heading)
        self.apdu_card.body.addLayout(self.apdu_grid)
        self.apdu_card.body.addWidget(self.total)
        column.addWidget(self.atr_card)
        column.addWidget(self.apdu_card)
        column.addStretch(1)
        self.scroll = scroll_area(content, "staffCardScroll")
        self.notice = NoticeBox("staffCardNotice")
        self.test_button = KioskButton("staffCardTest", kind="primary", icon_name="card-insert")
        self.console_button = KioskButton("staffCardConsole", kind="secondary", icon_name="keypad")
        buttons = QHBoxLayout()
        buttons.setSpacing(SPACING.m)
        buttons.addWidget(self.console_button, 1)
        buttons.addWidget(self.test_button, 1)
        self.body.addWidget(self.scroll, 1)
        self.body.addWidget(self.notice)
        self.body.addLayout(buttons)
        self.test_button.clicked.connect(self.test_clicked)
        self.console_button.clicked.connect(self.console_clicked)
        self._view = CardView()
        self.retranslate()

    def show_view(self, view: CardView) -> None:
        self._view = view
        self.test_button.setEnabled(not view.busy)
        self.console_button.setEnabled(not view.busy)
        self._fill()

    def _fill(self) -> None:
        view, report = self._view, self._view.test
        self.scroll.setVisible(report is not None)
        if report is not None:
            _fill_grid(
                self.atr_grid, "staffCardAtrRow", [*atr_rows(report["atr"]), *card_rows(report)]
            )
            timings = report["timings"]
            apdus = [
                (
                    translated(row["command"]),
                    f"{row['sw'] or '----'}  {translated(row['meaning'])}",
                    f"{row['ms']:.1f} ms",
                )
                for row in timings["apdus"]
            ]
            _fill_grid(self.apdu_grid, "staffCardApdu", apdus)
            total = timings["total"]
            self.total.setText(
                QCoreApplication.translate(
                    "StaffScreen", "{n} APDUs, {card} ms at the card, {all} ms in all."
                ).format(n=total["apdus"], card=f"{total['card_ms']:.1f}", all=f"{total['ms']:.1f}")
            )
        if view.busy:
            self.notice.set_tone("info", "card")
            self.notice.set_text(
                QCoreApplication.translate(
                    "StaffScreen", "Testing the card. Leave it in the reader."
                )
            )
        elif view.problem is not None:
            self.notice.set_tone("error")
            self.notice.set_text(problem_text(view.problem))
        elif report is not None:
            passed = not report["problem"]
            self.notice.set_tone("ok" if passed else "warn")
            self.notice.set_text(
                QCoreApplication.translate("StaffScreen", "The card passed the test.")
                if passed
                else QCoreApplication.translate("StaffScreen", "The card failed the test.")
            )
        else:
            self.notice.set_tone("info", "card-insert")
            self.notice.set_text(
                QCoreApplication.translate(
                    "StaffScreen",
                    "Insert the card to test, then tap Test the card. Nothing on it is changed.",
                )
            )

    def retranslate(self) -> None:
        self.title.setText(QCoreApplication.translate("StaffScreen", "Card and reader"))
        self.lead.setText(
            QCoreApplication.translate(
                "StaffScreen",
                "The card's answer to reset, what it holds (masked) and each command's time.",
            )
        )
        self.atr_heading.setText(
            QCoreApplication.translate("StaffScreen", "Answer to reset and card")
        )
        self.apdu_heading.setText(QCoreApplication.translate("StaffScreen", "Commands"))
        self.test_button.set_text(QCoreApplication.translate("StaffScreen", "Test the card"))
        self.console_button.set_text(QCoreApplication.translate("StaffScreen", "APDU console"))
        self._fill()

    def wipe(self) -> None:
        super().wipe()
        clear_layout(self.atr_grid)
        clear_layout(self.apdu_grid)
        self._view = CardView()
        self._fill()


class ApduScreen(StaffScreen):
    """Type one APDU on the hex pad and send it; the answer masked. A command that may change
    the card asks for "Send anyway" first."""

    name = CardPage.CONSOLE.value
    send_clicked = Signal(str)
    confirm_clicked = Signal()
    cancel_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.typed = make_label("heading", object_name="staffApduTyped")
        self.typed.setProperty("role", "heading")
        pad = QGridLayout()
        pad.setSpacing(SPACING.s)
        self.keys: dict[str, KioskButton] = {}
        for i, ch in enumerate(HEX_KEYS):
            key = KioskButton(f"staffApduKey{ch}", kind="key")
            key.setText(ch)
            key.setMinimumWidth(64)
            key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            key.clicked.connect(lambda _=False, k=ch: self.press(k))
            self.keys[ch] = key
            pad.addWidget(key, i // 8, i % 8)
        self.space_key = KioskButton("staffApduSpace", kind="keyAction")
        self.space_key.clicked.connect(lambda: self.press(" "))
        self.delete_key = KioskButton("staffApduDelete", kind="keyAction", icon_name="delete")
        self.delete_key.clicked.connect(self.delete)
        self.send_button = KioskButton("staffApduSend", kind="primary", icon_name="chevron-right")
        self.send_button.clicked.connect(lambda: self.send_clicked.emit(self.text))
        pad.addWidget(self.space_key, 2, 0, 1, 3)
        pad.addWidget(self.delete_key, 2, 3, 1, 2)
        pad.addWidget(self.send_button, 2, 5, 1, 3)

        self.answer_card = Card("staffApduAnswer", margins=SPACING.l)
        self.answer_grid = QGridLayout()
        self.answer_grid.setHorizontalSpacing(SPACING.l)
        self.answer_card.body.addLayout(self.answer_grid)
        self.notice = NoticeBox("staffApduNotice")
        self.confirm_button = KioskButton("staffApduConfirm", kind="primary", icon_name="warning")
        self.cancel_button = KioskButton("staffApduCancel", kind="secondary")
        confirm_row = QHBoxLayout()
        confirm_row.setSpacing(SPACING.m)
        confirm_row.addWidget(self.cancel_button, 1)
        confirm_row.addWidget(self.confirm_button, 1)
        self.confirm_button.clicked.connect(self.confirm_clicked)
        self.cancel_button.clicked.connect(self.cancel_clicked)
        self._confirm_buttons = (self.confirm_button, self.cancel_button)

        # The pad on the left, what it did on the right: stacked, they would not fit 800 px.
        answer = QWidget()
        answer_column = QVBoxLayout(answer)
        answer_column.setContentsMargins(0, 0, SPACING.s, 0)
        answer_column.setSpacing(SPACING.m)
        answer_column.addWidget(self.notice)
        answer_column.addLayout(confirm_row)
        answer_column.addWidget(self.answer_card)
        answer_column.addStretch(1)
        self.answer_scroll = scroll_area(answer, "staffApduScroll")
        left = QVBoxLayout()
        left.setSpacing(SPACING.m)
        left.addWidget(self.typed)
        left.addLayout(pad)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.setSpacing(SPACING.l)
        columns.addLayout(left, 1)
        columns.addWidget(self.answer_scroll, 1)
        self.body.addLayout(columns, 1)
        self._text = ""
        self._view = CardView(page=CardPage.CONSOLE)
        self.retranslate()

    @property
    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        self._text = text[:MAX_TYPED]
        self.typed.setText(typed_shown(self._text) or "_")  # a PIN typed is never shown

    def press(self, ch: str) -> None:
        if len(self._text) < MAX_TYPED and not self._view.pending:
            self.set_text(self._text + ch)

    def delete(self) -> None:
        if not self._view.pending:
            self.set_text(self._text[:-1])

    def show_view(self, view: CardView) -> None:
        self._view = view
        idle = not view.busy and not view.pending
        for key in [*self.keys.values(), self.space_key, self.delete_key, self.send_button]:
            key.setEnabled(idle)
        for button in self._confirm_buttons:
            button.setVisible(bool(view.pending))
            button.setEnabled(not view.busy)
        self._fill()

    def _fill(self) -> None:
        view = self._view
        self.notice.setVisible(True)
        if view.pending:
            self.notice.set_tone("warn")
            self.notice.set_text(
                QCoreApplication.translate(
                    "StaffScreen",
                    "This command can change the card: {why}. A VERIFY with a PIN spends one of "
                    "the card's PIN tries. Send it only if you mean to.",
                ).format(why=translated(view.pending_why))
            )
        elif view.busy:
            self.notice.set_tone("info", "card")
            self.notice.set_text(
                QCoreApplication.translate("StaffScreen", "Sending. Leave the card in the reader.")
            )
        elif view.bad_apdu:
            self.notice.set_tone("error")
            self.notice.set_text(
                QCoreApplication.translate(
                    "StaffScreen",
                    "That is not a command APDU: type at least CLA INS P1 P2, in pairs of hex "
                    "digits.",
                )
            )
        elif view.problem is not None:
            self.notice.set_tone("error")
            self.notice.set_text(problem_text(view.problem))
        else:
            self.notice.set_tone("info", "keypad")
            self.notice.set_text(
                QCoreApplication.translate(
                    "StaffScreen",
                    "Type one command APDU in hex and tap Send. Answers are shown masked.",
                )
            )
        answer = view.answer
        self.answer_card.setVisible(bool(view.sent))
        rows: list[tuple[str, str]] = []
        if view.sent:
            rows.append((QCoreApplication.translate("StaffScreen", "Sent"), view.sent))
        if answer is not None:
            rows.append(
                (
                    QCoreApplication.translate("StaffScreen", "Command"),
                    translated(answer["command"]),
                )
            )
            if answer["bytes"]:
                rows.append(
                    (QCoreApplication.translate("StaffScreen", "Answer (masked)"), answer["data"])
                )
            rows.append(
                (
                    QCoreApplication.translate("StaffScreen", "Status word"),
                    f"{answer['sw'] or '----'}  {translated(answer['meaning'])}",
                )
            )
            rows.append(
                (QCoreApplication.translate("StaffScreen", "Time"), f"{answer['ms']:.1f} ms")
            )
        _fill_grid(self.answer_grid, "staffApduRow", rows)

    def retranslate(self) -> None:
        self.title.setText(QCoreApplication.translate("StaffScreen", "APDU console"))
        self.lead.setText(
            QCoreApplication.translate(
                "StaffScreen", "One command at a time to the card in the reader."
            )
        )
        self.space_key.set_text(QCoreApplication.translate("StaffScreen", "Space"))
        self.delete_key.set_text(QCoreApplication.translate("StaffScreen", "Delete"))
        self.send_button.set_text(QCoreApplication.translate("StaffScreen", "Send"))
        self.confirm_button.set_text(QCoreApplication.translate("StaffScreen", "Send anyway"))
        self.cancel_button.set_text(QCoreApplication.translate("StaffScreen", "Cancel"))
        self.set_text(self._text)
        self._fill()

    def wipe(self) -> None:
        super().wipe()
        self._text = ""
        self._view = CardView(page=CardPage.CONSOLE)
        self.set_text("")
        self.show_view(self._view)


def make() -> list[StaffScreen]:
    return [CardTestScreen(), ApduScreen()]


def connect(screens: dict[str, StaffScreen], send: Send) -> None:
    test = screens[CardPage.TEST.value]
    console = screens[CardPage.CONSOLE.value]
    assert isinstance(test, CardTestScreen) and isinstance(console, ApduScreen)
    test.test_clicked.connect(lambda: send(CardArea, lambda a: a.run_test()))
    test.console_clicked.connect(lambda: send(CardArea, lambda a: a.open_console()))
    console.send_clicked.connect(lambda text: send(CardArea, lambda a: a.send(text)))
    console.confirm_clicked.connect(lambda: send(CardArea, lambda a: a.confirm()))
    console.cancel_clicked.connect(lambda: send(CardArea, lambda a: a.cancel()))
