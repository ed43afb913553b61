"""The kiosk's database: SQLAlchemy 2 models, repositories, unit of work, Alembic migrations
shipped in the package, demo and synthetic seeding, the sealed audit log and the integrity check.

Entry points: `db.create_engine(url)`, `migrate.upgrade(engine)`, `UnitOfWork(engine, seal)`
(`seal`: the kiosk's `seal.AuditSeal`, which seals audit entries and anchors their heads),
`journal.record_loss_report(uow, request)`, `check.check_database(engine, seal=seal)`.
"""
