"""How the citizen's services say no: a NotEligible with a Refusal, logged by event name only
(never personal data), and a database that cannot be reached (or an audit anchor file that
cannot be written, without which nothing is recorded) as BACKEND_OFFLINE."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import SQLAlchemyError

from kiosk.domain import card_rules
from kiosk.domain.business import Business, NotEligible, Refusal
from kiosk.domain.errors import (
    CardholderUnknown,
    CardNotReportable,
    CardUnknown,
    NotUnderTemporaryLoss,
    ReissueUnderWay,
)
from kiosk.domain.records import CardStatus
from kiosk.store.seal import AuditAnchorError

log = logging.getLogger("kiosk.services.business")


def refused(
    event: str,
    refusal: Refusal,
    *,
    attempts_left: int | None = None,
    until: dt.datetime | None = None,
) -> NotEligible:
    log.info("business.%s.refused reason=%s", event, refusal.value)
    return NotEligible(refusal, attempts_left=attempts_left, until=until)


@contextmanager
def reading(event: str) -> Iterator[None]:
    """The database away is NotEligible(BACKEND_OFFLINE)."""
    try:
        yield
    except (SQLAlchemyError, AuditAnchorError) as exc:
        log.warning("business.%s.backend_offline error=%s", event, type(exc).__name__)
        raise NotEligible(Refusal.BACKEND_OFFLINE) from None


@contextmanager
def submitting(event: str, business: Business) -> Iterator[None]:
    """The use cases' refusals in the citizen's terms (kiosk.domain.card_rules says which
    status allows what); the database away is BACKEND_OFFLINE."""
    with reading(event):
        try:
            yield
        except ReissueUnderWay:
            raise refused(event, Refusal.REISSUE_UNDER_WAY) from None
        except NotUnderTemporaryLoss:
            raise refused(event, Refusal.NOT_UNDER_TEMPORARY_LOSS) from None
        except CardNotReportable as exc:
            refusal = card_rules.refusal_for(business, CardStatus(exc.status))
            raise refused(event, refusal or Refusal.CARD_LOST) from None
        except CardholderUnknown:
            raise refused(event, Refusal.NO_MATCH) from None
        except CardUnknown:
            raise refused(event, Refusal.CARD_UNKNOWN) from None
