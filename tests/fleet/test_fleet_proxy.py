"""The TCP proxy of the fleet bench and the fleet tests, forwarding to the test PostgreSQL: cut,
it drops the open connections and takes new ones at once (a network cut); stopped, it cuts open
connections and refuses new ones (a centre that went away); started, it forwards again on the
same port."""

from __future__ import annotations

import os
from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy.engine import make_url

from kiosk.commands.fleet_proxy import TcpProxy

PG_URL = os.environ.get("KIOSK_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@pytest.fixture
def proxy() -> Iterator[TcpProxy]:
    url = make_url(PG_URL)
    proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432)
    yield proxy
    proxy.stop()


def _dsn(proxy: TcpProxy) -> str:
    url = make_url(PG_URL).set(drivername="postgresql", host=proxy.host, port=proxy.port)
    return url.render_as_string(hide_password=False)


def _connect(proxy: TcpProxy) -> psycopg.Connection:
    try:
        return psycopg.connect(_dsn(proxy), connect_timeout=3)
    except psycopg.OperationalError as e:
        pytest.skip(f"no PostgreSQL behind the proxy: {e}")


def test_a_cut_drops_open_connections_and_takes_new_ones(proxy: TcpProxy) -> None:
    conn = _connect(proxy)
    assert conn.execute("select 1").fetchone() == (1,)
    assert proxy.cut() == 2  # the client's socket and the upstream one
    with pytest.raises(psycopg.OperationalError):
        conn.execute("select 1")
    with psycopg.connect(_dsn(proxy), connect_timeout=3) as again:
        assert again.execute("select 2").fetchone() == (2,)
    assert proxy.cuts == 1 and proxy.running


def test_the_proxy_stops_and_comes_back_on_the_same_port(proxy: TcpProxy) -> None:
    conn = _connect(proxy)
    port = proxy.port
    assert conn.execute("select 1").fetchone() == (1,)
    proxy.stop()
    assert not proxy.running
    with pytest.raises(psycopg.OperationalError):
        conn.execute("select 1")  # the open connection is cut
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(_dsn(proxy), connect_timeout=3)  # and no new one
    proxy.start()
    assert proxy.port == port
    with psycopg.connect(_dsn(proxy), connect_timeout=3) as again:
        assert again.execute("select 2").fetchone() == (2,)
    assert proxy.connections == 2
