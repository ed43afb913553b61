"""Test-wide settings and databases.

Qt must run headless: QT_QPA_PLATFORM is set before anything imports PySide6.

Databases for any test: every test that takes `backend` (or a URL or engine made from it) runs
on SQLite and on PostgreSQL. PostgreSQL is the one at $KIOSK_TEST_PG_URL (default:
postgres@127.0.0.1:5432, database `test`). Each test session works in databases of its own,
named kiosk_t_<pid>_<random>_*, made from templates (migrated; migrated + demo seed) and dropped
at the end. Where no PostgreSQL answers, its half of the tests is skipped with the reason, unless
$CI is set: then they fail, because CI has a PostgreSQL and must not pass without testing it.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything can import PySide6

import datetime as dt
import secrets
import shutil
import signal
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import Engine, make_url

from drivers.printers.base import Printer
from drivers.printers.fake import FakePrinter
from kiosk.demo.seed import seed_demo
from kiosk.domain.voucher_data import KioskInfo
from kiosk.services.business import BusinessService
from kiosk.store.db import create_engine, redacted
from kiosk.store.migrate import upgrade
from kiosk.store.seal import AnchorLog, AuditSeal

PG_URL_ENV = "KIOSK_TEST_PG_URL"
DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
KINDS = ("empty", "migrated", "demo")
TEST_KIOSK = KioskInfo("BJCY01", "朝阳区社保服务大厅")


def _prepare(url: str, kind: str, today: dt.date | None = None) -> None:
    if kind == "empty":
        return
    engine = create_engine(url)
    try:
        upgrade(engine)
        if kind == "demo":
            seed_demo(engine) if today is None else seed_demo(engine, today=today)
    finally:
        engine.dispose()


@dataclass
class SqliteFactory:
    """Fresh SQLite files, copied from templates made once per session."""

    root: Path
    templates: dict[str, Path] = field(default_factory=dict)
    backend: str = "sqlite"

    def new(self, kind: str, where: Path, today: dt.date | None = None) -> str:
        """`today`: the day the demo back end is seeded as of (None: the real today)."""
        path = where / "kiosk.db"
        if kind != "empty":
            name = kind if today is None else f"{kind}-{today.isoformat()}"
            if name not in self.templates:
                template = self.root / f"template-{name}.db"
                _prepare(f"sqlite:///{template}", kind, today)  # disposing checkpoints the WAL
                self.templates[name] = template
            shutil.copyfile(self.templates[name], path)
            path.chmod(0o600)
        return f"sqlite:///{path}"


@dataclass
class PostgresFactory:
    """Fresh PostgreSQL databases, CREATE DATABASE ... TEMPLATE from templates made once."""

    admin_url: str  # SQLAlchemy URL of a database we may connect to and create databases from
    prefix: str = field(default_factory=lambda: f"kiosk_t_{os.getpid()}_{secrets.token_hex(3)}")
    templates: dict[str, str] = field(default_factory=dict)
    created: list[str] = field(default_factory=list)
    counter: int = 0
    backend: str = "postgresql"

    def _admin(self) -> psycopg.Connection:
        url = make_url(self.admin_url)
        return psycopg.connect(
            host=url.host,
            port=url.port or 5432,
            user=url.username,
            password=url.password,
            dbname=url.database,
            autocommit=True,
            connect_timeout=5,
        )

    def url_of(self, name: str) -> str:
        return make_url(self.admin_url).set(database=name).render_as_string(hide_password=False)

    def _create(self, name: str, template: str | None) -> None:
        statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
        with self._admin() as conn:
            conn.execute(statement)
        self.created.append(name)

    def new(self, kind: str, where: Path) -> str:
        template = None
        if kind != "empty":
            if kind not in self.templates:
                name = f"{self.prefix}_tmpl_{kind}"
                self._create(name, None)
                _prepare(self.url_of(name), kind)
                self.templates[kind] = name
            template = self.templates[kind]
        self.counter += 1
        name = f"{self.prefix}_{self.counter}"
        self._create(name, template)
        return self.url_of(name)

    def drop(self, name: str) -> None:
        with self._admin() as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        if name in self.created:
            self.created.remove(name)

    def drop_all(self) -> None:
        for name in list(reversed(self.created)):
            self.drop(name)


@pytest.fixture(scope="session")
def sqlite_factory(tmp_path_factory: pytest.TempPathFactory) -> SqliteFactory:
    return SqliteFactory(tmp_path_factory.mktemp("sqlite-templates"))


@pytest.fixture(scope="session")
def postgres_factory() -> Iterator[PostgresFactory]:
    admin_url = os.environ.get(PG_URL_ENV, DEFAULT_PG_URL)
    factory = PostgresFactory(admin_url)
    try:
        with factory._admin() as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        reason = f"PostgreSQL not reachable at {redacted(admin_url)}: {exc}".strip()
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI is set, so PostgreSQL is required", pytrace=False)
        pytest.skip(f"{reason}; start it or set {PG_URL_ENV} to test the PostgreSQL half")
    try:
        yield factory
    finally:
        factory.drop_all()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> SqliteFactory | PostgresFactory:
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_factory")
    return request.getfixturevalue("postgres_factory")


def _url_fixture(kind: str):  # type: ignore[no-untyped-def]
    @pytest.fixture
    def make(backend: SqliteFactory | PostgresFactory, tmp_path: Path) -> Iterator[str]:
        url = backend.new(kind, tmp_path)
        yield url
        if isinstance(backend, PostgresFactory):
            backend.drop(make_url(url).database or "")

    return make


empty_url = _url_fixture("empty")
migrated_url = _url_fixture("migrated")
demo_url = _url_fixture("demo")


@pytest.fixture
def engine(migrated_url: str) -> Iterator[Engine]:
    """A migrated, empty database."""
    eng = create_engine(migrated_url)
    yield eng
    eng.dispose()


@pytest.fixture
def demo_engine(demo_url: str) -> Iterator[Engine]:
    """A migrated database holding the demo back end."""
    eng = create_engine(demo_url)
    yield eng
    eng.dispose()


@pytest.fixture
def sqlite_url(sqlite_factory: SqliteFactory, tmp_path: Path) -> str:
    """A migrated SQLite database with the demo back end, for the SQLite-only tests."""
    return sqlite_factory.new("demo", tmp_path)


@pytest.fixture
def demo_sqlite(
    sqlite_factory: SqliteFactory, tmp_path: Path
) -> Iterator[Callable[[dt.date | None], Engine]]:
    """`demo_sqlite(today)`: the test's own migrated SQLite holding the demo back end as seeded
    on `today` (None: the real today), copied from a template made once per day and session."""
    engines: list[Engine] = []

    def make(today: dt.date | None = None) -> Engine:
        where = tmp_path / f"demo-{len(engines)}"
        where.mkdir()
        engine = create_engine(sqlite_factory.new("demo", where, today))
        engines.append(engine)
        return engine

    yield make
    for engine in engines:
        engine.dispose()


@pytest.fixture
def business_service(audit_seal: AuditSeal) -> Callable[..., BusinessService]:
    """`business_service(engine, now=..., ...)`: the citizen's services wired on `engine` as
    the kiosk wires them, with the test's audit seal, a fake printer and a fixed clock unless
    given (`kiosk`, `signing_key`, `printer`, `clock`, `audit_seal` and BusinessService's
    keyword arguments)."""

    def make(
        engine: Engine,
        *,
        now: dt.datetime | None = None,
        kiosk: KioskInfo = TEST_KIOSK,
        signing_key: bytes = b"k",
        printer: Printer | None = None,
        seal: AuditSeal | None = None,
        **kw: Any,
    ) -> BusinessService:
        if now is not None:
            kw.setdefault("clock", lambda: now)
        return BusinessService(
            engine,
            kiosk,
            signing_key=signing_key,
            audit_seal=seal or audit_seal,
            printer=printer or FakePrinter(),
            **kw,
        )

    return make


@pytest.fixture
def audit_seal(tmp_path: Path) -> AuditSeal:
    """A test's own audit seal: a fresh key, and the anchor file in the test's folder. Give it
    to every UnitOfWork and service that writes audit entries, and to check_database."""
    return AuditSeal(secrets.token_bytes(32), AnchorLog(tmp_path / "audit-anchor.log"))


@pytest.fixture
def no_hang() -> Iterator[None]:
    """Fail the test instead of hanging it (a FIFO opened for reading waits for a writer)."""

    def timeout(*_: object) -> None:
        raise TimeoutError("the read blocked")

    previous = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(5)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
