"""Run by test_pcsc_threads.py in a process of its own, because what it looks for is a crash.

Cards sit in both virtual readers of the pcscd that PCSCLITE_CSOCK_NAME names. Two threads
open a context, connect to their reader, ask its status and disconnect, over and over, and
close the context now and then; a third opens and closes contexts as fast as it can. That is
the kiosk's pattern squeezed together: the reader workers connect and disconnect while the
monitor or a diagnostics probe opens and closes contexts. Every call goes through
`drivers.readers.pcsc.pcsc_call`. With libpcsclite 1.9 and no lock there, the process died in
SCardDisconnect within seconds. Prints the counts; exit 0 when everything ran.

Usage: python pcsc_hammer.py PORT0 PORT1 SECONDS
"""

from __future__ import annotations

import sys
import threading
import time

from smartcard import scard

from drivers.readers.pcsc import pcsc_call
from drivers.simcard.card import SimCard
from drivers.simcard.image import load_image
from drivers.simcard.vpcd import VirtualCardClient

READERS = ("Virtual PCD 00 00", "Virtual PCD 00 01")
CONNECTS_PER_CONTEXT = 2


def wait_for_cards(timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    _hresult, context = pcsc_call(scard.SCardEstablishContext, scard.SCARD_SCOPE_USER)
    try:
        while time.monotonic() < deadline:
            states = [(reader, scard.SCARD_STATE_UNAWARE) for reader in READERS]
            _hresult, found = scard.SCardGetStatusChange(context, 100, states)
            if all(state & scard.SCARD_STATE_PRESENT for _name, state, _atr in found):
                return True
            time.sleep(0.05)
        return False
    finally:
        pcsc_call(scard.SCardReleaseContext, context)


def main(port0: int, port1: int, seconds: float) -> int:
    cards = [VirtualCardClient(SimCard(load_image("normal")), port=port) for port in (port0, port1)]
    for card in cards:
        card.start()
    if not wait_for_cards(10):
        print("pcscd does not see both cards", file=sys.stderr)
        return 2

    deadline = time.monotonic() + seconds
    counts = {"connects": 0, "contexts": 0}
    failures: list[str] = []

    def connect_and_disconnect(reader: str) -> None:
        while time.monotonic() < deadline:
            _hresult, context = pcsc_call(scard.SCardEstablishContext, scard.SCARD_SCOPE_USER)
            for _ in range(CONNECTS_PER_CONTEXT):
                hresult, handle, _protocol = pcsc_call(
                    scard.SCardConnect,
                    context,
                    reader,
                    scard.SCARD_SHARE_SHARED,
                    scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1,
                )
                if hresult != scard.SCARD_S_SUCCESS:
                    failures.append(f"connect {reader}: 0x{hresult & 0xFFFFFFFF:08X}")
                    return
                pcsc_call(scard.SCardStatus, handle)
                pcsc_call(scard.SCardDisconnect, handle, scard.SCARD_LEAVE_CARD)
                counts["connects"] += 1
            pcsc_call(scard.SCardReleaseContext, context)

    def open_and_close_contexts() -> None:
        while time.monotonic() < deadline:
            _hresult, context = pcsc_call(scard.SCardEstablishContext, scard.SCARD_SCOPE_USER)
            pcsc_call(scard.SCardReleaseContext, context)
            counts["contexts"] += 1

    threads = [threading.Thread(target=connect_and_disconnect, args=(r,)) for r in READERS * 2]
    threads.append(threading.Thread(target=open_and_close_contexts))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for card in cards:
        card.remove()
    print(f"connects={counts['connects']} contexts={counts['contexts']}")
    if failures:
        print(failures[0], file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])))
