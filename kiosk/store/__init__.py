"""The kiosk's database: SQLAlchemy 2 models, repositories, unit of work, Alembic migrations
shipped in the package, demo and synthetic seeding, and the integrity check.

Entry points: `db.create_engine(url)`, `migrate.upgrade(engine)`, `UnitOfWork(engine)`,
`journal.record_loss_report(uow, request)`, `check.check_database(engine)`.
"""
