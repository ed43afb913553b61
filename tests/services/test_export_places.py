"""Where an export can go: the removable drives mounted now (by the mount table, a read-only one
said so, a folder that is no mount point left out) and the kiosk's own export folder, made
private when offered."""

from __future__ import annotations

import stat
from pathlib import Path

from kiosk.services.export_places import ExportPlaces, PlaceKind, find_drives, mount_points


def _mountinfo(tmp_path: Path, *lines: tuple[Path, str]) -> Path:
    table = tmp_path / "mountinfo"
    rows = [
        f"{20 + i} 1 8:{i} / {str(path).replace(' ', chr(92) + '040')} {opts} shared:1 - vfat "
        f"/dev/sd{chr(97 + i)}1 rw"
        for i, (path, opts) in enumerate(lines)
    ]
    table.write_text("\n".join(["1 0 8:0 / / rw - ext4 /dev/root rw", *rows]) + "\n")
    return table


def test_mounted_sticks_are_found_by_the_mount_table(tmp_path: Path) -> None:
    media = tmp_path / "media"
    stick, locked, loose = media / "kiosk" / "MY STICK", media / "kiosk" / "LOCKED", media / "x"
    for folder in (stick, locked, loose):
        folder.mkdir(parents=True)
    table = _mountinfo(tmp_path, (stick, "rw,nosuid"), (locked, "ro,nosuid"))
    assert mount_points(table) == {Path("/"): False, stick: False, locked: True}
    drives = find_drives((f"{media}/*/*", f"{media}/*"), mountinfo=table)
    assert [(d.label, d.read_only) for d in drives] == [("LOCKED", True), ("MY STICK", False)]
    assert all(d.kind is PlaceKind.DRIVE and (d.free_bytes or 0) > 0 for d in drives)
    # Without a table to trust (the tour's pretend stick), every matching folder counts.
    assert {d.path for d in find_drives((f"{media}/*/*",), mountinfo=None)} == {stick, locked}
    assert find_drives((f"{tmp_path}/nothing/*",), mountinfo=table) == []


def test_an_unreadable_mount_table_falls_back_to_the_file_system(tmp_path: Path) -> None:
    (tmp_path / "media" / "folder").mkdir(parents=True)
    assert mount_points(tmp_path / "missing") is None
    # A plain folder is no mount point: not offered.
    assert find_drives((f"{tmp_path}/media/*",), mountinfo=tmp_path / "missing") == []


def test_the_kiosk_folder_comes_last_and_is_made_private(tmp_path: Path) -> None:
    (tmp_path / "media" / "STICK").mkdir(parents=True)
    folder = tmp_path / "data" / "exports"
    places = ExportPlaces(folder, patterns=(f"{tmp_path}/media/*",), mountinfo=None).places()
    assert [(p.kind, p.path) for p in places] == [
        (PlaceKind.DRIVE, tmp_path / "media" / "STICK"),
        (PlaceKind.FOLDER, folder),
    ]
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert places[-1].label == str(folder) and not places[-1].read_only
    assert ExportPlaces(None, patterns=(), mountinfo=None).places() == ()
