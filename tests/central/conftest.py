"""The session's centre for tests/central (see centre_helpers.Centre)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest
from centre_helpers import Centre

from kiosk.demo.seed import seed_demo
from kiosk.store.central import admin


@pytest.fixture(scope="session")
def centre(postgres_factory, tmp_path_factory) -> Iterator[Centre]:
    url = postgres_factory.new("empty", tmp_path_factory.mktemp("centre"))
    prefix = "t" + secrets.token_hex(5)
    try:
        admin.init(url, prefix)
        engine = admin.registry_engine(url, prefix)
        try:
            seed_demo(engine)
        finally:
            engine.dispose()
        urls = {kiosk: admin.add_kiosk(url, prefix, kiosk) for kiosk in ("BJCY01", "BJCY02")}
        yield Centre(url, prefix, urls)
    finally:
        admin.drop(url, prefix)
