"""INSERT ... ON CONFLICT for the two databases the store runs on.

Both SQLite (3.24+) and PostgreSQL have it, with the same meaning, behind dialect-specific
constructs in SQLAlchemy; these helpers pick the right one for the session's database.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def _insert(session: Session, model: type[Any]) -> Any:
    name = session.get_bind().dialect.name
    if name == "sqlite":
        return sqlite.insert(model)
    if name == "postgresql":
        return postgresql.insert(model)
    raise NotImplementedError(f"no upsert for {name}")


def insert_ignore(session: Session, model: type[Any], values: Mapping[str, Any]) -> Any:
    """INSERT that does nothing when the row (by any unique key) exists."""
    return _insert(session, model).values(**values).on_conflict_do_nothing()


def insert_or_increment(
    session: Session,
    model: type[Any],
    keys: Mapping[str, Any],
    column: str,
) -> Any:
    """INSERT the row with `column` = 1, or add 1 to it; RETURNING the new value.

    One statement, so two writers can never read the same value (PostgreSQL takes the row lock;
    on SQLite the write transaction is already exclusive).
    """
    stmt = _insert(session, model).values(**keys, **{column: 1})
    return stmt.on_conflict_do_update(
        index_elements=list(keys),
        set_={column: getattr(model, column) + 1},
    ).returning(getattr(model, column))


def upsert(
    session: Session, model: type[Any], keys: Mapping[str, Any], values: Mapping[str, Any]
) -> Any:
    """INSERT the row, or UPDATE its `values` where one with `keys` (its primary key) exists."""
    stmt = _insert(session, model).values(**keys, **values)
    return stmt.on_conflict_do_update(index_elements=list(keys), set_=dict(values))
