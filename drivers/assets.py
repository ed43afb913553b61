"""Where the project's assets/ folder is: in a checkout, an editable install or a wheel."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path


@cache
def assets_dir() -> Path:
    """The assets folder. Installed, it is the package `sscard_assets` (pyproject.toml maps
    assets/ to it); run from a bare checkout, it is the folder beside drivers/."""
    spec = importlib.util.find_spec("sscard_assets")
    for location in (spec.submodule_search_locations or []) if spec else []:
        if Path(location).is_dir():
            return Path(location)
    return Path(__file__).resolve().parent.parent / "assets"
