"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import enum

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

# Room for enum values added later without a column change.
ENUM_LENGTH = 24


class UTCDateTime(TypeDecorator[dt.datetime]):
    """An aware UTC datetime, stored naive in UTC.

    SQLite has no time zones and PostgreSQL's timestamptz comes back in the session's zone; storing
    naive UTC gives the same value back on both, to the microsecond, which the audit hash chain
    relies on.
    """

    impl = sa.DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column; pass an aware datetime")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC)


def enum_type(enum_cls: type[enum.Enum]) -> sa.Enum:
    """A domain enum stored as its value in a VARCHAR: portable, readable in a SQL shell, and
    adding a member needs no migration (no native PostgreSQL ENUM, no CHECK constraint)."""
    return sa.Enum(
        enum_cls,
        native_enum=False,
        create_constraint=False,
        length=ENUM_LENGTH,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
