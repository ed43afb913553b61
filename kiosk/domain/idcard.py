"""The resident ID card as the flows see it (issue 15): what a read gives them (`IdCardRead`:
the name and the ID number, nothing else of the card), what the reader told them
(`IdCardNotice`), and why an ID card laid on could not be used (`IdCardProblem`).

kiosk.services.idcard translates the driver's events into these, so nothing above the services
knows the driver. The rest of the card (sex, birth date, address, issuer, validity) stays in the
service layer's translation and is dropped there: the flows have no use for it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from kiosk.domain.masking import mask_id_number, mask_name


@dataclass(frozen=True)
class IdCardRead:
    """The name and ID number of an ID card laid on the reader: exact, so they are not typed
    and cannot be edited. Personal data: never logged (repr hides it), masked on screen."""

    name: str = field(repr=False)
    id_number: str = field(repr=False)

    @property
    def masked_name(self) -> str:
        return mask_name(self.name)

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)


class IdNoticeKind(enum.Enum):
    LAID = "laid"  # an ID card was laid on and read: `read` holds it
    UNREADABLE = "unreadable"  # laid on, could not be read (moved too soon, damaged)
    UNSUPPORTED = "unsupported"  # another kind of card: a foreigner's permanent residence ID...
    TAKEN = "taken"  # taken away (what was read stays until the step or session ends)
    READER_LOST = "reader_lost"  # the reader went away: typing is the way now
    READER_BACK = "reader_back"


@dataclass(frozen=True)
class IdCardNotice:
    kind: IdNoticeKind
    read: IdCardRead | None = None


class IdCardProblem(enum.Enum):
    """Why the ID card laid on is not used; each has a plain sentence on screen."""

    UNREADABLE = "unreadable"
    UNSUPPORTED = "unsupported"
    # The cardholder's ID card laid on in the agent's step: the agent gives their own.
    HOLDER_CARD = "holder_card"
    # The agent's own ID card (as given in the agent's step) laid on in the cardholder's step.
    AGENT_CARD = "agent_card"
