"""The composition root in a fleet: an injected centre (the tour's FakeCentre) makes a fleet
kiosk with its outbox sender thread, the periodic check hands the strip the centre's state, and
closing the kiosk stops the sender. Standalone kiosks tell the strip the centre is not used."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy.engine import Engine

from kiosk.app import build_kiosk
from kiosk.config import load_settings
from kiosk.demo.centre import FakeCentre
from kiosk.demo.seed import seed_demo
from kiosk.domain.fleet import CentreState, CentreStatus
from kiosk.services.registry import FleetRegistry, LocalRegistry
from kiosk.ui.widgets.statusstrip import StatusStrip


@pytest.fixture
def strip_said(monkeypatch: pytest.MonkeyPatch) -> list[CentreStatus]:
    said: list[CentreStatus] = []
    monkeypatch.setattr(
        StatusStrip, "set_centre", lambda _self, status: said.append(status), raising=False
    )
    return said


def test_an_injected_centre_makes_a_fleet_kiosk(
    qapp, qtbot, tmp_path, demo_sqlite: Callable[[dt.date | None], Engine], strip_said
) -> None:
    centre = FakeCentre(demo_sqlite(None), "DEMO01")
    settings = load_settings(
        demo=True, environ={}, data_dir=tmp_path / "k", log_dir=tmp_path / "k" / "log"
    )
    kiosk = build_kiosk(settings, qapp, seed=seed_demo, centre=centre)
    try:
        assert isinstance(kiosk.business.registry, FleetRegistry)
        assert kiosk.fleet is not None and kiosk.fleet.thread is not None
        assert kiosk.fleet.thread.is_alive()
        qtbot.waitUntil(lambda: bool(strip_said), timeout=3000)
        assert strip_said[-1].state is CentreState.ONLINE
        centre.set_reachable(False)
        assert kiosk.check_status is not None
        kiosk.check_status()
        qtbot.waitUntil(lambda: strip_said[-1].state is CentreState.UNREACHABLE, timeout=3000)
    finally:
        kiosk.close()
    assert not kiosk.fleet.thread.is_alive()


def test_a_standalone_kiosk_has_no_centre(make_kiosk, qtbot, strip_said) -> None:
    kiosk = make_kiosk()
    try:
        assert kiosk.fleet is None
        assert isinstance(kiosk.business.registry, LocalRegistry)
        qtbot.waitUntil(lambda: bool(strip_said), timeout=3000)
        assert strip_said[-1].state is CentreState.NOT_USED
    finally:
        kiosk.close()
