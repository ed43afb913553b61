"""The kiosk's database: SQLAlchemy 2 models, repositories, unit of work, the once-per-key
mechanism, Alembic migrations shipped in the package, demo and synthetic seeding, the sealed
audit log and the integrity check. What a business writes is its use case's (kiosk.services).

Entry points: `db.create_engine(url)`, `migrate.upgrade(engine)`, `UnitOfWork(engine, seal)`
(`seal`: the kiosk's `seal.AuditSeal`, which seals audit entries and anchors their heads),
`once.record_once(...)`, `check.check_database(engine, seal=seal)`.
"""
