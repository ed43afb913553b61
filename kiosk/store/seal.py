"""The audit seal (S5): a key kept apart from the database, and an anchor kept outside it.

A hash chain alone stops nobody who can write the database: they edit an entry and compute every
hash after it again. The seal closes both gaps a chain in the database leaves open:

- **The key.** Each entry's seal is HMAC-SHA256 under a 32-byte key in `audit-chain.key` in the
  kiosk's data folder (0600, beside `voucher-signing.key`), never in the database. Without the
  key, no valid entry can be written or rewritten. Each entry records the key's id (a MAC of a
  fixed text, not the key), so a check on a back end shared by many kiosks can tell which chains
  it holds the key of and which it cannot verify there.
- **The anchor.** `audit-anchor.log` in the data folder (0600) gets one line per commit that
  added entries: `<UTC time> <chain> <seq> <seal>` of the chain's new head. It is opened
  O_APPEND and synced after each line, never rewritten or compacted. `kiosk db check` requires
  every anchored head to be in the database's chain with the anchored seal, and the anchored
  entry numbers of a chain never to go back: a cut tail is found even after the kiosk has
  written new entries on top of the cut.

The line goes out after the database commit, under an exclusive lock on the file taken before
it (so lines of two processes sealing the same chain come out in commit order). A crash between
the commit and the line leaves the anchor one commit behind, which the check allows: a later
line of the chain anchors everything before it.

Size: a line is about 100 bytes. A kiosk that commits 500 audited actions a day adds about
18 MB (180,000 lines) a year, which `kiosk db check` reads in about a second, in two streaming
passes (no year of lines is held in memory). The file is never compacted: that would mean
trusting whoever rewrote it. Archive it with the rest of the data folder, and start it afresh
only together with a new database (the check would otherwise find its chain gone).

What the seal cannot stop: someone who can also write the data folder (they hold the key and
can edit the anchor). Its threat is the one S5 names: whoever can write the database only (a
leaked database password, SQL access to the shared back end, the file copied off and back).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import hmac
import logging
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from kiosk.store.files import PrivateFileError, create_private_file, secure_file

log = logging.getLogger(__name__)

AUDIT_KEY_FILE = "audit-chain.key"
ANCHOR_FILE = "audit-anchor.log"
ANCHOR_HEADER = "# sscard audit anchor v1: <UTC time> <chain> <seq> <seal of the chain's head>\n"
_KEY_ID_TEXT = b"sscard audit chain key id v1"


class AuditSealError(RuntimeError):
    """The audit seal cannot be used; the kiosk must not write audit entries without it."""


class AuditKeyMissing(AuditSealError):
    """The audit key file is gone while the chain already holds entries sealed with it (or the
    anchor file names the chain): a new key could never verify them. Restore the key."""


class AuditKeyMismatch(AuditSealError):
    """The audit key file holds another key than the one the chain is sealed with."""


class AuditKeyUnusable(AuditSealError):
    """The audit key file cannot be used: unsafe mode, wrong contents, unreadable."""


class AuditAnchorError(AuditSealError):
    """The anchor file cannot be opened for appending (a read-only or full data folder)."""


@dataclass(frozen=True)
class SealFiles:
    """Where a kiosk keeps its seal: both files in its data folder."""

    key: Path
    anchor: Path

    @classmethod
    def in_folder(cls, folder: Path) -> SealFiles:
        return cls(folder / AUDIT_KEY_FILE, folder / ANCHOR_FILE)


class AnchorLine(NamedTuple):  # a tuple: the check reads a line per audited commit
    chain: str
    seq: int
    seal: str


@dataclass
class AnchorReading:
    """What the anchor file says, chain by chain."""

    last: dict[str, AnchorLine] = field(default_factory=dict)
    # (line number, chain, anchored seq before, seq of this line): a chain that went back.
    regressions: list[tuple[int, str, int, int]] = field(default_factory=list)
    unreadable: list[int] = field(default_factory=list)  # line numbers
    lines: int = 0


class AnchorLog:
    """The append-only anchor file of the chain heads this kiosk committed."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def __repr__(self) -> str:
        return f"AnchorLog({str(self.path)!r})"

    def prepare(self) -> None:
        """Create the file 0600 (its folder 0700) whatever the umask, or tighten one others
        may read (its lines are no secret, the file stays right), so that a folder the kiosk
        cannot write stops it at start rather than at its first business. Raises
        AuditAnchorError."""
        try:
            create_private_file(self.path)
            repair = secure_file(self.path)
        except PrivateFileError as exc:
            raise AuditAnchorError(f"audit anchor file: {exc}") from None
        if repair is not None:
            log.warning("files.repaired %s", repair)
        with self.holding() as writer:
            try:
                writer.sync()
            except OSError as exc:
                raise AuditAnchorError(
                    f"cannot write the audit anchor file {self.path}: {exc.strerror}"
                ) from None

    @contextlib.contextmanager
    def holding(self) -> Iterator[AnchorWriter]:
        """The file opened and locked; commit the database inside, then `record` the heads.

        Raises AuditAnchorError before anything is committed when the file cannot be opened.
        """
        try:
            fd = self._open()
        except OSError as exc:
            raise AuditAnchorError(
                f"cannot open the audit anchor file {self.path}: {exc.strerror}"
            ) from None
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                _start_line(fd)
            except OSError as exc:
                raise AuditAnchorError(
                    f"cannot write the audit anchor file {self.path}: {exc.strerror}"
                ) from None
            yield AnchorWriter(fd)
        finally:
            os.close(fd)  # releases the lock

    def _open(self) -> int:
        flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(self.path, flags, 0o600)
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise OSError(0, "not a regular file")
        return fd

    def read(self) -> AnchorReading:
        """The whole file in one pass: each chain's last line, the lines where a chain went
        back, the lines that cannot be read. A missing file reads as no lines at all."""
        reading = AnchorReading()
        for number, line in self._lines():
            reading.lines = number
            if line is None:
                reading.unreadable.append(number)
                continue
            before = reading.last.get(line.chain)
            if before is not None and _goes_back(before, line):
                reading.regressions.append((number, line.chain, before.seq, line.seq))
            reading.last[line.chain] = line
        return reading

    def lines_of(self, chain: str) -> Iterator[AnchorLine]:
        """The lines of `chain` in order, without those that go back (`read` reports them), so
        the sequence numbers never decrease: a check walks them beside the chain's entries."""
        before: AnchorLine | None = None
        word = f" {chain} ".encode()
        for _number, line in self._lines(word):
            if line is None or line.chain != chain:
                continue
            if before is not None and _goes_back(before, line):
                continue
            before = line
            yield line

    def names(self, chain: str) -> bool:
        """Whether any line anchors `chain` (reads the file: for start-up decisions)."""
        return next(self.lines_of(chain), None) is not None

    def _lines(self, containing: bytes = b"") -> Iterator[tuple[int, AnchorLine | None]]:
        """(line number, the line; None if unreadable), comments and blank lines left out, and
        lines without `containing` (a cheap filter before parsing)."""
        try:
            file = self.path.open("rb", buffering=1 << 20)
        except FileNotFoundError:
            return
        except OSError as exc:  # a folder where the file should be, no permission
            raise AuditAnchorError(
                f"cannot read the audit anchor file {self.path}: {exc.strerror}"
            ) from None
        with file:
            for number, raw in enumerate(file, start=1):
                if containing in raw and not raw.startswith(b"#") and raw.strip():
                    yield number, _parse(raw)


def _goes_back(before: AnchorLine, line: AnchorLine) -> bool:
    """A head older than one anchored before it, or the same entry with another seal."""
    return line.seq < before.seq or (line.seq == before.seq and line.seal != before.seal)


def _start_line(fd: int) -> None:
    """The header in a new file; a newline after a line a crash cut short, so that the next
    line starts on its own (the cut one is reported as unreadable, and skipped)."""
    size = os.fstat(fd).st_size
    if size == 0:
        os.write(fd, ANCHOR_HEADER.encode())
    elif os.pread(fd, 1, size - 1) != b"\n":
        os.write(fd, b"\n")


def _parse(raw: bytes) -> AnchorLine | None:
    """`<time> <chain> <seq> <seal>`; None for anything else (a line cut short by a crash)."""
    parts = raw.split()
    if len(parts) != 4 or len(parts[3]) != 64:
        return None
    try:
        return AnchorLine(parts[1].decode(), int(parts[2]), parts[3].decode("ascii"))
    except (ValueError, UnicodeDecodeError):
        return None


class AnchorWriter:
    """Appends head lines to an anchor file opened and locked by `AnchorLog.holding`."""

    def __init__(self, fd: int) -> None:
        self._fd = fd

    def record(self, heads: Iterable[AnchorLine]) -> None:
        """One line per head, then fsync. Called after the commit: a failure is logged, not
        raised (the entries are committed; the next line of the chain anchors them too)."""
        at = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        text = "".join(f"{at} {h.chain} {h.seq} {h.seal}\n" for h in heads)
        try:
            os.write(self._fd, text.encode())
            os.fsync(self._fd)
        except OSError as exc:
            log.error("audit.anchor_write_failed error=%s", exc.strerror or type(exc).__name__)

    def sync(self) -> None:
        os.fsync(self._fd)


class AuditSeal:
    """The key that seals audit entries and the anchor their heads go to.

    Made once by the composition root (`kiosk.services.audit_seal.open_audit_seal`) and handed
    to every `UnitOfWork` that writes audit entries; `kiosk db check` gets one to verify with.
    """

    def __init__(self, key: bytes, anchor: AnchorLog) -> None:
        if len(key) < 16:
            raise ValueError("an audit key needs at least 16 bytes")
        self._key = key
        self.anchor = anchor
        self.key_id = hmac.new(key, _KEY_ID_TEXT, hashlib.sha256).hexdigest()[:16]

    def __repr__(self) -> str:  # never the key
        return f"AuditSeal(key_id={self.key_id!r}, anchor={self.anchor!r})"

    def mac(self, prev_hash: str, body: str) -> str:
        """An entry's seal: HMAC-SHA256 over the previous entry's seal and its canonical text."""
        return hmac.new(self._key, (prev_hash + body).encode(), hashlib.sha256).hexdigest()


def unsafe_mode(path: Path) -> str | None:
    """Why `path` is not private (readable or writable by group or others), or None."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return None
    if mode & 0o077:
        return f"{path.name} is accessible to group or others (mode {mode:04o}, want 0600)"
    return None
