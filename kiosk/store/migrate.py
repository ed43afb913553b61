"""Bring a database to the newest schema with the Alembic migrations inside the package.

Called at start-up (`app.py`) and by `kiosk db upgrade`. The Alembic configuration is built in
code and the migration scripts are found inside the installed package, so nothing beside the
package (no alembic.ini) is needed on a kiosk.
"""

from __future__ import annotations

import logging

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

log = logging.getLogger(__name__)

SCRIPT_LOCATION = "kiosk.store:migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    if connection is not None:
        # Handing over the connection keeps the URL (and its password) out of the config,
        # and out of configparser's %-interpolation.
        config.attributes["connection"] = connection
    return config


def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = script_directory().get_current_head()
    if head is None:
        raise RuntimeError("no migrations found in the package")
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> str | None:
    """Apply the migrations up to `revision` in one transaction; returns the new revision."""
    before = current_revision(engine)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)
    after = current_revision(engine)
    if after != before:
        log.info("db.migrated from=%s to=%s", before, after)
    return after


def is_up_to_date(engine: Engine) -> bool:
    return current_revision(engine) == head_revision()
