"""Fixtures for the tests that print through a real, private cupsd (cupsd_helper.py).

Without cupsd (or without root) the tests are skipped, unless the CI variable is set: there a
missing package is a failure.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cupsd_helper import DeviceListener, PrivateCupsd, missing_requirements

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # One private cupsd per test run: under pytest-xdist (--dist loadgroup) the printer tests
    # share one worker, which starts it once.
    for item in items:
        if HERE in item.path.resolve().parents:
            item.add_marker(pytest.mark.xdist_group("cups"))


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"CUPS tests cannot run on CI: {reason}", pytrace=False)
    pytest.skip(f"CUPS tests skipped: {reason}")


@pytest.fixture(scope="session")
def cupsd() -> Iterator[PrivateCupsd]:
    missing = missing_requirements()
    if missing:
        _unavailable("; ".join(missing))
    root = Path(tempfile.mkdtemp(prefix="cupsd-", dir="/tmp"))  # short: a socket path
    daemon = PrivateCupsd(root)
    try:
        daemon.start()
    except (OSError, RuntimeError) as exc:
        daemon.stop()
        shutil.rmtree(root, ignore_errors=True)
        _unavailable(f"the private cupsd did not start: {exc}")
    yield daemon
    daemon.stop()
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def make_device() -> Iterator[Callable[..., DeviceListener]]:
    """make_device(hang=False): a network printer on a free port, stopped after the test."""
    made: list[DeviceListener] = []

    def make(*, hang: bool = False) -> DeviceListener:
        made.append(DeviceListener(hang=hang))
        return made[-1]

    yield make
    for listener in made:
        listener.stop()


_queue_numbers = itertools.count(1)


@pytest.fixture
def queue_name() -> str:
    """A fresh queue name per test, so no test sees another's jobs or state."""
    return f"kiosk{next(_queue_numbers)}"
