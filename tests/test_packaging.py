"""The wheel must carry every package and the assets: pyproject.toml lists packages by hand
(assets/ is mapped to `sscard_assets`, which setuptools' find cannot see)."""

import tomllib
from pathlib import Path

from drivers.assets import assets_dir

ROOT = Path(__file__).resolve().parent.parent


def test_every_python_folder_is_a_listed_package():
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    on_disk = {
        ".".join(folder.relative_to(ROOT).parts)
        for top in ("kiosk", "drivers")
        for folder in [ROOT / top, *(ROOT / top).rglob("*")]
        if folder.is_dir() and folder.name != "__pycache__" and any(folder.glob("*.py"))
    }
    assert on_disk - listed == set(), "add these to [tool.setuptools] packages"
    assert "sscard_assets" in listed


def test_assets_are_found_where_the_card_images_are():
    assert (assets_dir() / "cards" / "normal.json").is_file()
