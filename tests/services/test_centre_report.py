"""The centre in the diagnostics (kiosk.services.centre_report) against a FakeCentre over the
demo kiosk's own database: the Database report's centre part and its two checks (the centre;
the anchor, which fails when the local audit log lost entries the centre had anchored), the
sender's state in the running kiosk, the self-test's centre check (pass, warn with what waits,
fail when refused, skipped when standalone), and a standalone report without any of it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from selftest_helpers import prepare_demo
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from drivers.printers.pdf import PdfPrinter
from drivers.readers.mock import MockReaderBackend
from kiosk.demo.centre import FakeCentre
from kiosk.domain.fleet import CentreState
from kiosk.domain.journal import LossReportKind, LossReportRequest
from kiosk.domain.voucher_data import KioskInfo
from kiosk.services.audit_seal import open_audit_seal
from kiosk.services.centre_report import CentreLink, TailState, centre_report
from kiosk.services.database_report import database_report
from kiosk.services.outbox_sender import OutboxSender
from kiosk.services.selftest import ReaderSurvey, SelftestSubject, Verdict, run_selftest
from kiosk.store.central.client import CentreAlert, ChainHead
from kiosk.store.db import create_engine
from kiosk.store.repositories.day import DayRepository
from kiosk.store.seal import SealFiles

KIOSK = "DEMO01"
NO_PHOTO_SSN = "440106197811230350"  # a demo cardholder


def now() -> dt.datetime:
    """The wall clock when the test runs (the report measures ages against it): taken at
    import time it was minutes old by the time a test ran on a busy worker."""
    return dt.datetime.now(dt.UTC)


URL = "postgresql+psycopg://sscard_k_demo01:s3cret-pw@centre.example/sscard"


@pytest.fixture(scope="session")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("centre-report") / "data"
    prepare_demo(where)
    return where


@pytest.fixture
def data_dir(demo_folder: Path, tmp_path: Path) -> Path:
    where = tmp_path / "data"
    shutil.copytree(demo_folder, where)
    return where


@pytest.fixture
def engine(data_dir: Path):  # type: ignore[no-untyped-def]
    made = create_engine(url_of(data_dir))
    yield made
    made.dispose()


@pytest.fixture
def centre(engine: Engine) -> FakeCentre:
    return FakeCentre(engine, KIOSK)  # the centre's registry: the demo's seeded records


def url_of(data_dir: Path) -> str:
    return f"sqlite:///{data_dir / 'kiosk.db'}"


def local_head(engine: Engine) -> ChainHead:
    with Session(engine) as session:
        head = DayRepository(session).chain_head(KIOSK)
    assert head is not None
    return ChainHead(head.chain, head.seq, head.hash)


def report(data_dir: Path, link: CentreLink | None):  # type: ignore[no-untyped-def]
    return database_report(url_of(data_dir), data_dir=data_dir, kiosk_id=KIOSK, centre=link)


def checks(made) -> dict[str, Verdict]:  # type: ignore[no-untyped-def]
    return {c.id: c.verdict for c in made.checks}


def add_waiting(business_service, engine: Engine, data_dir: Path, at: dt.datetime) -> None:  # type: ignore[no-untyped-def]
    """A loss report recorded at `at`: its outbox message waits (the kiosk's transaction)."""
    seal = open_audit_seal(engine, SealFiles.in_folder(data_dir), KIOSK)
    service = business_service(engine, kiosk=KioskInfo(KIOSK, "x"), seal=seal, now=at)
    request = LossReportRequest(uuid.uuid4().hex, KIOSK, NO_PHOTO_SSN, LossReportKind.TEMPORARY)
    service.report_loss(request)


def test_the_centre_part_of_a_fleet_kiosk(data_dir: Path, engine: Engine, centre: FakeCentre):
    head = local_head(engine)
    centre.chain_head, centre.last_seq = head, 41
    centre.alert_rows.append(
        CentreAlert("message_not_applied", "loss_report:k1: unknown card", None)
    )
    made = report(data_dir, CentreLink(centre, URL))
    part = made.centre
    assert part is not None and part.state is CentreState.ONLINE
    assert part.url == "postgresql+psycopg://sscard_k_demo01:***@centre.example/sscard"
    assert part.kiosk_id == KIOSK and part.last_seq == 41 and part.anchored == head
    assert part.round_trip_ms is not None and part.tail is TailState.HELD
    assert checks(made)["centre"] is checks(made)["centre_anchor"] is Verdict.PASS
    assert made.ok
    lines = made.lines()
    assert (
        f"centre: answers in {part.round_trip_ms:.1f} ms as kiosk {KIOSK}, last seq applied 41"
        in lines
    )
    assert f"centre anchor: seq {head.seq} of chain {KIOSK} is here, as anchored" in lines
    assert "centre alert: None message_not_applied: loss_report:k1: unknown card" in lines
    document = json.loads(json.dumps(made.as_dict()))
    assert document["centre"]["anchored"] == {"chain": KIOSK, "seq": head.seq, "hash": head.hash}
    assert document["centre"]["tail"] == "held" and document["centre"]["alerts"][0]["kind"]
    assert "s3cret" not in json.dumps(document) and "s3cret" not in "\n".join(lines)


def test_a_cut_tail_fails_the_check(data_dir: Path, engine: Engine, centre: FakeCentre):
    """The centre anchored the head; then the newest local entries go, head and all (what a
    cut would leave): the local chain alone cannot tell, the anchor at the centre does."""
    centre.chain_head = local_head(engine)
    with engine.begin() as connection:
        connection.execute(
            sa.text("DELETE FROM audit_log WHERE chain = :c AND seq = 2"), {"c": KIOSK}
        )
        first = connection.execute(
            sa.text("SELECT hash FROM audit_log WHERE chain = :c AND seq = 1"), {"c": KIOSK}
        ).scalar_one()
        connection.execute(
            sa.text("UPDATE audit_heads SET seq = 1, hash = :h WHERE chain = :c"),
            {"h": first, "c": KIOSK},
        )
    made = report(data_dir, CentreLink(centre, URL))
    assert made.centre is not None and made.centre.tail is TailState.CUT
    assert made.centre.local_seq == 1
    assert checks(made)["centre_anchor"] is Verdict.FAIL and not made.ok
    assert (
        "FAIL cut tail: the local audit log lost entries the centre had anchored: it anchored "
        f"seq 2 of chain {KIOSK}, the newest here is 1"
    ) in made.lines()
    assert made.lines()[-1] == "result: FAILED"


def test_a_rewritten_entry_fails_the_check(data_dir: Path, engine: Engine, centre: FakeCentre):
    head = local_head(engine)
    centre.chain_head = ChainHead(head.chain, head.seq, "0" * 64)
    made = report(data_dir, CentreLink(centre, URL))
    assert made.centre is not None and made.centre.tail is TailState.REWRITTEN and not made.ok
    assert checks(made)["centre_anchor"] is Verdict.FAIL


def test_an_unreachable_centre_warns_with_what_waits(
    data_dir: Path, engine: Engine, centre: FakeCentre, business_service
):
    add_waiting(business_service, engine, data_dir, now() - dt.timedelta(minutes=12))
    centre.set_reachable(False)
    made = report(data_dir, CentreLink(centre, URL))
    assert made.centre is not None and made.centre.state is CentreState.UNREACHABLE
    found = next(c for c in made.checks if c.id == "centre")
    assert found.verdict is Verdict.WARN
    assert str(found.found) == "not reachable; 1 waiting here, the oldest for 12 min"
    assert "network" in found.fix
    assert checks(made)["centre_anchor"] is Verdict.SKIP
    assert made.ok  # the local database holds: the businesses are kept and sent later
    assert made.as_dict()["centre"]["reachable"] is False


def test_a_refusing_centre_fails_with_the_fix(data_dir: Path, centre: FakeCentre):
    centre.rejecting = True
    made = report(data_dir, CentreLink(centre, URL))
    found = next(c for c in made.checks if c.id == "centre")
    assert found.verdict is Verdict.FAIL and "central_url" in found.fix
    assert made.centre is not None and made.centre.state is CentreState.REJECTED


def test_the_running_kiosk_adds_its_senders_state(
    data_dir: Path, engine: Engine, centre: FakeCentre, business_service
):
    sender = OutboxSender(engine, centre, KIOSK)
    add_waiting(business_service, engine, data_dir, now())
    assert sender.send_once().sent >= 1
    part = centre_report(CentreLink(centre, URL, sender), engine=engine)
    assert part.sender is not None and part.sender.state is CentreState.ONLINE
    assert part.sender.last_sent_at is not None and part.last_seq == centre.last_seq
    assert part.tail is TailState.HELD  # the sender sent the chain head with the batch
    assert any(line.startswith("sender: online, last sent ") for line in part.lines())


def test_standalone_has_no_centre_part(data_dir: Path):
    made = report(data_dir, None)
    assert made.centre is None and made.as_dict()["centre"] is None
    assert "centre" not in checks(made)
    assert not any(line.startswith(("centre", "sender", "FAIL cut")) for line in made.lines())


def subject(data_dir: Path, **changes: object) -> SelftestSubject:
    """The demo kiosk in `data_dir`: its PDF printer, a mock reader with nothing in it."""
    backend = MockReaderBackend()
    base = SelftestSubject(
        kiosk_id=KIOSK,
        data_dir=data_dir,
        database_url=url_of(data_dir),
        hmac_key_file=data_dir / "voucher-signing.key",
        printer=lambda: PdfPrinter(data_dir / "printed"),
        readers=lambda: ReaderSurvey(backend.service_available, tuple(backend.readers())),
        reader_kind="mock",
        build_date=dt.date(2026, 1, 1),
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def test_the_selftests_centre_check(
    data_dir: Path, engine: Engine, centre: FakeCentre, business_service
):
    def verdict_of(**changes: object):  # type: ignore[no-untyped-def]
        made = run_selftest(subject(data_dir, **changes))
        return next(c for c in made.checks if c.id == "centre")

    standalone = verdict_of()
    assert (
        standalone.verdict is Verdict.PASS
        and standalone.found == "not used: this kiosk is standalone"
    )
    link = CentreLink(centre, URL)
    passed = verdict_of(centre=lambda: link)
    assert passed.verdict is Verdict.PASS and passed.found.startswith("answers in ")
    add_waiting(business_service, engine, data_dir, now() - dt.timedelta(hours=2))
    centre.set_reachable(False)
    warned = verdict_of(centre=lambda: link)
    assert warned.verdict is Verdict.WARN
    assert warned.found == "not reachable; 1 waiting here, the oldest for 2 h 0 min"
    centre.set_reachable(True)
    centre.rejecting = True
    failed = verdict_of(centre=lambda: link)
    assert failed.verdict is Verdict.FAIL and "kiosk central add-kiosk" in failed.fix
    centre.rejecting = False
    centre.chain_head = ChainHead(KIOSK, 99, "f" * 64)
    cut = verdict_of(centre=lambda: link)
    assert cut.verdict is Verdict.FAIL and "lost entries the centre had anchored" in cut.found


def test_the_bundle_holds_the_centre_part_with_the_password_hidden(data_dir: Path) -> None:
    from kiosk.config import load_settings
    from kiosk.diag_setup import collect_bundle

    refused = "postgresql+psycopg://sscard_k_demo01:s3cret-pw@127.0.0.1:1/sscard"
    environ = {"KIOSK_DEPLOYMENT": "fleet", "KIOSK_CENTRAL_URL": refused}
    settings = load_settings(demo=True, environ=environ, data_dir=str(data_dir))
    bundle = collect_bundle(settings)
    assert "centre.json" in bundle.names
    archive = bundle.archive()
    import io
    import tarfile

    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("/centre.json"))
        document = json.loads(tar.extractfile(member).read())  # type: ignore[union-attr]
        everything = b"".join(
            tar.extractfile(m).read()
            for m in tar.getmembers()
            if m.isfile()  # type: ignore[union-attr]
        )
    assert document["state"] == "unreachable" and document["fix"]
    assert document["url"] == "postgresql+psycopg://sscard_k_demo01:***@127.0.0.1:1/sscard"
    assert b"s3cret-pw" not in everything
    standalone = collect_bundle(load_settings(demo=True, environ={}, data_dir=str(data_dir)))
    assert "centre.json" not in standalone.names
