"""holder_by_card and holder_by_id: one cardholder for the right proof, and S8's limits held
at the centre for the whole fleet."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from centre_helpers import Centre

from kiosk.store.central.client import KioskPaused

DEMO_CARD, DEMO_SSN, DEMO_MOBILE = "A1052103X", "110105198506120173", "13810245678"


@pytest.fixture
def limits(centre: Centre) -> Iterator[None]:
    """Small limits for one test (fleet.settings is the whole centre's), put back after."""
    before = centre.one(
        "SELECT identify_max_failures, kiosk_max_failures FROM fleet.settings WHERE id = 1"
    )
    centre.sql("UPDATE fleet.settings SET identify_max_failures = 3, kiosk_max_failures = 5")
    yield
    centre.sql(
        "UPDATE fleet.settings SET identify_max_failures = %s, kiosk_max_failures = %s", before
    )


def test_holder_by_card_with_the_right_pair(centre: Centre):
    client = centre.client(centre.new_kiosk())
    holder = client.holder_by_card(DEMO_CARD, DEMO_SSN)

    assert holder is not None
    assert [h["ssn"] for h in holder["cardholders"]] == [DEMO_SSN]
    assert DEMO_CARD in [c["card_number"] for c in holder["cards"]]
    assert holder["contributions"] and holder["employers"]
    employer_ids = {e["id"] for e in holder["employers"]}
    assert {c["employer_id"] for c in holder["contributions"]} <= employer_ids
    assert set(holder) == {
        "cardholders", "cards", "enrolments", "contributions", "personal_accounts",
        "qualifications", "work_periods", "injury_assessments", "employers", "reissues",
    }  # fmt: skip
    client.close()


def test_holder_by_card_with_a_wrong_pair_is_none_and_counts(centre: Centre):
    kiosk = centre.new_kiosk()
    client = centre.client(kiosk)
    other = centre.person()

    assert client.holder_by_card(DEMO_CARD, other.ssn) is None
    assert client.holder_by_card(other.card_number, DEMO_SSN) is None
    assert client.holder_by_card(other.card_number, other.ssn) is not None
    failures = centre.one(
        "SELECT count(*) FROM fleet.identify_failures WHERE kiosk_id = %s", (kiosk,)
    )
    assert failures == 2
    client.close()


def test_holder_by_id_right_wrong_and_unknown(centre: Centre):
    client = centre.client(centre.new_kiosk())
    person = centre.person()

    ok = client.holder_by_id(person.ssn, "+86 " + person.mobile)
    wrong = client.holder_by_id(person.ssn, "13000000000")
    unknown = client.holder_by_id("11010519850612999X", person.mobile)

    assert ok.result == "ok" and ok.holder is not None
    assert ok.holder["cardholders"][0]["ssn"] == person.ssn
    # A wrong mobile and an unknown ID number are the same answer.
    assert (wrong.result, wrong.attempts_left, wrong.holder) == ("no_match", 4, None)
    assert (unknown.result, unknown.attempts_left, unknown.holder) == ("no_match", 4, None)
    client.close()


def test_failures_at_one_kiosk_lock_the_id_number_at_another(centre: Centre, limits: None):
    a, b = centre.client(centre.new_kiosk()), centre.client(centre.new_kiosk())
    person = centre.person()

    answers = [a.holder_by_id(person.ssn, "13000000000") for _ in range(3)]
    at_b = b.holder_by_id(person.ssn, person.mobile)  # the right mobile, but locked

    assert [(r.result, r.attempts_left) for r in answers] == [
        ("no_match", 2),
        ("no_match", 1),
        ("id_locked", 0),
    ]
    assert at_b.result == "id_locked" and at_b.holder is None and at_b.until is not None
    failures = centre.sql("SELECT subject FROM fleet.identify_failures WHERE subject IS NOT NULL")
    assert all(person.ssn not in row[0] for row in failures)  # a keyed hash, never the number
    a.close()
    b.close()


def test_a_success_clears_the_count(centre: Centre, limits: None):
    client = centre.client(centre.new_kiosk())
    person = centre.person()
    client.holder_by_id(person.ssn, "13000000000")
    client.holder_by_id(person.ssn, "13000000000")
    assert client.holder_by_id(person.ssn, person.mobile).result == "ok"

    again = client.holder_by_id(person.ssn, "13000000000")

    assert (again.result, again.attempts_left) == ("no_match", 2)
    client.close()


def test_too_many_failures_pause_the_kiosk_only(centre: Centre, limits: None):
    kiosk = centre.new_kiosk()
    client, other = centre.client(kiosk), centre.client(centre.new_kiosk())
    people = [centre.person() for _ in range(5)]

    answers = [client.holder_by_id(p.ssn, "13000000000").result for p in people]
    after = client.holder_by_id(people[0].ssn, people[0].mobile)

    assert answers == ["no_match"] * 4 + ["kiosk_paused"]
    assert after.result == "kiosk_paused" and after.until is not None and after.holder is None
    with pytest.raises(KioskPaused) as paused:
        client.holder_by_card(people[1].card_number, people[1].ssn)
    assert paused.value.until is not None
    # Another kiosk is not paused, and the paused one's refusals were not counted.
    assert other.holder_by_id(people[1].ssn, people[1].mobile).result == "ok"
    counted = centre.one(
        "SELECT count(*) FROM fleet.identify_failures WHERE kiosk_id = %s", (kiosk,)
    )
    assert counted == 5
    client.close()
    other.close()
