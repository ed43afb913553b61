"""Fixtures for the tests that talk to a real pcscd with the vsmartcard vpcd driver.

The session gets a pcscd of its own (drivers.simcard.pcscd.PcscdProcess.private): its own
socket, found through PCSCLITE_CSOCK_NAME, and its own vpcd ports, so these tests neither need
nor disturb a system pcscd. Every test under tests/pcsc carries the `pcsc` marker
(`pytest -m "not pcsc"` leaves them out). Without pcscd or vpcd the tests are skipped, unless
the CI variable is set: there a missing package is a failure.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from drivers.simcard.pcscd import SOCKET_ENV, PcscdError, PcscdProcess, missing_requirements
from drivers.simcard.vpcd import VirtualCardClient

HERE = Path(__file__).resolve().parent
READER = "Virtual PCD 00 00"
CARD_TIMEOUT = 5.0  # pcscd polls the virtual readers every 0.4 s

# libpcsclite reads PCSCLITE_CSOCK_NAME once, at the process's first PC/SC call, and keeps it.
# Set it while collecting, before any test can make that call.
SOCKET_DIR = Path(tempfile.gettempdir()) / f"sscard-pcsc-tests-{os.getpid()}"
os.environ[SOCKET_ENV] = str(SOCKET_DIR / "pcscd.comm")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.resolve().parents:
            item.add_marker(pytest.mark.pcsc)
            # One pcscd at a time: the vpcd driver's readers listen on fixed ports, so under
            # pytest-xdist every PC/SC test runs on the same worker (--dist loadgroup).
            item.add_marker(pytest.mark.xdist_group("pcsc"))


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"PC/SC tests cannot run on CI: {reason}", pytrace=False)
    pytest.skip(f"PC/SC tests skipped: {reason}")


@pytest.fixture(scope="session")
def pcscd() -> Iterator[PcscdProcess]:
    """A pcscd of this test session's own, with the "Virtual PCD 00 00/01" readers.

    Tests may `stop()` (`kill=True` for a crash), `start()` or `restart()` it; a test that
    leaves it stopped gets it started again at its teardown.
    """
    missing = missing_requirements()
    if missing:
        _unavailable("; ".join(missing))
    try:
        from smartcard import scard  # noqa: F401  (pyscard needs libpcsclite)
    except ImportError as exc:
        _unavailable(f"pyscard cannot be imported: {exc}")
    process = PcscdProcess.private(SOCKET_DIR)
    try:
        try:
            process.start()
        except PcscdError as exc:
            pytest.fail(str(exc), pytrace=False)  # the message quotes pcscd's log
        wait_for_readers(process)
        yield process
    finally:
        process.close()
        shutil.rmtree(SOCKET_DIR, ignore_errors=True)


@pytest.fixture(autouse=True)
def _pcscd_left_running(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if "pcscd" in request.fixturenames:
        process = request.getfixturevalue("pcscd")
        if not process.running:
            process.start()


def wait_for_readers(process: PcscdProcess, timeout: float = 10.0) -> None:
    """Wait until this process's PC/SC client lists both virtual readers."""
    from smartcard import scard

    from drivers.readers.pcsc import pcsc_call

    deadline = time.monotonic() + timeout
    seen: object = None
    while time.monotonic() < deadline:
        hresult, context = pcsc_call(scard.SCardEstablishContext, scard.SCARD_SCOPE_USER)
        if hresult == scard.SCARD_S_SUCCESS:
            hresult, readers = scard.SCardListReaders(context, [])
            pcsc_call(scard.SCardReleaseContext, context)
            seen = readers if hresult == scard.SCARD_S_SUCCESS else f"0x{hresult:08X}"
            if hresult == scard.SCARD_S_SUCCESS and set(process.reader_names) <= set(readers):
                return
        else:
            seen = f"SCardEstablishContext: 0x{hresult:08X}"
        time.sleep(0.02)
    pytest.fail(
        f"pcscd (pid {process.pid}, socket {process.socket_path}) is up, but this process "
        f"does not see its readers within {timeout} s (last: {seen}). If something used PC/SC "
        f"before tests/pcsc/conftest.py set {SOCKET_ENV}, libpcsclite talks to another socket."
        f"\n{process.log_tail()}",
        pytrace=False,
    )


def wait_for_card(present: bool, reader: str = READER, timeout: float = CARD_TIMEOUT) -> bytes:
    """Wait until pcscd reports a card in `reader` (or none); return the ATR it reports."""
    from smartcard import scard

    from drivers.readers.pcsc import pcsc_call

    hresult, context = pcsc_call(scard.SCardEstablishContext, scard.SCARD_SCOPE_USER)
    assert hresult == scard.SCARD_S_SUCCESS, f"SCardEstablishContext: 0x{hresult:08X}"
    try:
        deadline = time.monotonic() + timeout
        known = scard.SCARD_STATE_UNAWARE
        while True:
            hresult, states = scard.SCardGetStatusChange(context, 100, [(reader, known)])
            if hresult not in (scard.SCARD_S_SUCCESS, scard.SCARD_E_TIMEOUT):
                raise AssertionError(f"SCardGetStatusChange: 0x{hresult:08X}")
            _, state, atr = states[0]
            if bool(state & scard.SCARD_STATE_PRESENT) == present:
                return bytes(atr)
            known = state & ~scard.SCARD_STATE_CHANGED
            if time.monotonic() > deadline:
                what = "a card" if present else "no card"
                raise AssertionError(f"{reader}: pcscd did not report {what} in {timeout} s")
    finally:
        pcsc_call(scard.SCardReleaseContext, context)


InsertCard = Callable[..., VirtualCardClient]
WaitForCard = Callable[..., bytes]


@pytest.fixture(name="wait_for_card")
def wait_for_card_fixture() -> WaitForCard:
    """`wait_for_card(present, reader=..., timeout=...)`: see `wait_for_card` above."""
    return wait_for_card


@pytest.fixture
def virtual_card(pcscd: PcscdProcess) -> Iterator[InsertCard]:
    """Insert a card: `virtual_card("normal")` serves that demo card image in "Virtual PCD
    00 00" and returns once pcscd reports it. Keywords: `card=` (any SimCard-like object
    instead of an image), `remove_after=`, `stay_inserted=`, `wait=False`. Every card still in
    at teardown is removed, and the reader is seen empty again."""
    from drivers.simcard.card import SimCard
    from drivers.simcard.image import load_image

    clients: list[VirtualCardClient] = []

    def insert(
        image: str = "normal",
        *,
        card: object | None = None,
        remove_after: int | None = None,
        stay_inserted: bool = False,
        wait: bool = True,
    ) -> VirtualCardClient:
        if not pcscd.running:
            pcscd.start()
        client = VirtualCardClient(
            card if card is not None else SimCard(load_image(image)),  # type: ignore[arg-type]
            port=pcscd.port(0),
            remove_after=remove_after,
            stay_inserted=stay_inserted,
        )
        clients.append(client)
        client.start()
        if wait:
            assert client.wait_connected(CARD_TIMEOUT), f"vpcd on port {client.port} is not there"
            wait_for_card(True)
        return client

    yield insert
    for client in clients:
        client.remove()
    if clients and pcscd.running:
        wait_for_card(False)
