"""The printer drivers' own sentences reach a screen translatable: each one the demo's faults
(drivers/printers/fake.py) can report is recognised, with its English kept for the command
line; an unknown sentence passes through as it is."""

from __future__ import annotations

import pytest

from drivers.printers.fake import Fault, fault_status
from kiosk.domain.texts import Text
from kiosk.services.devices import driver_words

FAULTS = [fault for fault in Fault if fault is not Fault.NONE]


@pytest.mark.parametrize("fault", FAULTS, ids=[f.value for f in FAULTS])
def test_every_demo_fault_sentence_is_a_text_with_the_same_english(fault: Fault) -> None:
    status = fault_status(fault)
    assert status is not None and status.detail
    words = driver_words(status.detail)
    assert isinstance(words, Text)
    assert words == status.detail and words.template == status.detail


def test_a_sentence_not_known_stays_as_the_driver_wrote_it() -> None:
    words = driver_words("fuser on fire")
    assert words == "fuser on fire" and not isinstance(words, Text)
