"""Private folders and files (S7): 0700 and 0600 whatever the umask; existing ones checked.

The tests run as root, so a permission *denial* cannot be shown; modes can.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from kiosk.store.db import create_engine, secure_database_files
from kiosk.store.files import (
    CannotCreate,
    FileTooLarge,
    NotARegularFile,
    NotPrivate,
    Repair,
    create_private_file,
    make_private_dir,
    read_regular_file,
    secure_dir,
    secure_file,
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=[0o000, 0o022, 0o277])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """Each test under a wide-open, the usual, and a strange umask (one that takes the owner's
    own write bit away)."""
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


def test_every_folder_made_is_0700_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    deep = tmp_path / "a" / "b" / "c"
    assert make_private_dir(deep) is True
    assert [mode(p) for p in (tmp_path / "a", tmp_path / "a" / "b", deep)] == [0o700] * 3
    assert make_private_dir(deep) is False  # already there


def test_every_file_made_is_0600_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    path = tmp_path / "data" / "kiosk.db"
    assert create_private_file(path) is True
    assert (mode(path), mode(path.parent)) == (0o600, 0o700)


def test_an_existing_file_is_not_made_again(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.db"
    path.write_bytes(b"data")
    path.chmod(0o640)
    assert create_private_file(path) is False
    assert (path.read_bytes(), mode(path)) == (b"data", 0o640)  # secure_file's job, not this


def test_a_file_in_the_way_of_a_folder_is_one_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("not a folder")
    with pytest.raises(CannotCreate, match=f"^{blocker} should be a folder but is not$"):
        make_private_dir(blocker)
    with pytest.raises(CannotCreate, match=r"cannot create the folder .*: Not a directory"):
        create_private_file(blocker / "sub" / "kiosk.db")


@pytest.mark.parametrize(("was", "now"), [(0o644, 0o600), (0o666, 0o600), (0o604, 0o600)])
def test_a_file_others_can_read_is_tightened_and_the_repair_said(
    tmp_path: Path, was: int, now: int
) -> None:
    path = tmp_path / "kiosk.log"
    path.write_text("x")
    path.chmod(was)
    repair = secure_file(path)
    assert repair == Repair(path, was, now)
    assert mode(path) == now
    assert str(repair) == f"{path} was open to others (mode {was:04o}); now {now:04o}"
    assert secure_file(path) is None  # nothing more to do


def test_secure_file_leaves_private_and_missing_files_alone(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.db"
    path.write_text("x")
    path.chmod(0o600)
    assert secure_file(path) is None
    assert secure_file(tmp_path / "missing") is None


def test_secure_file_refuses_what_is_not_a_file(tmp_path: Path) -> None:
    fifo = tmp_path / "kiosk.db"
    os.mkfifo(fifo, 0o644)
    with pytest.raises(NotARegularFile, match="is not a regular file"):
        secure_file(fifo)


def test_a_folder_others_can_write_is_tightened(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    folder.chmod(0o777)  # what umask 000 made before
    assert secure_dir(folder) == Repair(folder, 0o777, 0o700)
    assert mode(folder) == 0o700


def test_a_folder_others_may_only_list_is_left_as_it_is(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    folder.chmod(0o755)
    assert secure_dir(folder) is None
    assert mode(folder) == 0o755


def test_a_shared_sticky_folder_is_refused_not_changed(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)  # like /tmp
    with pytest.raises(NotPrivate, match="give the kiosk a folder of its own"):
        secure_dir(shared)
    assert mode(shared) == 0o1777


def test_reading_a_fifo_neither_blocks_nor_reads(tmp_path: Path, no_hang: None) -> None:
    fifo = tmp_path / "k"
    os.mkfifo(fifo)
    with pytest.raises(NotARegularFile):
        read_regular_file(fifo, limit=100)


def test_reading_a_device_or_a_folder_is_refused(tmp_path: Path, no_hang: None) -> None:
    for path in (Path("/dev/zero"), tmp_path):
        with pytest.raises(NotARegularFile):
            read_regular_file(path, limit=100)


def test_reading_stops_past_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "k"
    path.write_bytes(b"x" * 101)
    with pytest.raises(FileTooLarge, match="larger than 100 bytes"):
        read_regular_file(path, limit=100)
    path.write_bytes(b"x" * 100)
    path.chmod(0o640)
    assert read_regular_file(path, limit=100) == (b"x" * 100, 0o640)


def test_a_new_sqlite_database_and_its_wal_are_private_under_umask_000(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        engine = create_engine(f"sqlite:///{tmp_path / 'new' / 'kiosk.db'}")
        with engine.begin() as conn:
            conn.execute(sa.text("CREATE TABLE t (x INTEGER)"))
            conn.execute(sa.text("INSERT INTO t VALUES (1)"))
            files = sorted((tmp_path / "new").iterdir())
            assert [f.name for f in files] == ["kiosk.db", "kiosk.db-shm", "kiosk.db-wal"]
            assert {f.name: mode(f) for f in files} == {f.name: 0o600 for f in files}
        engine.dispose()
    finally:
        os.umask(old)
    assert mode(tmp_path / "new") == 0o700


def test_an_open_database_and_its_wal_are_tightened_for_the_kiosk(tmp_path: Path) -> None:
    database = tmp_path / "kiosk.db"
    for name in ("kiosk.db", "kiosk.db-wal"):
        (tmp_path / name).write_bytes(b"")
        (tmp_path / name).chmod(0o644)
    repairs = secure_database_files(f"sqlite:///{database}")
    assert repairs == [
        Repair(database, 0o644, 0o600),
        Repair(tmp_path / "kiosk.db-wal", 0o644, 0o600),
    ]
    assert secure_database_files("postgresql://kiosk@central/sscard") == []


def test_opening_an_engine_does_not_change_an_existing_databases_mode(tmp_path: Path) -> None:
    # `kiosk db check` opens it too, and must see (and report) the mode as it is.
    database = tmp_path / "kiosk.db"
    database.write_bytes(b"")
    database.chmod(0o644)
    create_engine(f"sqlite:///{database}").dispose()
    assert mode(database) == 0o644
