"""The session's centre for tests/central (see centre_helpers.centre_on)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from centre_helpers import Centre, centre_on


@pytest.fixture(scope="session")
def centre(postgres_factory, tmp_path_factory) -> Iterator[Centre]:
    with centre_on(postgres_factory, tmp_path_factory.mktemp("centre"), ("BJCY01", "BJCY02")) as c:
        yield c
