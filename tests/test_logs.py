"""The kiosk's log file (S7): its folder 0700 and its files 0600 whatever the umask; a log
others could read is tightened, and the log itself says so."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.logs import setup_logging
from kiosk.store.files import CannotCreate, PrivateFileError


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def restore_root_logger() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def test_under_umask_000_the_log_folder_and_file_are_private(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        path = setup_logging(tmp_path / "var" / "log" / "kiosk")
        logging.getLogger("kiosk.test").info("card.inserted")
    finally:
        os.umask(old)
    assert path == tmp_path / "var" / "log" / "kiosk" / "kiosk.log"
    assert [mode(p) for p in (tmp_path / "var", path.parent.parent, path.parent)] == [0o700] * 3
    assert mode(path) == 0o600
    assert "card.inserted" in path.read_text(encoding="utf-8")


def test_logs_others_could_read_are_tightened_and_the_log_says_so(tmp_path: Path) -> None:
    log_dir = tmp_path / "log"
    log_dir.mkdir(mode=0o777)
    log_dir.chmod(0o777)
    for name in ("kiosk.log", "kiosk.log.1"):
        (log_dir / name).write_text("old line\n", encoding="utf-8")
        (log_dir / name).chmod(0o644)
    path = setup_logging(log_dir)
    assert {p.name: mode(p) for p in log_dir.iterdir()} == {
        "kiosk.log": 0o600,
        "kiosk.log.1": 0o600,
    }
    assert mode(log_dir) == 0o700
    warnings = [line for line in path.read_text(encoding="utf-8").splitlines() if "WARNING" in line]
    assert [line.split(" WARNING kiosk.logs ")[1] for line in warnings] == [
        f"files.repaired {log_dir} was open to others (mode 0777); now 0700",
        f"files.repaired {log_dir / 'kiosk.log'} was open to others (mode 0644); now 0600",
        f"files.repaired {log_dir / 'kiosk.log.1'} was open to others (mode 0644); now 0600",
    ]


def test_a_rotated_log_is_private_too(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        path = setup_logging(tmp_path)
        handler = next(h for h in logging.getLogger().handlers if hasattr(h, "doRollover"))
        handler.doRollover()  # type: ignore[attr-defined]
        logging.getLogger("kiosk.test").info("after.rotation")
    finally:
        os.umask(old)
    assert {p.name: mode(p) for p in tmp_path.iterdir()} == {
        "kiosk.log": 0o600,
        "kiosk.log.1": 0o600,
    }
    assert "after.rotation" in path.read_text(encoding="utf-8")


def test_a_log_folder_that_cannot_be_made_is_one_typed_line(tmp_path: Path) -> None:
    blocker = tmp_path / "log"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(CannotCreate) as refused:
        setup_logging(blocker / "kiosk")
    assert isinstance(refused.value, PrivateFileError)
    assert str(refused.value) == f"cannot create the folder {blocker / 'kiosk'}: Not a directory"


def test_the_kiosk_s_events_go_to_the_file_and_only_warnings_to_stderr(tmp_path: Path) -> None:
    # The kiosk's main() sets up stderr (the journal under systemd) before the log file lowers
    # the root level to INFO; the events must then not be written twice.
    script = (
        "import logging, sys\n"
        "from pathlib import Path\n"
        "from kiosk.cli import main\n"
        "from kiosk.logs import setup_logging\n"
        "main(['voucher', 'verify', 'ABC'])\n"
        "setup_logging(Path(sys.argv[1]))\n"
        "logging.getLogger('kiosk.x').info('event.routine')\n"
        "logging.getLogger('kiosk.x').warning('event.worth_a_look')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "event.worth_a_look" in done.stderr
    assert "event.routine" not in done.stderr
    logged = (tmp_path / "kiosk.log").read_text(encoding="utf-8")
    assert "event.routine" in logged and "event.worth_a_look" in logged
