"""The staff area "database" (kiosk.flows.staff_database): `staff-database`, the Database report
(kiosk.services.database_report): the connection's facts (URL with the password hidden, the
server, the round trip, the schema revision, the outbox), the checks as rows with a verdict
pill, a fleet kiosk's centre (kiosk.services.centre_report: its address, whether it answers,
as which kiosk, the last message it applied, the audit entry it anchored, the outbox sender),
and rows per table; "Check again". A database that cannot be reached is one plain
sentence with its fix, over what is still known (the URL). Texts in the context "StaffScreen";
the checks' findings are the services' own words (as `kiosk db check` prints them)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from kiosk.domain.fleet import CentreState
from kiosk.flows.staff_database import DatabaseArea, DatabaseView, ReportNotice
from kiosk.services.centre_report import CentreReport
from kiosk.services.database_report import DatabaseProblem, DatabaseReport
from kiosk.services.selftest import CheckResult
from kiosk.ui.i18n import format_moment, translated
from kiosk.ui.screens.staff.base import Send, StaffScreen
from kiosk.ui.screens.staff.diagnostics import VERDICT_TONES, verdict_word
from kiosk.ui.screens.staff.entry import menu_item
from kiosk.ui.theme import SPACING
from kiosk.ui.widgets.buttons import KioskButton
from kiosk.ui.widgets.parts import Card, clear_layout, make_label, scroll_area
from kiosk.ui.widgets.parts import Notice as NoticeBox

menu_item(
    "database",
    "server",
    QT_TRANSLATE_NOOP("StaffScreen", "Database"),
    QT_TRANSLATE_NOOP("StaffScreen", "Connection, schema, checks, row counts"),
)

TABLE_COLUMNS = 2  # (table, rows) pairs side by side


def report_notice_text(notice: ReportNotice) -> str:
    texts = {
        ReportNotice.UNAVAILABLE: lambda: QCoreApplication.translate(
            "StaffScreen", "This report is not available on this kiosk."
        ),
        ReportNotice.FAILED: lambda: QCoreApplication.translate(
            "StaffScreen", "The report could not be made. Tap Check again in a moment."
        ),
    }
    return texts[notice]()


def problem_text(problem: DatabaseProblem, backend: str | None) -> str:
    """One plain sentence with the fix, for a database the report could not read."""
    if problem is DatabaseProblem.UNREACHABLE and backend == "sqlite":
        return QCoreApplication.translate(
            "StaffScreen",
            "The database file cannot be opened. Check the disk and the file's permissions, "
            "then tap Check again.",
        )
    texts = {
        DatabaseProblem.UNREACHABLE: lambda: QCoreApplication.translate(
            "StaffScreen",
            "The back end does not answer. Check that the database server is running and the "
            "network cable is in, then tap Check again.",
        ),
        DatabaseProblem.NO_DATABASE: lambda: QCoreApplication.translate(
            "StaffScreen", "There is no database yet. Restart the kiosk: it makes one at start."
        ),
        DatabaseProblem.DRIVER_MISSING: lambda: QCoreApplication.translate(
            "StaffScreen",
            "The database driver is missing. Install the kiosk software again.",
        ),
        DatabaseProblem.BAD_URL: lambda: QCoreApplication.translate(
            "StaffScreen",
            "The database address in the settings cannot be used. Correct database_url in "
            "kiosk.toml.",
        ),
        DatabaseProblem.DAMAGED: lambda: QCoreApplication.translate(
            "StaffScreen", "The database file is damaged. Restore it from a backup."
        ),
    }
    return texts[problem]()


def check_name(check: CheckResult) -> str:
    names = {
        "connection": lambda: QCoreApplication.translate("StaffScreen", "Connection"),
        "schema": lambda: QCoreApplication.translate("StaffScreen", "Schema revision"),
        "integrity": lambda: QCoreApplication.translate("StaffScreen", "Integrity check"),
        "audit_chain": lambda: QCoreApplication.translate("StaffScreen", "Audit chain"),
        "outbox": lambda: QCoreApplication.translate("StaffScreen", "Outbox"),
        "centre": lambda: QCoreApplication.translate("StaffScreen", "Centre"),
        "centre_anchor": lambda: QCoreApplication.translate("StaffScreen", "Anchor at the centre"),
    }
    return names[check.id]() if check.id in names else check.name


def duration_text(seconds: float | None) -> str:
    """A duration in words: 45 s, 12 min, 5 h 3 min, 2 d 4 h."""
    if seconds is None:
        return QCoreApplication.translate("StaffScreen", "not known")
    if seconds < 60:
        return QCoreApplication.translate("StaffScreen", "{s} s").format(s=max(int(seconds), 0))
    minutes = int(seconds // 60)
    days, hours, mins = minutes // 1440, (minutes // 60) % 24, minutes % 60
    if days:
        return QCoreApplication.translate("StaffScreen", "{d} d {h} h").format(d=days, h=hours)
    if hours:
        return QCoreApplication.translate("StaffScreen", "{h} h {m} min").format(h=hours, m=mins)
    return QCoreApplication.translate("StaffScreen", "{m} min").format(m=mins)


def fact_rows(report: DatabaseReport) -> list[tuple[str, str]]:
    """The connection's facts: (label, value), as far as the report knows them."""
    rows = [(QCoreApplication.translate("StaffScreen", "Address"), report.url)]
    if report.backend:
        kind = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(report.backend, report.backend)
        rows.append(
            (
                QCoreApplication.translate("StaffScreen", "Kind"),
                f"{kind} {report.server_version or ''}".strip(),
            )
        )
    if report.round_trip_ms is not None:
        rows.append(
            (
                QCoreApplication.translate("StaffScreen", "Round trip"),
                QCoreApplication.translate("StaffScreen", "{ms} ms").format(
                    ms=f"{report.round_trip_ms:.1f}"
                ),
            )
        )
    if report.revision is not None or report.reachable:
        if report.revision_current:
            revision = QCoreApplication.translate(
                "StaffScreen", "{revision}, as this kiosk expects"
            ).format(revision=report.revision)
        else:
            revision = QCoreApplication.translate(
                "StaffScreen", "{revision}; this kiosk expects {expected}"
            ).format(
                revision=report.revision or QCoreApplication.translate("StaffScreen", "none"),
                expected=report.expected_revision,
            )
        rows.append((QCoreApplication.translate("StaffScreen", "Schema"), revision))
    if report.outbox_waiting is not None:
        if not report.outbox_waiting or report.outbox_oldest_age_s is None:
            outbox = QCoreApplication.translate("StaffScreen", "Nothing waiting")
        else:
            outbox = QCoreApplication.translate(
                "StaffScreen", "{n} waiting, the oldest for {age}"
            ).format(n=f"{report.outbox_waiting:,}", age=duration_text(report.outbox_oldest_age_s))
        rows.append((QCoreApplication.translate("StaffScreen", "Outbox"), outbox))
    rows.append(
        (QCoreApplication.translate("StaffScreen", "Checked"), format_moment(report.checked_at))
    )
    return rows


def centre_state_text(state: CentreState) -> str:
    texts = {
        CentreState.ONLINE: lambda: QCoreApplication.translate("StaffScreen", "Answers"),
        CentreState.UNREACHABLE: lambda: QCoreApplication.translate(
            "StaffScreen", "Not reachable: businesses are kept here and sent when it answers"
        ),
        CentreState.REJECTED: lambda: QCoreApplication.translate(
            "StaffScreen", "Refuses this kiosk: check central_url in kiosk.toml"
        ),
        CentreState.UNKNOWN: lambda: QCoreApplication.translate("StaffScreen", "Not known yet"),
        CentreState.NOT_USED: lambda: QCoreApplication.translate("StaffScreen", "Not used"),
    }
    return texts[state]()


def centre_rows(centre: CentreReport) -> list[tuple[str, str]]:
    """A fleet kiosk's centre: (label, value), as far as the report knows it."""
    rows = [
        (QCoreApplication.translate("StaffScreen", "Address"), centre.url),
        (QCoreApplication.translate("StaffScreen", "State"), centre_state_text(centre.state)),
    ]
    if centre.round_trip_ms is not None:
        ms = QCoreApplication.translate("StaffScreen", "{ms} ms").format(
            ms=f"{centre.round_trip_ms:.1f}"
        )
        rows.append((QCoreApplication.translate("StaffScreen", "Round trip"), ms))
    if centre.kiosk_id is not None:
        rows.append(
            (QCoreApplication.translate("StaffScreen", "Knows this kiosk as"), centre.kiosk_id)
        )
    if centre.last_seq is not None:
        rows.append(
            (
                QCoreApplication.translate("StaffScreen", "Last message applied"),
                f"{centre.last_seq:,}",
            )
        )
    if centre.anchored is not None:
        anchored = QCoreApplication.translate("StaffScreen", "Entry {seq} of chain {chain}").format(
            seq=centre.anchored.seq, chain=centre.anchored.chain
        )
        if centre.anchored_at is not None:
            anchored = f"{anchored} · {format_moment(centre.anchored_at)}"
        rows.append((QCoreApplication.translate("StaffScreen", "Anchored"), anchored))
    if centre.alerts:
        alerts = "\n".join(f"{a.kind}: {a.detail}" for a in centre.alerts[:5])
        rows.append((QCoreApplication.translate("StaffScreen", "Alerts"), alerts))
    if centre.sender is not None:
        sender = centre_state_text(centre.sender.state)
        if centre.sender.last_sent_at is not None:
            sender = QCoreApplication.translate("StaffScreen", "{state}; last sent {at}").format(
                state=sender, at=format_moment(centre.sender.last_sent_at)
            )
        rows.append((QCoreApplication.translate("StaffScreen", "Sender"), sender))
    return rows


def fill_pairs(grid: QGridLayout, stem: str, rows: list[tuple[str, str]]) -> None:
    """A grid of label / value rows (the values may wrap)."""
    clear_layout(grid)
    for r, (label_text, value_text) in enumerate(rows):
        label = make_label("muted", object_name=f"{stem}{r}Label", wrap=False)
        label.setText(label_text)
        value = make_label("body", object_name=f"{stem}{r}Value")
        value.setTextFormat(Qt.TextFormat.PlainText)
        value.setText(value_text)
        grid.addWidget(label, r, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(value, r, 1, Qt.AlignmentFlag.AlignTop)
    grid.setColumnStretch(1, 1)


def fill_columns(grid: QGridLayout, stem: str, rows: list[tuple[str, str]], columns: int) -> None:
    """Short label / value pairs in `columns` columns, down the first column, then the next."""
    clear_layout(grid)
    per_column = max(1, (len(rows) + columns - 1) // columns)
    for i, (label_text, value_text) in enumerate(rows):
        row, pair = i % per_column, i // per_column
        label = make_label("muted", object_name=f"{stem}{i}Name", wrap=False)
        label.setText(label_text)
        value = make_label("body", object_name=f"{stem}{i}Value", wrap=False)
        value.setText(value_text)
        grid.addWidget(label, row, pair * 2)
        grid.addWidget(value, row, pair * 2 + 1)
    for pair in range(columns):
        grid.setColumnStretch(pair * 2 + 1, 1)


def fill_checks(grid: QGridLayout, stem: str, checks: tuple[CheckResult, ...]) -> None:
    """A row per check: the verdict pill, then its name and what was found, and the fix."""
    clear_layout(grid)
    for row, check in enumerate(checks):
        pill = make_label(
            "pill",
            object_name=f"{stem}{row}Verdict",
            wrap=False,
            align=Qt.AlignmentFlag.AlignCenter,
            tone=VERDICT_TONES[check.verdict],
        )
        pill.setText(verdict_word(check.verdict))
        cell = QWidget()
        layout = QVBoxLayout(cell)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        name = make_label("body", object_name=f"{stem}{row}Name")
        name.setTextFormat(Qt.TextFormat.RichText)  # the name in bold; both escaped
        found = translated(check.found)
        name.setText(f"<b>{escape(check_name(check))}</b> · {escape(found)}")
        layout.addWidget(name)
        if check.fix:
            fix = make_label("small", object_name=f"{stem}{row}Fix")
            fix.setTextFormat(Qt.TextFormat.PlainText)
            fix.setText(
                QCoreApplication.translate("StaffScreen", "Fix: {fix}").format(
                    fix=translated(check.fix)
                )
            )
            layout.addWidget(fix)
        grid.addWidget(pill, row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(cell, row, 1, Qt.AlignmentFlag.AlignTop)
    grid.setColumnStretch(1, 1)


def _grid() -> QGridLayout:
    grid = QGridLayout()
    grid.setHorizontalSpacing(SPACING.l)
    grid.setVerticalSpacing(SPACING.s)
    return grid


class DatabaseScreen(StaffScreen):
    """The Database report, and Check again."""

    name = "staff-database"
    again_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notice = NoticeBox("staffDatabaseNotice")
        self.notice.setVisible(False)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, SPACING.s, 0)
        column.setSpacing(SPACING.m)
        self.facts_card = Card("staffDatabaseFacts", margins=SPACING.l)
        self.facts = _grid()
        self.facts_card.body.addLayout(self.facts)
        self.checks_card = Card("staffDatabaseChecks", margins=SPACING.l)
        self.checks = _grid()
        self.checks.setVerticalSpacing(SPACING.m)
        self.checks_card.body.addLayout(self.checks)
        self.centre_card = Card("staffDatabaseCentre", margins=SPACING.l)
        self.centre_heading = make_label("heading", object_name="staffDatabaseCentreHeading")
        self.centre = _grid()
        self.centre_card.body.addWidget(self.centre_heading)
        self.centre_card.body.addLayout(self.centre)
        self.tables_card = Card("staffDatabaseTables", margins=SPACING.l)
        self.tables_heading = make_label("heading", object_name="staffDatabaseTablesHeading")
        self.tables = _grid()
        self.tables_card.body.addWidget(self.tables_heading)
        self.tables_card.body.addLayout(self.tables)
        for card in (self.facts_card, self.checks_card, self.centre_card, self.tables_card):
            column.addWidget(card)
        column.addStretch(1)
        self.scroll = scroll_area(content, "staffDatabaseScroll")
        self.again_button = KioskButton("staffDatabaseAgain", kind="primary", icon_name="server")
        self.body.addWidget(self.notice)
        self.body.addWidget(self.scroll, 1)
        self.body.addWidget(self.again_button)
        self.again_button.clicked.connect(self.again_clicked)
        self._view = DatabaseView()
        self._shown: DatabaseReport | None = None
        self.retranslate()

    def show_view(self, view: DatabaseView) -> None:
        self._view = view
        self.again_button.setEnabled(not view.busy)
        self._fill()

    def _fill(self) -> None:
        view, report = self._view, self._view.report
        if report is not self._shown:
            self._fill_report(report)
            self._shown = report
        if view.busy:
            self.notice.set_tone("info", "clock")
            self.notice.set_text(
                QCoreApplication.translate(
                    "StaffScreen", "Checking the database. It takes a few seconds."
                )
            )
        elif view.notice is not None:
            self.notice.set_tone("error")
            self.notice.set_text(report_notice_text(view.notice))
        elif report is not None and report.problem is not None:
            self.notice.set_tone("error", "cloud-off")
            self.notice.set_text(problem_text(report.problem, report.backend))
        elif report is not None and not report.ok:
            self.notice.set_tone("warn")
            self.notice.set_text(
                QCoreApplication.translate(
                    "StaffScreen", "The database answers, but a check found a problem: see below."
                )
            )
        elif report is not None:
            self.notice.set_tone("ok", "check-circle")
            self.notice.set_text(
                QCoreApplication.translate(
                    "StaffScreen", "The database answers and every check holds."
                )
            )
        self.notice.setVisible(view.busy or view.notice is not None or report is not None)

    def _fill_report(self, report: DatabaseReport | None) -> None:
        self.facts_card.setVisible(report is not None)
        self.checks_card.setVisible(report is not None and bool(report.checks))
        self.tables_card.setVisible(report is not None and bool(report.tables))
        self.centre_card.setVisible(report is not None and report.centre is not None)
        if report is None:
            for grid in (self.facts, self.checks, self.centre, self.tables):
                clear_layout(grid)
            return
        if report.centre is not None:
            fill_pairs(self.centre, "staffDatabaseCentre", centre_rows(report.centre))
        else:
            clear_layout(self.centre)
        fill_pairs(self.facts, "staffDatabaseFact", fact_rows(report))
        fill_checks(self.checks, "staffDatabaseCheck", report.checks)
        fill_columns(
            self.tables,
            "staffDatabaseTable",
            [(table, f"{count:,}") for table, count in report.tables],
            TABLE_COLUMNS,
        )

    def retranslate(self) -> None:
        self.title.setText(QCoreApplication.translate("StaffScreen", "Database"))
        self.lead.setText(
            QCoreApplication.translate(
                "StaffScreen",
                "The kiosk's database as it answers now: its address (password hidden), "
                "schema, checks and rows.",
            )
        )
        self.tables_heading.setText(QCoreApplication.translate("StaffScreen", "Rows per table"))
        self.centre_heading.setText(QCoreApplication.translate("StaffScreen", "Centre"))
        self.again_button.set_text(QCoreApplication.translate("StaffScreen", "Check again"))
        self._shown = None  # the facts' labels and the pills' words
        self._fill()

    def wipe(self) -> None:
        super().wipe()
        self._view = DatabaseView()
        self._fill()


def make() -> list[StaffScreen]:
    return [DatabaseScreen()]


def connect(screens: dict[str, StaffScreen], send: Send) -> None:
    screen = screens[DatabaseScreen.name]
    assert isinstance(screen, DatabaseScreen)
    screen.again_clicked.connect(lambda: send(DatabaseArea, lambda a: a.check_again()))
