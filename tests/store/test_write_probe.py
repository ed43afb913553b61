"""The write probe (kiosk.store.db.probe_writable): a database the kiosk can read but not write
is out of service (E-DB-READONLY), not a kiosk that looks in service and refuses everything."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url

from kiosk.domain.outage import Reason
from kiosk.faults import Step, classify
from kiosk.store.db import create_engine, probe_writable
from kiosk.store.migrate import current_revision


def test_a_writable_database_passes_and_nothing_changes(engine: Engine) -> None:
    before = current_revision(engine)
    probe_writable(engine)
    assert current_revision(engine) == before


def _read_only(url: str) -> Engine:
    """The same database, opened the way a read-only disk or server would serve it."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return sa.create_engine(f"sqlite:///file:{parsed.database}?mode=ro&uri=true")
    # A hot standby, or a role or database set to read-only, starts every transaction so.
    return create_engine(url, connect_args={"options": "-c default_transaction_read_only=on"})


def test_a_database_that_cannot_be_written_is_read_only_whatever_the_step(
    migrated_url: str,
) -> None:
    read_only = _read_only(migrated_url)
    try:
        with read_only.connect() as connection:  # it still reads
            assert connection.exec_driver_sql("SELECT count(*) FROM alembic_version").scalar()
        with pytest.raises(sa.exc.DBAPIError) as refused:
            probe_writable(read_only)
    finally:
        read_only.dispose()
    for step in (Step.DATABASE, Step.CHECK):
        assert classify(refused.value, step) is Reason.DB_READONLY
