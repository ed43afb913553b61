"""CentreClient's two errors, and a connection that comes back after the centre drops it."""

from __future__ import annotations

import socket

import pytest
from centre_helpers import Centre

from kiosk.store.central.client import CentreClient, CentreRejected, CentreUnreachable


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_nothing_listening_is_unreachable_and_the_password_is_not_said(caplog):
    url = f"postgresql+psycopg://k:secretpw@127.0.0.1:{_closed_port()}/db"
    client = CentreClient(url)
    with pytest.raises(CentreUnreachable) as raised:
        client.hello()
    assert "secretpw" not in str(raised.value) + repr(client) + caplog.text


def test_a_connection_killed_at_the_centre_is_unreachable_then_reopened(centre: Centre):
    client = centre.client("BJCY01")
    client.hello()
    centre.sql(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s",
        (f"{centre.prefix}_k_bjcy01",),
    )
    with pytest.raises(CentreUnreachable):
        client.hello()
    assert client.hello().kiosk_id == "BJCY01"
    client.close()


def test_a_malformed_call_is_rejected_and_the_connection_stays(centre: Centre):
    client = centre.client("BJCY01")
    with pytest.raises(CentreRejected) as raised:
        client._call("SELECT fleet.submit('{}', NULL)")
    assert raised.value.sqlstate == "22023"
    assert client.hello().kiosk_id == "BJCY01"
    client.close()


def test_a_slow_statement_is_unreachable(centre: Centre):
    client = CentreClient(centre.urls["BJCY01"], statement_timeout_ms=100)
    with pytest.raises(CentreUnreachable):
        client._call("SELECT pg_sleep(1)")
    client.close()


def test_a_login_the_centre_refuses_is_rejected_not_unreachable(centre: Centre):
    # A kiosk role that no longer exists (or a rotated password, or a wrong database): the
    # server answered, so it is a configuration problem to show, not an outage to wait out.
    url = centre.urls["BJCY01"].replace(f"{centre.prefix}_k_bjcy01", f"{centre.prefix}_k_gone")
    client = CentreClient(url)
    with pytest.raises(CentreRejected) as raised:
        client.hello()
    assert "refuses this kiosk's login" in str(raised.value)
    assert "does not exist" in str(raised.value)
    client.close()
