"""Test-wide settings: Qt must run headless, set before anything imports PySide6."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
