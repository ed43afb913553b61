"""Staff's view of the kiosk's day: its transactions with totals, their CSV export to a folder (a
USB stick is a folder), the day-end slip on the receipt printer, and the queue of messages
waiting for the central back end. Exports and prints are audited with the staff user as actor;
the data is masked in the store and stays masked."""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from kiosk.domain.business import PrintOutcome
from kiosk.domain.calendar import CHINA_TZ, local_date
from kiosk.domain.day_report import LINE_TERMS, DayReport, OutboxQueue, day_bounds
from kiosk.domain.journal import PRINT_ACTIONS, ActorKind, Outcome
from kiosk.domain.voucher_data import Language
from kiosk.reports.day_end import render_day_end
from kiosk.services.context import KioskContext
from kiosk.services.export_places import ExportProblem, write_problem
from kiosk.services.printing import send
from kiosk.store.db import read_session
from kiosk.store.repositories.day import DayRepository
from kiosk.store.repositories.outbox import OutboxRepository
from kiosk.store.seal import AuditAnchorError

log = logging.getLogger(__name__)

FILE_MODE = 0o600
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

CSV_HEADERS: dict[str, tuple[str, ...]] = {
    "zh_CN": (
        "办理时间",
        "业务类型",
        "凭证号",
        "类别/原因/金额(元)",
        "证件号码",
        "姓名",
        "卡号",
        "代办",
        "领卡网点",
        "预计领卡日期",
    ),
    "en": (
        "time",
        "business",
        "voucher",
        "kind/reason/amount (yuan)",
        "ID number",
        "name",
        "card number",
        "agent",
        "pickup outlet",
        "pickup date",
    ),
}
_YES_NO = {"zh_CN": ("是", "否"), "en": ("yes", "no")}


class ExportRefused(Exception):
    """The folder cannot take the export; the message says why in one line, `problem` in a
    word the screens translate."""

    def __init__(self, message: str, problem: ExportProblem = ExportProblem.WRITE_FAILED):
        super().__init__(message)
        self.problem = problem


@dataclass(frozen=True)
class CsvExport:
    path: Path
    rows: int


def csv_text(report: DayReport, language: Language = "zh_CN") -> str:
    """The day's transactions as CSV text (the BOM is added when it is written)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADERS[language])
    yes, no = _YES_NO[language]
    for line in report.lines:
        cells = [
            f"{line.at.astimezone(CHINA_TZ):%Y-%m-%d %H:%M:%S}",
            LINE_TERMS[line.kind].in_language(language),
            line.voucher_number,
            line.detail,
            line.holder_id,
            line.holder_name,
            line.card_number,
            yes if line.agent else no,
            line.outlet,
            line.pickup_date.isoformat() if line.pickup_date else "",
        ]
        writer.writerow([_inert(cell) for cell in cells])
    return out.getvalue()


def _inert(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def write_private_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` 0600 through a temporary file beside it, so a pulled stick or a
    crash leaves the old file or the new one, never half of one. Raises OSError."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)  # whatever the umask said
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    try:  # the rename itself reaches the stick
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass  # some file systems (FAT on a stick, through FUSE) cannot sync a folder
    finally:
        os.close(dir_fd)


class DayReports:
    def __init__(self, context: KioskContext) -> None:
        self.context = context

    def today(self) -> dt.date:
        return local_date(self.context.now())

    def report(self, day: dt.date | None = None) -> DayReport:
        """This kiosk's transactions of `day` (default today, in China) with their totals, the
        day's audit entries by outcome and the audit chain's head now. Reading only."""
        ctx = self.context
        day = day or self.today()
        start, end = day_bounds(day)
        chain = ctx.kiosk.kiosk_id
        with read_session(ctx.engine) as session:
            repo = DayRepository(session)
            lines = repo.transactions(chain, start, end) + repo.desk_lines(chain, start, end)
            outcomes = repo.audit_outcomes(chain, start, end)
            prints = repo.audit_actions(chain, start, end, PRINT_ACTIONS)
            head = repo.chain_head(chain)
        lines.sort(key=lambda line: line.at)  # stable: each source is in order already
        printed, reprinted = (prints.get(action, 0) for action in PRINT_ACTIONS)
        return DayReport(
            ctx.kiosk,
            day,
            ctx.now(),
            tuple(lines),
            outcomes,
            head,
            printed=printed,
            reprinted=reprinted,
        )

    def queue(self) -> OutboxQueue:
        """This kiosk's messages still waiting for the central back end. Reading only."""
        ctx = self.context
        with read_session(ctx.engine) as session:
            waiting, oldest = OutboxRepository(session).waiting(ctx.kiosk.kiosk_id)
        return OutboxQueue(waiting, oldest)

    def export_csv(
        self,
        folder: Path,
        *,
        actor: str,
        day: dt.date | None = None,
        language: Language = "zh_CN",
    ) -> CsvExport:
        """Write the day's transactions to `folder` as kiosk-<id>-<day>.csv, UTF-8 with a BOM
        (so a spreadsheet reads the Chinese right), masked, 0600, atomically; audited as
        "day_report.exported". Raises ExportRefused for a folder that is missing, not a folder
        or not writable, or when the export cannot be audited (the file is then removed)."""
        report = self.report(day)
        if not folder.is_dir():
            raise ExportRefused(
                f"{folder} is not a folder (is the USB stick plugged in?)", ExportProblem.GONE
            )
        path = folder / f"kiosk-{report.kiosk.kiosk_id}-{report.day.isoformat()}.csv"
        data = csv_text(report, language).encode("utf-8-sig")
        try:
            write_private_atomically(path, data)
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            problem = write_problem(exc, folder)
            raise ExportRefused(f"cannot write to {folder}: {reason}", problem) from None
        try:
            self._audit("day_report.exported", actor, Outcome.OK, report.day, rows=report.total)
        except (SQLAlchemyError, AuditAnchorError) as exc:
            # Personal data (masked) leaves the kiosk only on the record.
            path.unlink(missing_ok=True)
            raise ExportRefused(
                f"the export could not be recorded in the audit log ({type(exc).__name__}); "
                "nothing was written",
                ExportProblem.NOT_RECORDED,
            ) from None
        log.info("day_report.exported rows=%d", report.total)
        return CsvExport(path, report.total)

    def print_slip(
        self, *, actor: str, language: Language = "zh_CN", day: dt.date | None = None
    ) -> PrintOutcome:
        """Print the day-end slip of `day` (default today) on the kiosk's printer, in its
        paper's layout. Never raises: printer trouble is the outcome. Audited as
        "day_end.printed" with the chain head it printed (the head before this entry)."""
        ctx = self.context
        try:
            report = self.report(day)
            pdf = render_day_end(report, language, ctx.layout)
        except Exception as exc:  # nothing to print: say so, never a traceback on screen
            log.error("day_end.render_failed error=%s", type(exc).__name__)
            return PrintOutcome.FAILED
        stamp = report.made_at.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%S")
        outcome = send(ctx.printer, pdf, f"day-end-{ctx.kiosk.kiosk_id}-{stamp}", "day_end.error")
        head = report.head
        try:
            self._audit(
                "day_end.printed",
                actor,
                Outcome.OK if outcome is PrintOutcome.PRINTED else Outcome.FAILED,
                report.day,
                print=outcome.value,
                head_seq=head.seq if head else 0,
                head_hash=head.hash if head else "",
            )
        except (SQLAlchemyError, AuditAnchorError) as exc:
            log.warning("day_end.audit_failed error=%s", type(exc).__name__)
        return outcome

    def _audit(
        self, action: str, actor: str, outcome: Outcome, day: dt.date, **detail: object
    ) -> None:
        ctx = self.context
        with ctx.uow() as uow:
            uow.audit.append(
                chain=ctx.kiosk.kiosk_id,
                actor_kind=ActorKind.STAFF,
                actor=actor,
                action=action,
                outcome=outcome,
                at=ctx.now(),
                detail={"day": day.isoformat(), **detail},
            )
            uow.commit()
