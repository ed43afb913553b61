"""Settings of the kiosk. For now only where its database lives.

Nothing is read at import; callers ask when they need a value.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "sscard-kiosk"
DATABASE_URL_ENV = "KIOSK_DATABASE_URL"


def default_database_path() -> Path:
    """The kiosk's own SQLite file, under the platform data directory of the kiosk user."""
    return Path(platformdirs.user_data_dir(APP_NAME)) / "kiosk.db"


def database_url(url: str | None = None) -> str:
    """The database to use: `url` if given (e.g. `--url`), else $KIOSK_DATABASE_URL, else the
    kiosk's SQLite file. Any SQLAlchemy URL works; PostgreSQL is the central back end."""
    if url:
        return url
    from_env = os.environ.get(DATABASE_URL_ENV)
    if from_env:
        return from_env
    return f"sqlite:///{default_database_path()}"
