"""A minimal in-process resident ID card reader for the tests of the flows, screens and wiring
(issue 15), until drivers/idcard/mock.py (the iddriver branch) is merged to replace it: cards
are laid on and taken away by the test, events go to the listeners at once."""

from __future__ import annotations

import datetime as dt

from drivers.idcard.base import (
    IdCardError,
    IdCardEvent,
    IdCardEventKind,
    IdCardReader,
    IdCardUnsupported,
    IdIdentity,
    IdReaderState,
    IdReaderUnavailable,
)


def identity(name: str, id_number: str) -> IdIdentity:
    return IdIdentity(
        name=name,
        sex="1",
        ethnicity="01",
        birth_date=dt.date(1985, 6, 12),
        address="北京市东城区测试路1号",
        id_number=id_number,
        issuer="北京市公安局东城分局",
        valid_from=dt.date(2015, 1, 1),
        valid_to=None,
    )


class FakeIdReader(IdCardReader):
    driver_name = "fake"

    def __init__(self) -> None:
        super().__init__()
        self.started = False
        self._state = IdReaderState.READY
        self._card: IdIdentity | None = None
        self._error: IdCardError | None = None

    def start(self) -> None:
        self.started = True

    def stop(self) -> None:
        self.started = False

    def state(self) -> IdReaderState:
        return self._state

    @property
    def last_error(self) -> IdCardError | None:
        return self._error

    def read_once(self, timeout: float = 3.0) -> IdIdentity:
        if self._card is None:
            raise IdCardError("no ID card on the reader")
        return self._card

    def lay(self, card: IdIdentity) -> None:
        self._card, self._error, self._state = card, None, IdReaderState.CARD_READ
        self._emit(IdCardEvent(IdCardEventKind.LAID, identity=card))

    def lay_unreadable(self, *, unsupported: bool = False) -> None:
        self._card, self._state = None, IdReaderState.CARD_ERROR
        self._error = (
            IdCardUnsupported("this kind of ID card is not supported here")
            if unsupported
            else IdCardError("read failed")
        )
        self._emit(IdCardEvent(IdCardEventKind.UNREADABLE, error=self._error))

    def take(self) -> None:
        self._card, self._error, self._state = None, None, IdReaderState.READY
        self._emit(IdCardEvent(IdCardEventKind.TAKEN))

    def unplug(self) -> None:
        self._state, self._error = IdReaderState.OFFLINE, IdReaderUnavailable("gone")
        self._emit(IdCardEvent(IdCardEventKind.DEVICE_LOST))

    def plug(self) -> None:
        self._state, self._error = IdReaderState.READY, None
        self._emit(IdCardEvent(IdCardEventKind.DEVICE_BACK))
