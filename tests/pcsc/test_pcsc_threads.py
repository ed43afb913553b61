"""Many threads on libpcsclite at once must not crash the process.

libpcsclite 1.9 (Debian 12) walks its lists of contexts and card handles unguarded in
SCardDisconnect, so the kiosk sends every call that touches them through one lock
(`drivers.readers.pcsc.pcsc_call`). The hammering runs in a child process: a crash there is a
failed test here, not the end of the test run. Without the lock it crashed 5 runs out of 5.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

from drivers.simcard.pcscd import PcscdProcess

HAMMER = Path(__file__).with_name("pcsc_hammer.py")
ROOT = Path(__file__).resolve().parents[2]
SECONDS = 12
# The calls that create, find or drop a context or a card handle (see pcsc.py).
LIST_CALLS = {
    "SCardEstablishContext",
    "SCardReleaseContext",
    "SCardConnect",
    "SCardDisconnect",
    "SCardStatus",
    "SCardTransmit",
}


def test_connects_and_disconnects_beside_contexts_opening_and_closing(
    pcscd: PcscdProcess, wait_for_card
) -> None:
    done = subprocess.run(
        [sys.executable, str(HAMMER), str(pcscd.port(0)), str(pcscd.port(1)), str(SECONDS)],
        env={**os.environ, **pcscd.env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    for reader in pcscd.reader_names:  # the child pulled its cards: leave the readers empty
        wait_for_card(False, reader)
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout}\n{done.stderr[-3000:]}"
    counts = dict(field.split("=") for field in done.stdout.split())
    assert int(counts["connects"]) > 1000 and int(counts["contexts"]) > 1000


def test_the_backend_makes_those_calls_only_through_the_lock() -> None:
    source = (ROOT / "drivers" / "readers" / "pcsc.py").read_text(encoding="utf-8")
    direct = [
        f"line {node.lineno}: {node.func.attr}"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in LIST_CALLS
    ]
    assert direct == []
