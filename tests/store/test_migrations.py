"""Migrations: from empty to head on both databases, one straight line of revisions, and no
difference between the models and the schema the migrations build."""

from __future__ import annotations

import itertools

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from kiosk.store.db import create_engine
from kiosk.store.migrate import (
    current_revision,
    head_revision,
    is_up_to_date,
    script_directory,
    upgrade,
)
from kiosk.store.models import Base


def test_upgrade_from_empty_reaches_head(empty_url: str) -> None:
    engine = create_engine(empty_url)
    try:
        assert current_revision(engine) is None
        assert upgrade(engine) == head_revision()
        assert is_up_to_date(engine)
        tables = set(sa.inspect(engine).get_table_names())
        assert set(Base.metadata.tables) <= tables
        # A second upgrade is a no-op: start-up runs it every time.
        assert upgrade(engine) == head_revision()
    finally:
        engine.dispose()


def test_models_match_migrated_schema(empty_url: str) -> None:
    engine = create_engine(empty_url)
    try:
        upgrade(engine)
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(context, Base.metadata)
            conn.rollback()
        assert diff == []
    finally:
        engine.dispose()


def test_downgrade_to_base_and_back(empty_url: str) -> None:
    from alembic import command

    from kiosk.store.migrate import alembic_config

    engine = create_engine(empty_url)
    try:
        upgrade(engine)
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "base")
        assert current_revision(engine) is None
        assert set(sa.inspect(engine).get_table_names()) <= {"alembic_version"}
        assert upgrade(engine) == head_revision()
    finally:
        engine.dispose()


def test_revisions_form_one_straight_line() -> None:
    scripts = script_directory()
    revisions = list(scripts.walk_revisions())  # head first
    assert len(scripts.get_heads()) == 1
    assert len(scripts.get_bases()) == 1
    for newer, older in itertools.pairwise(revisions):
        assert newer.down_revision == older.revision, "every revision follows the one before"
    assert revisions[-1].down_revision is None
    assert all(not rev.is_merge_point and not rev.is_branch_point for rev in revisions)


def test_sqlite_contributions_are_stored_in_key_order(tmp_path) -> None:  # type: ignore[no-untyped-def]
    engine = create_engine(f"sqlite:///{tmp_path / 'k.db'}")
    try:
        upgrade(engine)
        with engine.connect() as conn:
            ddl = conn.scalar(sa.text("SELECT sql FROM sqlite_master WHERE name = 'contributions'"))
            conn.rollback()
        assert "WITHOUT ROWID" in ddl
    finally:
        engine.dispose()
