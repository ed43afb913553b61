"""P3: virtual card round trip through pcscd + vpcd (QUALITY.md): median <= 0.5 ms per APDU.

Serves the normal demo card into "Virtual PCD 00 00" (of the system pcscd if it offers the vpcd
readers, else of a private pcscd started for the run), then times APDUs one by one with a bare
pyscard loop: 1,000 GET CHALLENGE and 1,000 READ RECORD. For comparison it also times a few
APDUs with TCP_QUICKACK left alone, which is what a plain socket implementation of a virtual
card gets (about 40 ms each: delayed ACKs).

    .venv/bin/python bench/p3_roundtrip.py
    .venv/bin/python bench/p3_roundtrip.py --apdus 5000 --plain-apdus 0
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

from smartcard import scard

from drivers.simcard.card import SSSE_AID, SimCard
from drivers.simcard.image import load_image
from drivers.simcard.pcscd import PcscdError, ensure_pcscd
from drivers.simcard.vpcd import VPCD_PORT, VirtualCardClient

TARGET_MS = 0.5
READER = "Virtual PCD 00 00"
GET_CHALLENGE = list(bytes.fromhex("0084000008"))
READ_RECORD = list(bytes.fromhex("00B2012C12"))  # EF05 record 1 by SFI: tag, length, 16 bytes
SELECT_SSSE = [0x00, 0xA4, 0x04, 0x00, len(SSSE_AID), *SSSE_AID]


def _ms(samples: list[int]) -> tuple[float, float]:
    """Median and 95th percentile of nanosecond samples, in milliseconds."""
    ordered = sorted(samples)
    return statistics.median(ordered) / 1e6, ordered[int(len(ordered) * 0.95)] / 1e6


def _check(hresult: int, what: str) -> None:
    if hresult != scard.SCARD_S_SUCCESS:
        raise RuntimeError(f"{what}: {scard.SCardGetErrorMessage(hresult)} (0x{hresult:08X})")


def _wait_for_card(context: int, present: bool, timeout: float = 10.0) -> None:
    """Wait until pcscd reports a card in the reader, or none. pcscd polls vpcd every 0.4 s:
    right after a removal it still reports the old card."""
    deadline = time.monotonic() + timeout
    known = scard.SCARD_STATE_UNAWARE
    while time.monotonic() < deadline:
        hresult, states = scard.SCardGetStatusChange(context, 100, [(READER, known)])
        if hresult not in (scard.SCARD_S_SUCCESS, scard.SCARD_E_TIMEOUT):
            _check(hresult, "SCardGetStatusChange")
        _, state, _ = states[0]
        if bool(state & scard.SCARD_STATE_PRESENT) == present:
            return
        known = state & ~scard.SCARD_STATE_CHANGED
    what = "the card" if present else "the card gone"
    raise RuntimeError(f"{READER} did not report {what} within {timeout} s (another card in it?)")


def _time_apdus(handle: int, apdu: list[int], count: int) -> list[int]:
    samples = []
    transmit = scard.SCardTransmit
    pci = scard.SCARD_PCI_T0
    clock = time.perf_counter_ns
    for _ in range(count):
        started = clock()
        hresult, response = transmit(handle, pci, apdu)
        samples.append(clock() - started)
        if hresult != scard.SCARD_S_SUCCESS or response[-2:] != [0x90, 0x00]:
            raise RuntimeError(f"APDU {bytes(apdu).hex()}: 0x{hresult:08X} {bytes(response).hex()}")
    return samples


Run = tuple[str, list[int], int]  # label, APDU, how many times
Figures = tuple[str, int, float, float]  # label, count, median ms, p95 ms


def _session(context: int, port: int, quickack: bool, runs: list[Run]) -> list[Figures]:
    """Insert the normal card, time each run's APDUs one by one, remove the card."""
    card = SimCard(load_image("normal"))
    client = VirtualCardClient(card, port=port, quickack=quickack)
    client.start()
    try:
        if not client.wait_connected(10.0):
            raise RuntimeError(f"nothing listens on vpcd port {port}")
        _wait_for_card(context, True)
        hresult, handle, _ = scard.SCardConnect(
            context, READER, scard.SCARD_SHARE_SHARED, scard.SCARD_PROTOCOL_T0
        )
        _check(hresult, "SCardConnect")
        try:
            _check(scard.SCardTransmit(handle, scard.SCARD_PCI_T0, SELECT_SSSE)[0], "SELECT")
            _time_apdus(handle, GET_CHALLENGE, min(50, max(count for _, _, count in runs)))
            return [
                (label, count, *_ms(_time_apdus(handle, apdu, count)))
                for label, apdu, count in runs
            ]
        finally:
            scard.SCardDisconnect(handle, scard.SCARD_LEAVE_CARD)
    finally:
        client.remove()
        _wait_for_card(context, False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--apdus", type=int, default=1_000, help="APDUs per timed loop")
    parser.add_argument(
        "--plain-apdus", type=int, default=20, help="APDUs without TCP_QUICKACK (0: skip)"
    )
    args = parser.parse_args(argv)

    try:
        started = ensure_pcscd()
    except PcscdError as exc:
        print(f"P3: cannot run pcscd with vpcd: {exc}", file=sys.stderr)
        return 2
    if started is not None:
        os.environ.update(started.env)  # before this process's first PC/SC call
    port = started.port(0) if started is not None else VPCD_PORT
    try:
        print(f"P3: virtual card round trip through pcscd + vpcd (target median <= {TARGET_MS} ms)")
        how = (
            f"a private one started for this run, pid {started.pid}"
            if started
            else "the system one"
        )
        print(f"pcscd: {how}")
        hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        _check(hresult, "SCardEstablishContext")
        try:
            figures = _session(
                context,
                port,
                True,
                [
                    ("GET CHALLENGE", GET_CHALLENGE, args.apdus),
                    ("READ RECORD", READ_RECORD, args.apdus),
                ],
            )
            if args.plain_apdus:
                plain = _session(
                    context, port, False, [("GET CHALLENGE", GET_CHALLENGE, args.plain_apdus)]
                )
                figures += [(f"{label} without TCP_QUICKACK", *rest) for label, *rest in plain]
        finally:
            scard.SCardReleaseContext(context)
        for label, count, median, p95 in figures:
            print(f"{label} x{count}: median {median:.3f} ms, p95 {p95:.3f} ms per APDU")
        median = figures[0][2]
        met = median <= TARGET_MS
        print(
            f"P3: median {median:.3f} ms per APDU (target <= {TARGET_MS} ms: "
            f"{'met' if met else 'MISSED'})"
        )
    finally:
        if started is not None:
            started.close()
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
