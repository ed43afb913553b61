"""The R7 test's stand-in for a centre that goes away: the TCP proxy forwards to the test
PostgreSQL, stopped it cuts open connections and refuses new ones, started it forwards again on
the same port."""

from __future__ import annotations

import os

import psycopg
import pytest
from pg_proxy import TcpProxy
from sqlalchemy.engine import make_url

PG_URL = os.environ.get("KIOSK_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def test_the_proxy_forwards_cuts_and_comes_back() -> None:
    url = make_url(PG_URL)
    proxy = TcpProxy((url.host or "127.0.0.1", url.port or 5432))
    proxy.start()
    dsn = url.set(drivername="postgresql", port=proxy.port).render_as_string(hide_password=False)
    try:
        try:
            conn = psycopg.connect(dsn, connect_timeout=3)
        except psycopg.OperationalError as e:
            pytest.skip(f"no PostgreSQL behind the proxy: {e}")
        assert conn.execute("select 1").fetchone() == (1,)
        proxy.stop()
        with pytest.raises(psycopg.OperationalError):
            conn.execute("select 1")  # the open connection is cut
        with pytest.raises(psycopg.OperationalError):
            psycopg.connect(dsn, connect_timeout=3)  # and no new one
        proxy.start()
        with psycopg.connect(dsn, connect_timeout=3) as again:
            assert again.execute("select 2").fetchone() == (2,)
        assert proxy.connections == 2
    finally:
        proxy.stop()
