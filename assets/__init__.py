"""The project's assets (card images, icons, style, translations, deployment files), installed as
the package `sscard_assets`: `assets_dir()` says where they are, for `kiosk` and `drivers` alike.

pyproject.toml maps this folder to `sscard_assets`, so an editable install finds it here in the
checkout and a wheel carries it into site-packages; either way the files sit beside this module.
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def assets_dir() -> Path:
    """The assets folder: the folder of this package, wherever it was installed."""
    return _HERE
