"""Alembic migrations, run in code by `kiosk.store.migrate` (no alembic.ini at run time)."""
