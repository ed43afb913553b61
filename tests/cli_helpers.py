"""The real `kiosk` command in a subprocess, and what a refusal must look like (issue 10): one
plain line, a documented exit code, no traceback, no hang.

Tests import this as `from cli_helpers import …` (tests/ is on sys.path through its conftest).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# Long enough for the slowest command's imports on a busy machine; a hang fails the test.
TIMEOUT_S = 60


def private_env(home: Path, **extra: str) -> dict[str, str]:
    """This environment without KIOSK_* settings, with the platform folders (settings, data,
    logs) under `home`, so a command finds nothing of the machine's own kiosk."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    for name, sub in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        env[name] = str(home / sub)
    env.update(extra)
    return env


def kiosk(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m kiosk ARGS`: the entry point the console script calls. `stdin`: what its
    standard input holds, through a pipe (default: this process's own)."""
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=TIMEOUT_S,
        input=stdin,
    )


def one_line(done: subprocess.CompletedProcess[str]) -> str:
    """The one line the command printed (stdout and stderr together). Fails on a traceback,
    on silence and on more than one line."""
    text = done.stdout + done.stderr
    assert "Traceback" not in text, text
    lines = text.splitlines()
    assert len(lines) == 1, f"expected one line, got {len(lines)}:\n{text}"
    return lines[0]
