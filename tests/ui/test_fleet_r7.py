"""R7 on screen (issue 14, docs/fleet.md): a kiosk of a fleet against the real centre on the test
PostgreSQL, reached through a TCP proxy that the test stops (the centre away) and starts again.
With the centre away, the with-card business (a damaged card replaced after its PIN) completes
with the "recorded at this kiosk" receipt and the status strip says offline with the message
waiting; identification without the card is refused plainly. With the centre back, the message
reaches the centre exactly once (asked as its administrator) and the strip says online with
nothing waiting."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import psycopg
import pytest
from pg_proxy import TcpProxy
from sqlalchemy.engine import make_url

from kiosk.app import Kiosk, build_kiosk
from kiosk.config import load_settings
from kiosk.domain.business import Refusal
from kiosk.domain.fleet import CentreState
from kiosk.store.central import admin

# TODO(lead): this test needs fleetkiosk's app wiring (build_kiosk in fleet mode: the
# CentreClient from central_url, the outbox sender's thread, strip.set_centre from the periodic
# check). Written against docs/fleet.md and the briefs before that wiring existed: remove this
# mark once it is merged, and expect to adjust names.
pytestmark = pytest.mark.skip(reason="needs fleetkiosk's fleet wiring in kiosk/app.py")

KIOSK_ID = "DEMO01"  # the demo kiosk's id


@pytest.fixture
def centre(postgres_factory, tmp_path) -> Iterator[tuple[str, str, str]]:
    """(admin URL, prefix, this kiosk's central_url) of a centre seeded with the demo."""
    from kiosk.demo.seed import seed_demo

    url = postgres_factory.new("empty", tmp_path / "centre")
    prefix = "r7" + secrets.token_hex(4)  # roles are cluster-wide: this session's own
    try:
        admin.init(url, prefix)
        engine = admin.registry_engine(url, prefix)
        try:
            seed_demo(engine)
        finally:
            engine.dispose()
        yield url, prefix, admin.add_kiosk(url, prefix, KIOSK_ID)
    finally:
        admin.drop(url, prefix)


@pytest.fixture
def proxy() -> Iterator[TcpProxy]:
    proxy = TcpProxy(("127.0.0.1", 5432))
    proxy.start()
    yield proxy
    proxy.stop()


def fleet_kiosk(qapp, tmp_path, central_url: str) -> Kiosk:
    from kiosk.demo.seed import seed_demo

    settings = load_settings(
        demo=True,
        environ={"KIOSK_DEPLOYMENT": "fleet", "KIOSK_CENTRAL_URL": central_url},
        data_dir=tmp_path / "kiosk",
        log_dir=tmp_path / "kiosk" / "log",
        tap_guard_seconds=0.0,
        idcard_reader="none",
    )
    kiosk = build_kiosk(settings, qapp, seed=seed_demo)
    kiosk.window.resize(1280, 800)
    kiosk.window.show()
    return kiosk


def applied_at_centre(admin_url: str, topic: str) -> int:
    dsn = make_url(admin_url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn) as conn:
        row = conn.execute(
            "SELECT count(*) FROM fleet.messages WHERE kiosk_id = %s AND topic = %s",
            (KIOSK_ID, topic),
        ).fetchone()
    return int(row[0]) if row else 0


def test_the_centre_away_and_back(qtbot, qapp, tmp_path, centre, proxy) -> None:
    admin_url, _prefix, central_url = centre
    through_proxy = make_url(central_url).set(host="127.0.0.1", port=proxy.port)
    kiosk = fleet_kiosk(qapp, tmp_path, through_proxy.render_as_string(hide_password=False))
    w, c = kiosk.window, kiosk.controller
    strip = w.attract.status_strip
    try:
        proxy.stop()  # the centre goes away

        def at(step: str) -> bool:
            business = c.business
            if c.flow.in_business and business is not None:
                return business.view.step.value == step and not business.view.busy
            return c.flow.view.step.value == step and c.worker.pending == 0

        # With the card: a damaged card replaced, recorded at this kiosk.
        kiosk.backend.insert("normal")
        qtbot.waitUntil(lambda: at("summary"), timeout=5000)
        w.summary.replace_clicked.emit()
        qtbot.waitUntil(lambda: at("pin"), timeout=5000)
        w.pin.pin_entered.emit(bytearray(b"123456"))
        qtbot.waitUntil(lambda: at("outlet"), timeout=8000)
        assert c.business is not None
        w.outlet.chosen.emit(c.business.view.outlets[0].code)
        for step in ("materials", "pickup", "review", "confirm"):
            qtbot.waitUntil(lambda: c.business is not None and not c.business.view.busy)
            w.business_screens[c.business.view.step].next_clicked.emit()
            qtbot.waitUntil(lambda s=step: at(s), timeout=5000)
        w.confirm.confirmed.emit()
        qtbot.waitUntil(
            lambda: at("receipt") and c.business.view.print_outcome is not None, timeout=8000
        )
        receipt = c.business.view.receipt
        assert receipt is not None and receipt.centre_pending
        assert w.receipt.guidance.text().startswith("Recorded at this kiosk.") or (
            kiosk.translations.language != "en"
        )
        kiosk.backend.remove()
        qtbot.waitUntil(lambda: at("attract"), timeout=5000)

        # The strip: offline, the message waiting.
        kiosk.check_status()
        qtbot.waitUntil(
            lambda: (
                strip.centre is not None
                and strip.centre.state is CentreState.UNREACHABLE
                and strip.centre.queued >= 1
            ),
            timeout=5000,
        )
        assert strip.backend.ok is False

        # Without the card: refused plainly, nothing recorded.
        w.attract.report_loss_clicked.emit()
        qtbot.waitUntil(lambda: at("identify"), timeout=5000)
        w.identify.id_field.set_text("510107196907300229")
        w.identify.mobile_field.set_text("18980024455")
        w.identify.submit()
        qtbot.waitUntil(lambda: at("refused"), timeout=8000)
        assert c.business is not None and c.business.view.refusal is Refusal.BACKEND_OFFLINE
        c.home()
        qtbot.waitUntil(lambda: at("attract"), timeout=5000)
        assert applied_at_centre(admin_url, "reissue") == 0

        # The centre comes back: the message arrives once, the strip goes online.
        proxy.start()

        def delivered() -> bool:
            kiosk.check_status()
            return (
                strip.centre is not None
                and strip.centre.state is CentreState.ONLINE
                and strip.centre.queued == 0
            )

        qtbot.waitUntil(delivered, timeout=12_000)
        assert applied_at_centre(admin_url, "reissue") == 1
        assert strip.backend.ok is True
    finally:
        kiosk.close()
