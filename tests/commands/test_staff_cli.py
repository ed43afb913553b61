"""`kiosk staff add|list|reset|disable` through the real entry point (`python -m kiosk`): the
accounts it makes log in, their hashes are Argon2id, every change is in the sealed audit chain
with the operator as actor, and hostile input is one line and exit code 2, never a traceback."""

from __future__ import annotations

import datetime as dt
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import argon2
import pytest
import sqlalchemy as sa
from cli_helpers import TIMEOUT_S, kiosk, one_line, private_env

from kiosk import exit_codes
from kiosk.domain.staff import AccountLocked, StaffSession
from kiosk.services.audit_seal import open_audit_seal
from kiosk.services.staff_auth import StaffAuth
from kiosk.store import models as m
from kiosk.store.audit import AuditRepository
from kiosk.store.db import create_engine, read_session
from kiosk.store.seal import SealFiles


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return private_env(tmp_path / "home", KIOSK_DATA_DIR=str(tmp_path / "data"))


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'staff.db'}"


def staff(
    env: dict[str, str], url: str, *args: str, stdin: str | None = ""
) -> subprocess.CompletedProcess[str]:
    return kiosk("staff", *args, "--url", url, env=env, stdin=stdin)


def test_add_list_reset_disable(env: dict[str, str], url: str) -> None:
    done = staff(
        env,
        url,
        "add",
        "clerk01",
        "--role",
        "clerk",
        "--name",
        "柜员一",
        "--password-stdin",
        "--by",
        "setup",
        stdin="first password\n",
    )
    assert done.returncode == exit_codes.OK, done.stderr
    assert one_line(done) == "Added clerk clerk01 (柜员一)."
    done = staff(
        env, url, "add", "boss", "--role", "admin", "--password-stdin", stdin="admin password\r\n"
    )
    assert one_line(done) == "Added administrator boss (boss)." and done.returncode == 0

    engine = create_engine(url)
    try:
        with read_session(engine) as s:
            rows = s.execute(sa.select(m.StaffAccount.login, m.StaffAccount.password_hash))
            hashes = {login: password_hash for login, password_hash in rows}
        assert all(h.startswith("$argon2id$") for h in hashes.values())
        argon2.PasswordHasher().verify(hashes["clerk01"], b"first password")
        argon2.PasswordHasher().verify(hashes["boss"], b"admin password")  # CR LF taken off

        listing = staff(env, url, "list")
        assert listing.returncode == 0 and "$argon2" not in listing.stdout
        lines = listing.stdout.splitlines()
        assert lines[0].split() == ["login", "role", "active", "locked", "until", "name"]
        assert lines[1].split() == ["boss", "administrator", "yes", "-", "boss"]
        assert lines[2].split() == ["clerk01", "clerk", "yes", "-", "柜员一"]

        done = staff(env, url, "reset", "clerk01", "--password-stdin", stdin="second password")
        assert done.returncode == 0, done.stderr
        assert "unlocked and active" in one_line(done)
        done = staff(env, url, "disable", "clerk01", "--by", "boss")
        assert (done.returncode, one_line(done)) == (0, "Disabled clerk01.")
        assert staff(env, url, "list").stdout.splitlines()[2].split()[2] == "no"

        with read_session(engine) as s:
            h = s.scalar(
                sa.select(m.StaffAccount.password_hash).where(m.StaffAccount.login == "clerk01")
            )
            entries = AuditRepository(s).entries()
        argon2.PasswordHasher().verify(h, b"second password")
        assert [
            (e.actor_kind.value, e.actor, e.action, e.detail.get("login"))
            for e in reversed(entries)
        ] == [
            ("technician", "setup", "staff.account_added", "clerk01"),
            ("technician", entries[-2].actor, "staff.account_added", "boss"),
            ("technician", entries[-3].actor, "staff.password_reset", "clerk01"),
            ("technician", "boss", "staff.account_disabled", "clerk01"),
        ]
        assert "password" not in repr([e.detail for e in entries]).replace("password_reset", "")
    finally:
        engine.dispose()
    check = kiosk("db", "check", "--url", url, env=env)
    assert check.returncode == 0 and "audit chain: ok" in check.stdout, check.stdout


@pytest.mark.parametrize(
    ("args", "stdin", "says"),
    [
        (("add", "clerk01", "--role", "clerk", "--password-stdin"), "\n", "at least 8 characters"),
        (
            ("add", "clerk01", "--role", "clerk", "--password-stdin"),
            "",
            "no password on standard input",
        ),
        (
            ("add", "clerk01", "--role", "clerk", "--password-stdin"),
            "short\n",
            "at least 8 characters",
        ),
        (("add", "has space", "--role", "clerk", "--password-stdin"), "long enough\n", "no spaces"),
        (("add", "x" * 200, "--role", "clerk", "--password-stdin"), "long enough\n", "at most 32"),
        (
            ("add", "clerk01", "--role", "boss", "--password-stdin"),
            "long enough\n",
            "invalid choice",
        ),
        (("add", "clerk01", "--role", "clerk"), "long enough\n", "--password-stdin"),  # no tty
        (
            ("add", "clerk01", "--role", "clerk", "--name", " ", "--password-stdin"),
            "long enough\n",
            "--name",
        ),
        (("reset", "nobody", "--password-stdin"), "long enough\n", "no staff account nobody"),
        (("disable", "nobody"), "", "no staff account nobody"),
    ],
)
def test_hostile_input_is_one_line_and_usage(
    env: dict[str, str], url: str, args: tuple[str, ...], stdin: str, says: str
) -> None:
    done = staff(env, url, *args, stdin=stdin)
    line = one_line(done)
    assert done.returncode == exit_codes.USAGE, line
    assert says in line
    assert "long enough" not in line  # a password is never echoed


def test_a_duplicate_is_refused_and_list_needs_a_database(env: dict[str, str], url: str) -> None:
    assert staff(env, url, "list").returncode == exit_codes.UNAVAILABLE  # not created by list
    add = ("add", "clerk01", "--role", "clerk", "--password-stdin")
    assert staff(env, url, *add, stdin="long enough\n").returncode == 0
    done = staff(env, url, *add, stdin="other password\n")
    assert done.returncode == exit_codes.USAGE
    assert one_line(done) == (
        "kiosk staff add: there is already a staff account clerk01; nothing was changed"
    )


def test_list_shows_a_lock_and_reset_lifts_it(
    env: dict[str, str], url: str, tmp_path: Path
) -> None:
    add = ("add", "clerk01", "--role", "clerk", "--password-stdin")
    assert staff(env, url, *add, stdin="long enough\n").returncode == 0
    engine = create_engine(url)
    try:
        seal = open_audit_seal(engine, SealFiles.in_folder(tmp_path / "data"), "KIOSK01")
        auth = StaffAuth(engine, seal, "KIOSK01", clock=lambda: dt.datetime.now(dt.UTC))
        for _ in range(5):
            refusal = auth.login("clerk01", bytearray(b"wrong guess"))
        assert isinstance(refusal, AccountLocked)
        row = staff(env, url, "list").stdout.splitlines()[1]
        assert refusal.until.strftime("%Y-%m-%d %H:%M UTC") in row
        reset = staff(env, url, "reset", "clerk01", "--password-stdin", stdin="new password\n")
        assert reset.returncode == 0
        assert staff(env, url, "list").stdout.splitlines()[1].split()[3] == "-"
        assert isinstance(auth.login("clerk01", bytearray(b"new password")), StaffSession)
    finally:
        engine.dispose()


def _on_a_terminal(args: list[str], env: dict[str, str], answers: list[bytes]) -> tuple[int, str]:
    """Run `python -m kiosk ARGS` on a pseudo-terminal, typing each answer after its prompt."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the terminal is its controlling one, as at a technician's shell
        try:
            os.execve(sys.executable, [sys.executable, "-m", "kiosk", *args], env)
        finally:
            os._exit(127)  # never back into pytest in the child
    seen = b""
    deadline = time.monotonic() + TIMEOUT_S
    try:
        for answer in answers:
            while b":" not in seen.rsplit(b"\n", 1)[-1]:
                assert time.monotonic() < deadline, seen
                if select.select([fd], [], [], 1)[0]:
                    seen += os.read(fd, 1024)
            os.write(fd, answer + b"\n")
            seen += b"\n"
        while True:
            assert time.monotonic() < deadline, seen
            if select.select([fd], [], [], 1)[0]:
                try:
                    chunk = os.read(fd, 1024)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not chunk:
                    break
                seen += chunk
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    return os.waitstatus_to_exitcode(status), seen.decode(errors="replace")


def test_the_password_is_asked_twice_on_the_terminal(
    env: dict[str, str], url: str, tmp_path: Path
) -> None:
    args = ["staff", "add", "tech01", "--role", "technician", "--url", url]
    code, text = _on_a_terminal(args, env, [b"terminal password", b"terminal password"])
    assert code == 0, text
    assert "New password:" in text and "The same again:" in text
    assert "terminal password" not in text  # not echoed
    assert "Added technician tech01" in text
    code, text = _on_a_terminal(
        ["staff", "reset", "tech01", "--url", url], env, [b"one password", b"another one"]
    )
    assert code == exit_codes.USAGE and "the two passwords differ" in text, text
