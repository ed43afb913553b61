"""Least privilege: connected as a kiosk's role, nothing but the API functions works."""

from __future__ import annotations

import psycopg
import pytest
from centre_helpers import Centre

from kiosk.store.central import admin

FORBIDDEN = [
    "SELECT * FROM registry.cardholders",
    "SELECT ssn FROM registry.cards JOIN registry.cardholders h ON true",
    "SELECT * FROM registry.cards",
    "SELECT * FROM fleet.messages",
    "SELECT * FROM fleet.kiosks",
    "SELECT * FROM fleet.reissues",
    "SELECT * FROM fleet.settings",
    "SELECT * FROM fleet.identify_failures",
    "UPDATE registry.cards SET status = 'normal'",
    "INSERT INTO fleet.messages (kiosk_id, seq, key, topic, payload) "
    "VALUES ('BJCY02', 1, 'k', 't', '{}')",
    "DELETE FROM fleet.alerts",
    "COPY registry.cardholders TO STDOUT",
    # The internals the API functions use, and what only the agency may do.
    "SELECT fleet.move_progress('X', 'collected', now())",
    "SELECT fleet._holder(1)",
    "SELECT fleet._apply('BJCY02', 'loss_report', '{}')",
    "SELECT fleet._set_card_status('A1052103X', NULL, 'lost', ARRAY['normal'], 'x', now())",
    "SELECT fleet._fail('BJCY02', 'card', NULL)",
    "CREATE TABLE fleet.mine (x int)",
    "CREATE TABLE registry.mine (x int)",
    "CREATE FUNCTION fleet.mine() RETURNS int LANGUAGE sql AS 'SELECT 1'",
    "CREATE TABLE public.mine (x int)",
    "CREATE SCHEMA mine",
]


def _as_kiosk(centre: Centre, kiosk_id: str = "BJCY01") -> psycopg.Connection:
    return psycopg.connect(**admin.connect_kwargs(centre.urls[kiosk_id]), autocommit=True)


@pytest.mark.parametrize("statement", FORBIDDEN)
def test_a_kiosk_role_is_refused(centre: Centre, statement: str):
    with _as_kiosk(centre) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(statement)


def test_a_kiosk_cannot_become_the_owner_or_another_kiosk(centre: Centre):
    names = admin.roles(centre.prefix)
    with _as_kiosk(centre) as conn:
        for role in (names.owner, names.kiosk_role("BJCY02"), "postgres"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(f'SET ROLE "{role}"')


def test_no_other_way_lists_cardholders(centre: Centre):
    with _as_kiosk(centre) as conn:
        # Planner statistics show only columns the role may read.
        stats = conn.execute(
            "SELECT count(*) FROM pg_stats WHERE schemaname IN ('registry', 'fleet')"
        ).fetchone()
        assert stats == (0,)
        # The API's own answers never list: an unknown card is null, a sweep of vouchers is
        # capped.
        assert conn.execute("SELECT fleet.holder_by_card('%', '%')").fetchone() == (None,)
        with pytest.raises(psycopg.errors.InvalidParameterValue):
            conn.execute(
                "SELECT fleet.reissues(ARRAY(SELECT g::text FROM generate_series(1, 101) g))"
            )


def test_a_kiosk_reads_only_its_own_anchor(centre: Centre):
    assert centre.client("BJCY01").anchor().kiosk_id == "BJCY01"
    assert centre.client("BJCY02").anchor().kiosk_id == "BJCY02"


def test_the_allowed_calls_work(centre: Centre):
    client = centre.client("BJCY02")
    assert client.hello().kiosk_id == "BJCY02"
    assert {o["code"] for o in client.outlets()} >= {"BJCY-01", "BJCY-05"}
    assert client.reissues([]) == {}
    assert client.submit([], None).applied == 0
    client.close()


def test_a_role_that_is_not_a_kiosk_is_refused(centre: Centre):
    # The admin role may execute the function (it owns everything), but is no kiosk.
    with psycopg.connect(**admin.connect_kwargs(centre.admin_url), autocommit=True) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="not a registered kiosk"):
            conn.execute("SELECT fleet.hello()")
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="not a registered kiosk"):
            conn.execute("SELECT fleet.submit('[]', NULL)")


def test_public_has_nothing(centre: Centre):
    public_rights = centre.sql(
        "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
        " WHERE n.nspname = 'fleet' AND has_function_privilege('public', p.oid, 'EXECUTE')"
    )
    assert public_rights == []
    schemas = centre.sql(
        "SELECT nspname FROM pg_namespace WHERE nspname IN ('registry', 'fleet')"
        " AND has_schema_privilege('public', oid, 'USAGE')"
    )
    assert schemas == []
