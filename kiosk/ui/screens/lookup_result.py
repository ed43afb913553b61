"""Voucher lookup results (PRODUCT.md flow 8): each voucher found as a card with its number,
kind and date; for a card receipt voucher the progress of the new card (applied, in
production, ready for pickup, collected), where and from when to collect it; and the one
self-service reprint of the citizen's own voucher, with how that reprint went. In a fleet, a
reissue recorded at another kiosk shows its progress (the centre's) and where it can be
reprinted: at that kiosk or a counter, not here."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.domain import vocabulary
from kiosk.domain.business import PrintOutcome, VoucherStatus
from kiosk.domain.calendar import CHINA_TZ
from kiosk.domain.journal import ReissueProgress
from kiosk.flows.business import BStep
from kiosk.ui.i18n import current_language, format_date, words
from kiosk.ui.icons import pixmap
from kiosk.ui.screens.business_parts import StepScreen, group_voucher_number
from kiosk.ui.theme import PALETTE, SPACING, set_style_property
from kiosk.ui.widgets.buttons import KioskButton
from kiosk.ui.widgets.parts import (
    Card,
    IconBadge,
    Notice,
    clear_layout,
    divider,
    make_label,
    scroll_area,
)

STAGES = (
    ReissueProgress.APPLIED,
    ReissueProgress.IN_PRODUCTION,
    ReissueProgress.READY,
    ReissueProgress.COLLECTED,
)
_DOT = 40


class ProgressTracker(QWidget):
    """Four stages in a row, joined by lines: those done ticked, the current one highlighted."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self._dots: list[QLabel] = []
        self._texts: list[QLabel] = []
        self._lines: list[QFrame] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING.s)
        for i, _ in enumerate(STAGES):
            if i:
                line = QFrame(self)
                line.setProperty("role", "stepLine")
                line.setMinimumWidth(16)
                self._lines.append(line)
                layout.addWidget(line, 1, Qt.AlignmentFlag.AlignVCenter)
            dot = make_label("stepDot", wrap=False, align=Qt.AlignmentFlag.AlignCenter)
            dot.setFixedSize(_DOT, _DOT)
            text = make_label("stageText", object_name=f"{object_name}Stage{i}", wrap=False)
            self._dots.append(dot)
            self._texts.append(text)
            row = QHBoxLayout()
            row.setSpacing(SPACING.s)
            row.addWidget(dot)
            row.addWidget(text)
            layout.addLayout(row)
        self._index = 0

    def set_stage(self, progress: ReissueProgress, words: list[str]) -> None:
        index = STAGES.index(progress)
        self._index = index
        for i, (dot, text) in enumerate(zip(self._dots, self._texts, strict=True)):
            # The last stage reached is done, not under way: "collected" is the end.
            done = i < index or (i == index and progress is ReissueProgress.COLLECTED)
            state = "done" if done else "current" if i == index else "todo"
            set_style_property(dot, "state", state)
            set_style_property(text, "state", state)
            text.setText(words[i])
            if done:
                dot.setPixmap(pixmap("check", PALETTE.on_dark, 24))
            else:
                dot.clear()
                dot.setText(str(i + 1))
        for i, line in enumerate(self._lines):
            set_style_property(line, "state", "done" if i < index else "todo")
        self.setAccessibleName(words[index])


class LookupResultScreen(StepScreen):
    name = BStep.LOOKUP_RESULT.value

    reprint = Signal(str)  # voucher number
    done_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("lookupResult", parent)
        self.reprint_buttons: dict[str, KioskButton] = {}
        self.reprint_notice = Notice("lookupResultReprint")
        self.reprint_notice.hide()

        self.cards_body = QWidget()
        self.cards = QVBoxLayout(self.cards_body)
        self.cards.setContentsMargins(0, 0, SPACING.s, 0)
        self.cards.setSpacing(SPACING.m)
        self.hotline = make_label("muted", object_name="lookupResultHotline")
        self.done_button = KioskButton("lookupResultDoneButton", kind="primary", icon_name="check")
        self.done_button.setMinimumWidth(300)
        actions = QHBoxLayout()
        actions.addWidget(self.hotline, 1)
        actions.addWidget(self.done_button)

        self.column.addWidget(self.title)
        self.column.addWidget(self.lead)
        self.column.addWidget(self.reprint_notice)
        self.column.addWidget(scroll_area(self.cards_body, "lookupResultScroll"), 1)
        self.column.addLayout(actions)

        self.done_button.clicked.connect(self._done)
        self.retranslate()

    # For the controller ------------------------------------------------------------------------

    def _done(self) -> None:
        if not self._busy:
            self.done_clicked.emit()

    def _reprint(self, number: str) -> None:
        if not self._busy:
            self.reprint.emit(number)

    # Texts ---------------------------------------------------------------------------------------

    def _kind_word(self, kind: str) -> str:
        known = {k.value: term for k, term in vocabulary.VOUCHER_KINDS.items()}
        return words(known[kind]) if kind in known else self.tr("Voucher")

    def _stage_words(self) -> list[str]:
        return [words(vocabulary.PROGRESS[stage]) for stage in STAGES]

    def _progress_sentence(self, progress: ReissueProgress) -> str:
        return {
            ReissueProgress.APPLIED: self.tr("Your application has been received."),
            ReissueProgress.IN_PRODUCTION: self.tr("Your new card is being made."),
            ReissueProgress.READY: self.tr(
                "Your new card is ready. Bring your ID card (the original and a photocopy) "
                "and this voucher to collect it."
            ),
            ReissueProgress.COLLECTED: self.tr("The new card has been collected."),
        }[progress]

    def _issued(self, status: VoucherStatus) -> str:
        at = status.issued_at
        if at.tzinfo is not None:
            at = at.astimezone(CHINA_TZ)
        return self.tr("Issued {date}, {time}").format(
            date=format_date(at.date()), time=at.strftime("%H:%M")
        )

    def _card(self, i: int, status: VoucherStatus) -> Card:
        card = Card(f"lookupResultCard{i}", margins=SPACING.l)
        card.body.setSpacing(SPACING.s + 2)
        top = QHBoxLayout()
        top.setSpacing(SPACING.m)
        badge = IconBadge(64)
        badge.set_icon("receipt" if status.progress is None else "card", "info")
        heading = QVBoxLayout()
        heading.setSpacing(2)
        kind = make_label("heading", object_name=f"lookupResultKind{i}")
        kind.setText(self._kind_word(status.kind))
        number = make_label("voucherNumber", object_name=f"lookupResultNumber{i}")
        number.setText(group_voucher_number(status.voucher_number))
        number.setAccessibleName(
            self.tr("Voucher number {number}").format(number=status.voucher_number)
        )
        heading.addWidget(kind)
        heading.addWidget(number)
        meta = QVBoxLayout()
        meta.setSpacing(2)
        issued = make_label("muted", object_name=f"lookupResultIssued{i}", wrap=False)
        issued.setText(self._issued(status))
        holder = make_label("muted", object_name=f"lookupResultHolder{i}", wrap=False)
        holder.setText(self.tr("Cardholder: {name}").format(name=status.masked_name))
        meta.addWidget(issued, 0, Qt.AlignmentFlag.AlignRight)
        meta.addWidget(holder, 0, Qt.AlignmentFlag.AlignRight)
        top.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(heading, 1)
        top.addLayout(meta, 0)
        card.body.addLayout(top)

        if status.progress is not None:
            card.body.addWidget(divider())
            tracker = ProgressTracker(f"lookupResultProgress{i}")
            tracker.set_stage(status.progress, self._stage_words())
            card.body.addWidget(tracker)
            sentence = make_label("lead", object_name=f"lookupResultState{i}")
            sentence.setText(self._progress_sentence(status.progress))
            card.body.addWidget(sentence)
        details = QGridLayout()
        details.setHorizontalSpacing(SPACING.l)
        details.setVerticalSpacing(SPACING.xs)
        details.setColumnStretch(1, 1)
        if status.outlet is not None and status.progress is not ReissueProgress.COLLECTED:
            outlet = status.outlet
            language = current_language()
            name, address = outlet.name_in(language), outlet.address_in(language)
            self._detail(details, f"lookupResultOutlet{i}", self.tr("Collect at"), name)
            self._detail(
                details,
                f"lookupResultAddress{i}",
                "",
                f"{address} · {outlet.hours_in(language)}",
                role="muted",
            )
        if status.expected_pickup_date is not None and status.progress in (
            ReissueProgress.APPLIED,
            ReissueProgress.IN_PRODUCTION,
        ):
            self._detail(
                details,
                f"lookupResultDate{i}",
                self.tr("Ready from"),
                format_date(status.expected_pickup_date),
            )
        if details.count():
            card.body.addLayout(details)

        row = QHBoxLayout()
        row.setSpacing(SPACING.m)
        if status.self_reprint_available:
            note = make_label("muted", object_name=f"lookupResultReprintNote{i}")
            note.setText(self.tr("Lost the paper? You can print this voucher again once here."))
            button = KioskButton(f"lookupResultReprint{i}", kind="secondary", icon_name="printer")
            button.set_text(self.tr("Reprint my voucher"))
            button.setEnabled(not self._busy)
            button.clicked.connect(lambda _=False, n=status.voucher_number: self._reprint(n))
            self.reprint_buttons[status.voucher_number] = button
            row.addWidget(note, 1)
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        elif status.recorded_at_kiosk:
            note = make_label("muted", object_name=f"lookupResultReprintNote{i}")
            note.setText(
                self.tr(
                    "Recorded at another kiosk ({kiosk}). It can be reprinted at that kiosk or "
                    "at a counter, not here."
                ).format(kiosk=status.recorded_at_kiosk)
            )
            row.addWidget(note, 1)
        else:
            note = make_label("muted", object_name=f"lookupResultReprintNote{i}")
            note.setText(self.tr("Already reprinted once: ask at a counter for another copy."))
            row.addWidget(note, 1)
        card.body.addLayout(row)
        return card

    @staticmethod
    def _detail(
        grid: QGridLayout, name: str, label: str, value: str, *, role: str = "fieldValue"
    ) -> None:
        row = grid.rowCount()
        caption = make_label("fieldLabel", object_name=f"{name}Label", wrap=False)
        caption.setText(label)
        text = make_label(role, object_name=name)
        text.setText(value)
        text.setAccessibleName(f"{label} {value}".strip())
        grid.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(text, row, 1)

    def _render(self) -> None:
        view = self._view
        self.reprint_buttons = {}
        clear_layout(self.cards)
        results = view.lookup_results if view else ()
        for i, status in enumerate(results):
            self.cards.addWidget(self._card(i, status))
        self.cards.addStretch(1)
        if len(results) == 1:
            self.title.setText(self.tr("Your voucher"))
        else:
            self.title.setText(self.tr("Your vouchers"))
        if any(s.progress is not None for s in results):
            self.lead.setText(self.tr("Here is how your new card is coming along."))
        else:
            self.lead.setText(self.tr("Here is what we found."))
        self.done_button.setEnabled(not self._busy)
        self._render_reprint()

    def _render_reprint(self) -> None:
        view = self._view
        if view is None or view.reprinted is None:
            self.reprint_notice.hide()
            self.reprint_notice.set_text("")
            self.reprint_notice.setAccessibleName("")
            return
        number = view.reprinted
        outcome = view.reprint_outcome
        if outcome is None:
            self.reprint_notice.set_tone("info", "printer")
            text = self.tr("Printing your voucher…")
        elif outcome is PrintOutcome.PRINTED:
            self.reprint_notice.set_tone("ok", "printer")
            text = self.tr("Your voucher {number} was printed again. Please take it.").format(
                number=number
            )
        else:
            self.reprint_notice.set_tone("warn", "printer")
            text = self.tr(
                "The voucher could not be printed. Please note or photograph the voucher "
                "number {number}; a counter can print it for you."
            ).format(number=number)
        self.reprint_notice.set_text(text)
        self.reprint_notice.setAccessibleName(text)
        self.reprint_notice.show()

    def retranslate(self) -> None:
        self.hotline.setText(self.tr("Social security hotline: 12333"))
        self.done_button.set_text(self.tr("Done"))
        self._render()
