"""The wheel must carry every package and the assets: pyproject.toml lists packages by hand
(assets/ is mapped to `sscard_assets`, which setuptools' find cannot see), and each folder of
assets is listed as a data-only package so that setuptools has nothing to warn about."""

import tomllib
from pathlib import Path

from sscard_assets import assets_dir

ROOT = Path(__file__).resolve().parent.parent


def _listed() -> set[str]:
    return set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )


def test_every_python_folder_is_a_listed_package():
    listed = _listed()
    on_disk = {
        ".".join(folder.relative_to(ROOT).parts)
        for top in ("kiosk", "drivers")
        for folder in [ROOT / top, *(ROOT / top).rglob("*")]
        if folder.is_dir() and folder.name != "__pycache__" and any(folder.glob("*.py"))
    }
    assert on_disk - listed == set(), "add these to [tool.setuptools] packages"
    assert "sscard_assets" in listed


def test_every_asset_folder_is_a_listed_package_with_its_files():
    # An unlisted folder of package data that looks importable makes setuptools print a page
    # of "Package would be ignored" per folder on every install.
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    folders = {
        ".".join(("sscard_assets", *folder.relative_to(ROOT / "assets").parts))
        for folder in (ROOT / "assets").rglob("*")
        if folder.is_dir() and folder.name != "__pycache__"
    }
    assert folders - _listed() == set(), "add these to [tool.setuptools] packages"
    assert folders - set(config["package-data"]) == set(), "and to its package-data"


def test_assets_are_found_where_the_card_images_are():
    assert assets_dir() == ROOT / "assets"
    assert (assets_dir() / "cards" / "normal.json").is_file()
