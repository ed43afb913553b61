"""The audit log area's screens (kiosk.flows.staff_audit): the log with its filters and pages,
one entry's detail, and the integrity check's result. Texts are translated in the context
"StaffScreen"; the log's own vocabulary (actions, detail keys, what the check finds) is
kiosk.ui.screens.staff.audit_words."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QScroller,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.journal import ActorKind, AuditEntry, Outcome
from kiosk.flows.staff_audit import (
    AuditArea,
    AuditChoice,
    AuditNotice,
    AuditStep,
    AuditView,
    DayRange,
)
from kiosk.ui.screens.staff.audit_words import (
    DETAIL_WORDS,
    action_words,
    actor_kind_words,
    chain_words,
    detail_value,
    moment,
    outcome_pill,
    problem_where,
    problem_words,
    retired_words,
    translated,
)
from kiosk.ui.screens.staff.base import StaffScreen
from kiosk.ui.screens.staff.entry import menu_item
from kiosk.ui.theme import SPACING
from kiosk.ui.widgets.animation import BusyIndicator
from kiosk.ui.widgets.buttons import KioskButton
from kiosk.ui.widgets.parts import (
    Card,
    ExplanationCard,
    Fact,
    clear_layout,
    facts_box,
    make_label,
    make_pill,
    scroll_area,
    set_tone,
)
from kiosk.ui.widgets.parts import Notice as NoticeBox

if TYPE_CHECKING:
    from kiosk.ui.screens.staff.base import Send


# The log ----------------------------------------------------------------------------------------

_COLUMNS = (
    QT_TRANSLATE_NOOP("StaffScreen", "Time"),
    QT_TRANSLATE_NOOP("StaffScreen", "Who"),
    QT_TRANSLATE_NOOP("StaffScreen", "What"),
    QT_TRANSLATE_NOOP("StaffScreen", "Outcome"),
)
_DAYS = (
    (DayRange.ALL, QT_TRANSLATE_NOOP("StaffScreen", "All days")),
    (DayRange.TODAY, QT_TRANSLATE_NOOP("StaffScreen", "Today")),
    (DayRange.WEEK, QT_TRANSLATE_NOOP("StaffScreen", "Last 7 days")),
    (DayRange.MONTH, QT_TRANSLATE_NOOP("StaffScreen", "Last 30 days")),
)
_WHO = (
    (None, QT_TRANSLATE_NOOP("StaffScreen", "Everyone")),
    (ActorKind.CITIZEN, QT_TRANSLATE_NOOP("StaffScreen", "Citizens")),
    (ActorKind.AGENT, QT_TRANSLATE_NOOP("StaffScreen", "Agents")),
    (ActorKind.STAFF, QT_TRANSLATE_NOOP("StaffScreen", "Staff")),
    (ActorKind.TECHNICIAN, QT_TRANSLATE_NOOP("StaffScreen", "Technicians")),
    (ActorKind.SYSTEM, QT_TRANSLATE_NOOP("StaffScreen", "The kiosk")),
    (ActorKind.ANONYMOUS, QT_TRANSLATE_NOOP("StaffScreen", "Anonymous")),
)
_OUTCOMES = (
    (None, QT_TRANSLATE_NOOP("StaffScreen", "All outcomes")),
    (Outcome.OK, QT_TRANSLATE_NOOP("StaffScreen", "Succeeded")),
    (Outcome.REFUSED, QT_TRANSLATE_NOOP("StaffScreen", "Refused")),
    (Outcome.FAILED, QT_TRANSLATE_NOOP("StaffScreen", "Failed")),
)


def _combo(object_name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(object_name)
    combo.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(6)
    combo.setMaxVisibleItems(8)
    return combo


def _select(combo: QComboBox, value: object) -> None:
    """Show `value` as chosen, without it counting as a tap."""
    combo.blockSignals(True)
    for i in range(combo.count()):
        if combo.itemData(i) == value:
            combo.setCurrentIndex(i)
            break
    combo.blockSignals(False)


def _title_row(screen: StaffScreen) -> QHBoxLayout:
    """A row in the title's place, holding the title: for what goes beside it."""
    outer = screen.layout()
    assert isinstance(outer, QVBoxLayout)
    index = outer.indexOf(screen.title)
    outer.removeWidget(screen.title)
    row = QHBoxLayout()
    row.setSpacing(SPACING.m)
    row.addWidget(screen.title, 0, Qt.AlignmentFlag.AlignVCenter)
    outer.insertLayout(index, row)
    return row


def _pill_cell(text: str, tone: str) -> QWidget:
    """An outcome pill centred in its table cell; taps go through it to the row."""
    cell = QWidget()
    layout = QHBoxLayout(cell)
    layout.setContentsMargins(0, SPACING.xs, 0, SPACING.xs)
    pill = make_pill("staffAuditOutcomePill", parent=cell)
    pill.setText(text)
    set_tone(pill, tone)
    pill.ensurePolished()
    # The table's item padding (kiosk.qss) narrows a cell widget below the column's width:
    # room for it, or the pill is cut at both ends.
    cell.setMinimumWidth(pill.sizeHint().width() + 2 * SPACING.l)
    layout.addWidget(pill, 0, Qt.AlignmentFlag.AlignCenter)
    cell.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    return cell


class AuditLogScreen(StaffScreen):
    """The log, newest first: filters at the top, the page's entries, then Newer / Older and
    the integrity check. Tapping a row opens its detail."""

    name = AuditStep.LOG.value
    choice_made = Signal(object)  # an AuditChoice
    older_clicked = Signal()
    newer_clicked = Signal()
    entry_tapped = Signal(int)  # the row's index on the page
    check_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lead.setVisible(False)  # the columns and the filters say it; the rows need the room
        self.days = _combo("staffAuditDays")
        self.who = _combo("staffAuditWho")
        self.outcome = _combo("staffAuditOutcome")
        self.action = _combo("staffAuditAction")
        filters = QHBoxLayout()
        filters.setSpacing(SPACING.s)
        for combo in (self.days, self.who, self.outcome, self.action):
            filters.addWidget(combo, 1)
            combo.activated.connect(self._chosen)

        self.table = QTableWidget(0, len(_COLUMNS))
        self.table.setObjectName("staffAuditTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsClickable(False)
        # Time and outcome as wide as their cells (the table measures the pills too), what was
        # done takes what is left; who is sized in _fit_columns.
        for column, mode in enumerate(
            (
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.Interactive,
                QHeaderView.ResizeMode.Stretch,
                QHeaderView.ResizeMode.ResizeToContents,
            )
        ):
            header.setSectionResizeMode(column, mode)
        QScroller.grabGesture(self.table.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        self.table.cellClicked.connect(lambda row, _column: self._tapped(row))
        self.empty = make_label(
            "lead", object_name="staffAuditEmpty", align=Qt.AlignmentFlag.AlignCenter
        )
        self.empty.setVisible(False)
        self.notice = NoticeBox("staffAuditNotice")
        self.notice.setVisible(False)
        table_card = Card("staffAuditCard", margins=SPACING.s)
        table_card.body.addWidget(self.table, 1)
        table_card.body.addWidget(self.empty, 1)

        self.newer_button = KioskButton(
            "staffAuditNewer", kind="secondary", icon_name="chevron-left"
        )
        self.older_button = KioskButton(
            "staffAuditOlder", kind="secondary", icon_name="chevron-right"
        )
        self.page_label = make_label("body", object_name="staffAuditPage", wrap=False)
        self.check_button = KioskButton("staffAuditCheck", kind="primary", icon_name="shield")
        # Paging and the check beside the title: the rows get the height (1280x800, large).
        top = _title_row(self)
        top.addStretch(1)
        top.addWidget(self.newer_button)
        top.addWidget(self.page_label)
        top.addWidget(self.older_button)
        top.addSpacing(SPACING.l)
        top.addWidget(self.check_button)
        self.newer_button.clicked.connect(self.newer_clicked)
        self.older_button.clicked.connect(self.older_clicked)
        self.check_button.clicked.connect(self.check_clicked)

        self.body.addLayout(filters)
        self.body.addWidget(self.notice)
        self.body.addWidget(table_card, 1)
        self._view = AuditView()
        self._actions: tuple[str, ...] = ()
        self.retranslate()

    # Taps ---------------------------------------------------------------------------------------

    def _chosen(self, _index: int = 0) -> None:
        self.choice_made.emit(
            AuditChoice(
                days=self.days.currentData(),
                actor_kind=self.who.currentData(),
                action=self.action.currentData(),
                outcome=self.outcome.currentData(),
            )
        )

    def _tapped(self, row: int) -> None:
        if not self._view.busy:
            self.entry_tapped.emit(row)

    # The view -----------------------------------------------------------------------------------

    def show_view(self, view: AuditView) -> None:
        rows_changed = view.entries != self._view.entries or not self.table.rowCount()
        self._view = view
        if view.actions != self._actions:
            self._actions = view.actions
            self._fill_actions()
        self._show_choice(view.choice)
        for widget in (self.days, self.who, self.outcome, self.action, self.check_button):
            widget.setEnabled(not view.busy)
        self.newer_button.setEnabled(view.has_newer and not view.busy)
        self.older_button.setEnabled(view.has_older and not view.busy)
        if rows_changed:
            self._fill_rows()
        self._show_state()

    def _show_choice(self, choice: AuditChoice) -> None:
        if choice.action is not None and self.action.findData(choice.action) < 0:
            self.action.addItem(action_words(choice.action), choice.action)
        _select(self.days, choice.days)
        _select(self.who, choice.actor_kind)
        _select(self.outcome, choice.outcome)
        _select(self.action, choice.action)

    def _fill_actions(self) -> None:
        """All actions, then those in the log by their words, alphabetically."""
        self.action.blockSignals(True)
        self.action.clear()
        self.action.addItem(QCoreApplication.translate("StaffScreen", "All actions"), None)
        for name in sorted(self._actions, key=action_words):
            self.action.addItem(action_words(name), name)
        self.action.blockSignals(False)
        _select(self.action, self._view.choice.action)

    def _fill_rows(self) -> None:
        entries = self._view.entries
        self.table.clearContents()
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            self._fill_row(row, entry)
        self.table.scrollToTop()
        self._fit_columns()

    def _fill_row(self, row: int, entry: AuditEntry) -> None:
        texts = (
            moment(entry.at),
            f"{actor_kind_words(entry.actor_kind)} · {entry.actor}",
            action_words(entry.action, entry.outcome),
        )
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            self.table.setItem(row, column, item)
        self.table.setCellWidget(row, 3, _pill_cell(*outcome_pill(entry.outcome)))

    def _fit_columns(self) -> None:
        """Who as wide as its cells, up to a third of the table: a masked ID number is long,
        and what was done must stay readable in large text."""
        header = self.table.horizontalHeader()
        self.table.resizeColumnToContents(1)
        room = self.table.viewport().width() or 1000
        header.resizeSection(1, min(header.sectionSize(1), room // 3))

    def _show_state(self) -> None:
        view = self._view
        notice = view.notice
        if notice is AuditNotice.BAD_FILTER:
            self.notice.set_tone("warn")
            self.notice.set_text(
                QCoreApplication.translate(
                    "StaffScreen", "This filter cannot be used. Please choose another one."
                )
            )
        elif notice is AuditNotice.DATABASE:
            self.notice.set_tone("error")
            self.notice.set_text(
                QCoreApplication.translate(
                    "StaffScreen",
                    "The kiosk's database did not answer. Please try again in a moment.",
                )
            )
        self.notice.setVisible(notice is not None)
        empty = view.loaded and not view.entries
        self.empty.setText(
            QCoreApplication.translate("StaffScreen", "No entries match this filter.")
            if empty
            else ""
        )
        self.empty.setVisible(empty)
        self.table.setVisible(not empty)
        self.page_label.setText(
            QCoreApplication.translate("StaffScreen", "Loading…")
            if view.busy
            else QCoreApplication.translate("StaffScreen", "Page {n}").format(n=view.page_no)
        )

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self.table.rowCount():
            self._fit_columns()

    def retranslate(self) -> None:
        self.title.setText(QCoreApplication.translate("StaffScreen", "Audit log"))
        self.table.setHorizontalHeaderLabels([translated(c) for c in _COLUMNS])
        for combo, items in ((self.days, _DAYS), (self.who, _WHO), (self.outcome, _OUTCOMES)):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for value, source in items:
                combo.addItem(translated(source), value)
            combo.blockSignals(False)
            _select(combo, chosen)
        self.days.setAccessibleName(QCoreApplication.translate("StaffScreen", "Days"))
        self.who.setAccessibleName(QCoreApplication.translate("StaffScreen", "Who"))
        self.outcome.setAccessibleName(QCoreApplication.translate("StaffScreen", "Outcome"))
        self.action.setAccessibleName(QCoreApplication.translate("StaffScreen", "Action"))
        self._fill_actions()
        self.newer_button.set_text(QCoreApplication.translate("StaffScreen", "Newer"))
        self.older_button.set_text(QCoreApplication.translate("StaffScreen", "Older"))
        self.check_button.set_text(QCoreApplication.translate("StaffScreen", "Check integrity"))
        for row, entry in enumerate(self._view.entries[: self.table.rowCount()]):
            self._fill_row(row, entry)
        self._show_state()

    def wipe(self) -> None:
        super().wipe()
        self.table.clearContents()
        self.table.setRowCount(0)
        self._view = AuditView()
        self._actions = ()
        self._fill_actions()
        self._show_choice(AuditChoice())
        self._show_state()


# One entry --------------------------------------------------------------------------------------


class AuditEntryScreen(StaffScreen):
    """One entry: when, who, what and how it ended, where it stands in the log, and its detail
    as label and value rows."""

    name = AuditStep.ENTRY.value

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outcome = make_pill("staffAuditEntryOutcome")
        self.outcome.setVisible(False)
        top = _title_row(self)  # the title beside its outcome
        top.addWidget(self.outcome, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addStretch(1)
        content = QWidget()
        self.column = QVBoxLayout(content)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(SPACING.m)
        self.facts = QVBoxLayout()
        self.detail_heading = make_label("heading", object_name="staffAuditEntryDetailHeading")
        self.details = QVBoxLayout()
        self.column.addLayout(self.facts)
        self.column.addWidget(self.detail_heading)
        self.column.addLayout(self.details)
        self.column.addStretch(1)
        self.body.addWidget(scroll_area(content, "staffAuditEntryScroll"), 1)
        self._view: AuditView | None = None
        self.retranslate()

    def show_view(self, view: AuditView) -> None:
        self._view = view
        self._render()

    def _render(self) -> None:
        clear_layout(self.facts)
        clear_layout(self.details)
        view = self._view
        entry = view.entry if view is not None else None
        self.outcome.setVisible(entry is not None)
        if view is None or entry is None:
            self.title.setText(QCoreApplication.translate("StaffScreen", "Audit entry"))
            self.lead.clear()
            self.detail_heading.setVisible(False)
            return
        words, tone = outcome_pill(entry.outcome)
        self.outcome.setText(words)
        set_tone(self.outcome, tone)
        self.title.setText(action_words(entry.action, entry.outcome))
        self.lead.setText(moment(entry.at))
        facts = [
            Fact(
                QCoreApplication.translate("StaffScreen", "Who"),
                f"{actor_kind_words(entry.actor_kind)} · {entry.actor}",
            ),
            Fact(QCoreApplication.translate("StaffScreen", "Action"), entry.action),
            Fact(
                QCoreApplication.translate("StaffScreen", "Entry"),
                QCoreApplication.translate("StaffScreen", "No. {seq} in the log of {chain}").format(
                    seq=entry.seq, chain=entry.chain
                ),
            ),
        ]
        if entry.transaction_key:
            facts.append(
                Fact(
                    QCoreApplication.translate("StaffScreen", "Transaction"),
                    entry.transaction_key,
                    strong=False,
                )
            )
        self.facts.addWidget(facts_box("staffAuditEntryFacts", facts))
        self.detail_heading.setVisible(True)
        if view.detail:
            rows = [
                Fact(
                    translated(DETAIL_WORDS[item.key]) if item.key in DETAIL_WORDS else item.key,
                    detail_value(item.key, item.text, item.flag),
                )
                for item in view.detail
            ]
            self.details.addWidget(facts_box("staffAuditEntryDetail", rows))
        else:
            nothing = make_label("body", object_name="staffAuditEntryNoDetail")
            nothing.setText(
                QCoreApplication.translate("StaffScreen", "This entry records nothing more.")
            )
            self.details.addWidget(nothing)

    def retranslate(self) -> None:
        self.detail_heading.setText(QCoreApplication.translate("StaffScreen", "Details"))
        self._render()

    def wipe(self) -> None:
        super().wipe()
        self._view = None
        self._render()


# The integrity check ----------------------------------------------------------------------------


class AuditCheckScreen(StaffScreen):
    """The check at work, then its verdict: green when every entry verifies and the log matches
    the anchor file; red with what was found, and what to do, when not. Then each log's counts
    and the warnings (entries of a retired key)."""

    name = AuditStep.CHECK.value
    again_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.busy = BusyIndicator(96)
        self.working = make_label("lead", object_name="staffAuditCheckWorking")
        self.working_row = QWidget()
        working = QHBoxLayout(self.working_row)
        working.setContentsMargins(0, SPACING.l, 0, 0)
        working.setSpacing(SPACING.l)
        working.addWidget(self.busy, 0, Qt.AlignmentFlag.AlignVCenter)
        working.addWidget(self.working, 1)
        self.lead.setVisible(False)  # the verdict says it all; it needs the room
        self.notice = NoticeBox("staffAuditCheckNotice")
        self.notice.setVisible(False)
        self.verdict = ExplanationCard("staffAuditVerdict")
        self.verdict.setVisible(False)
        self.more = QVBoxLayout()  # each log's counts, the warnings, when it was checked
        self.more.setSpacing(SPACING.m)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(SPACING.m)
        column.addWidget(self.verdict)
        column.addLayout(self.more)
        column.addStretch(1)
        self.again_button = KioskButton(
            "staffAuditCheckAgain", kind="secondary", icon_name="shield"
        )
        self.again_button.clicked.connect(self.again_clicked)
        top = _title_row(self)
        top.addStretch(1)
        top.addWidget(self.again_button)
        self.body.addWidget(self.working_row)
        self.body.addWidget(self.notice)
        self.body.addWidget(scroll_area(content, "staffAuditCheckScroll"), 1)
        self._view: AuditView | None = None
        self.retranslate()

    def show_view(self, view: AuditView) -> None:
        self._view = view
        self._render()

    def _render(self) -> None:
        clear_layout(self.more)
        view = self._view
        busy = view is not None and view.busy
        self.working_row.setVisible(busy)
        self.again_button.setVisible(view is not None and not busy)
        failed = view is not None and view.notice is AuditNotice.CHECK_NOT_RUN
        self.notice.setVisible(failed)
        check = view.check if view is not None and not busy and not failed else None
        self.verdict.setVisible(check is not None)
        if check is None:
            self.verdict.clear_text()
            return
        if check.ok:
            self.verdict.show_text(
                "check-circle",
                "ok",
                QCoreApplication.translate("StaffScreen", "The audit log is intact"),
                QCoreApplication.translate(
                    "StaffScreen",
                    "Every entry is unchanged and in its place, sealed with this kiosk's key, "
                    "and the log matches the anchor file kept outside the database.",
                ),
                (),
            )
            self.verdict.next_heading.setVisible(False)
        else:
            found = [Fact(problem_where(p), problem_words(p)) for p in check.found]
            self.verdict.show_text(
                "error",
                "error",
                QCoreApplication.translate("StaffScreen", "The audit log has been altered"),
                QCoreApplication.translate("StaffScreen", "The check found 1 problem:")
                if len(check.found) == 1
                else QCoreApplication.translate(
                    "StaffScreen", "The check found {n} problems:"
                ).format(n=len(check.found)),
                (
                    QCoreApplication.translate(
                        "StaffScreen",
                        "Do not repair, reset or restart the kiosk: the database is evidence.",
                    ),
                    QCoreApplication.translate(
                        "StaffScreen", "Tell the administrator now, with the time of this check."
                    ),
                ),
                found,
            )
            self.verdict.next_heading.setVisible(True)
        chains = [
            Fact(
                QCoreApplication.translate("StaffScreen", "Log {chain}").format(chain=c.chain),
                chain_words(c),
            )
            for c in check.chains
        ]
        if not chains:
            chains = [
                Fact(
                    QCoreApplication.translate("StaffScreen", "Log"),
                    QCoreApplication.translate("StaffScreen", "No entries yet."),
                )
            ]
        chains.append(
            Fact(
                QCoreApplication.translate("StaffScreen", "Checked"),
                moment(check.checked_at),
                strong=False,
            )
        )
        self._heading(QCoreApplication.translate("StaffScreen", "What was checked"))
        self.more.addWidget(facts_box("staffAuditChains", chains))
        if check.retired:
            self._heading(QCoreApplication.translate("StaffScreen", "Warnings"))
            notes = [
                Fact(
                    QCoreApplication.translate("StaffScreen", "Log {chain}").format(chain=n.chain),
                    retired_words(n),
                )
                for n in check.retired
            ]
            self.more.addWidget(facts_box("staffAuditWarnings", notes))

    def _heading(self, text: str) -> None:
        label = make_label("heading")
        label.setText(text)
        self.more.addWidget(label)

    def retranslate(self) -> None:
        self.title.setText(QCoreApplication.translate("StaffScreen", "Audit log integrity"))
        self.working.setText(
            QCoreApplication.translate(
                "StaffScreen",
                "Checking every entry of the audit log against its seal, the entry before it "
                "and the anchor file. This can take a few seconds.",
            )
        )
        self.notice.set_tone("error")
        self.notice.set_text(
            QCoreApplication.translate(
                "StaffScreen",
                "The check could not run: the kiosk's database did not answer. "
                "Please try again in a moment.",
            )
        )
        self.verdict.next_heading.setText(
            QCoreApplication.translate("StaffScreen", "What to do now")
        )
        self.again_button.set_text(QCoreApplication.translate("StaffScreen", "Check again"))
        self._render()

    def wipe(self) -> None:
        super().wipe()
        self._view = None
        self._render()


# The area's screens, its menu button, and its wiring ---------------------------------------------


def make_screens() -> list[StaffScreen]:
    return [AuditLogScreen(), AuditEntryScreen(), AuditCheckScreen()]


def connect(screens: dict[str, StaffScreen], send: Send) -> None:
    """The screens' taps to the open AuditArea (kiosk.ui.screens.staff.AREA_SCREENS)."""
    log = screens[AuditStep.LOG.value]
    check = screens[AuditStep.CHECK.value]
    assert isinstance(log, AuditLogScreen) and isinstance(check, AuditCheckScreen)

    def to_area(fn: Callable[[AuditArea], list[Any]]) -> None:
        send(AuditArea, fn)

    log.choice_made.connect(lambda choice: to_area(lambda area: area.choose(choice)))
    log.older_clicked.connect(lambda: to_area(lambda area: area.older()))
    log.newer_clicked.connect(lambda: to_area(lambda area: area.newer()))
    log.entry_tapped.connect(lambda row: to_area(lambda area: area.open_entry(row)))
    log.check_clicked.connect(lambda: to_area(lambda area: area.run_check()))
    check.again_clicked.connect(lambda: to_area(lambda area: area.run_check()))


menu_item(
    AuditArea.key,
    "shield",
    QT_TRANSLATE_NOOP("StaffScreen", "Audit log"),
    QT_TRANSLATE_NOOP("StaffScreen", "Browse, filter, check integrity"),
)
