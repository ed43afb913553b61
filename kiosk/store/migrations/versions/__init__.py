"""Alembic revision scripts (Alembic skips this file; it makes setuptools ship the folder)."""
