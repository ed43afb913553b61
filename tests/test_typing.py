"""mypy is clean on the layers below the UI (ARCHITECTURE.md, habit 11)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ["kiosk/domain", "kiosk/card", "kiosk/services", "kiosk/flows"]


def test_mypy_is_clean_below_the_ui():
    done = subprocess.run(
        [sys.executable, "-m", "mypy", *CHECKED],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
