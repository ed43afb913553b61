"""Hypothesis over the ID card reader's frame parser (drivers/idcard/protocol.py): round trips,
arbitrary byte streams (only the typed errors, never a hang), chunking that does not matter, and
every flipped bit caught. 5,000 examples each (issue 15)."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drivers.idcard.base import IdCardError, IdCardUnsupported, IdFrameError, IdIdentity
from drivers.idcard.protocol import (
    DATA_LENGTH,
    MAX_LENGTH,
    PHOTO_BYTES,
    PREAMBLE,
    SUCCESS,
    TEXT_BYTES,
    Command,
    FrameReader,
    answer_data,
    decode_text,
    encode_text,
    frame,
    id_check_char,
    parse_response,
    read_data,
    response,
    split_frame,
)

MANY = settings(max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# The text's properties are not the parser's: fewer examples keep the suite fast.
SOME = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

bodies = st.binary(min_size=2, max_size=64)
noise = st.binary(max_size=24)
# Streams that look like the line: frames, noise, pieces of preambles and of frames.
pieces = st.one_of(
    bodies.map(frame),
    noise,
    st.just(PREAMBLE),
    bodies.map(lambda b: frame(b)[: len(b) // 2 + 3]),
)
streams = st.lists(pieces, max_size=6).map(b"".join)


def outcomes(chunks: list[bytes]) -> list[bytes | str]:
    """Every frame body and every error, in order, from the stream fed in `chunks`; asserts
    that each call that does not return a frame either ends (None) or consumed bytes."""
    reader = FrameReader()
    found: list[bytes | str] = []
    total = sum(len(c) for c in chunks)
    calls = 0
    for chunk in chunks:
        reader.feed(chunk)
        while True:
            calls += 1
            assert calls <= 2 * total + 2 * len(chunks) + 2, "the parser does not progress"
            try:
                body = reader.next_frame()
            except IdFrameError as exc:
                found.append(f"error: {exc}")
                continue
            if body is None:
                break
            found.append(body)
    return found


def split(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({c % (len(data) + 1) for c in cuts})
    return [data[a:b] for a, b in zip([0, *points], [*points, len(data)], strict=True)]


@SOME
@given(st.lists(bodies, max_size=5), noise)
def test_frames_round_trip_with_noise_between(frame_bodies: list[bytes], junk: bytes) -> None:
    # Noise without a preamble inside it, before each frame, is skipped.
    junk = junk.replace(b"\xaa", b"")
    stream = b"".join(junk + frame(body) for body in frame_bodies)
    assert outcomes([stream]) == frame_bodies


@SOME
@given(st.binary(max_size=1300), st.integers(0, 255), st.integers(0, 255), st.integers(0, 255))
def test_responses_round_trip(data: bytes, sw3: int, cmd: int, param: int) -> None:
    assert parse_response(split_frame(response(sw3, data))) == (sw3, data)
    assert split_frame(frame(bytes([cmd, param]) + data[:100])) == bytes([cmd, param]) + data[:100]


@MANY
@given(st.one_of(st.binary(max_size=200), streams), st.lists(st.integers(0, 10_000), max_size=8))
def test_any_stream_gives_the_same_frames_or_typed_errors_however_split(
    stream: bytes, cuts: list[int]
) -> None:
    # outcomes() fails on anything raised but IdFrameError, and on a call that makes no
    # progress (a hang).
    whole = outcomes([stream])
    for item in whole:
        if isinstance(item, bytes):
            assert 2 <= len(item) <= MAX_LENGTH - 1
    assert outcomes(split(stream, cuts)) == whole
    if len(stream) <= 64:
        assert outcomes([bytes([b]) for b in stream]) == whole


def _answer_for(cmd: Command, data: bytes) -> bytes:
    if cmd is Command.READ:
        data = read_data(data[:TEXT_BYTES].ljust(TEXT_BYTES, b"\x20"), bytes(PHOTO_BYTES))
    else:
        data = data[: DATA_LENGTH[cmd]].ljust(DATA_LENGTH[cmd], b"\x00")
    return response(SUCCESS[cmd], data)


@MANY
@given(st.sampled_from(list(Command)), st.binary(max_size=TEXT_BYTES), st.data())
def test_a_flipped_bit_is_always_caught(cmd: Command, data: bytes, draw: st.DataObject) -> None:
    answer = _answer_for(cmd, data)
    assert len(answer_data(cmd, split_frame(answer))) == DATA_LENGTH[cmd]
    position = draw.draw(st.integers(0, len(answer) * 8 - 1))
    flipped = bytearray(answer)
    flipped[position // 8] ^= 1 << (position % 8)
    try:
        answer_data(cmd, split_frame(bytes(flipped)))
    except IdCardError:
        return
    raise AssertionError(f"bit {position} of the answer to {cmd.name} flipped and not caught")


# The text -------------------------------------------------------------------------------------

cjk = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))


@st.composite
def identities(draw: st.DrawFn) -> IdIdentity:
    birth = draw(dates)
    region = draw(st.sampled_from(["110105", "310104", "420106", "440106", "650102"]))
    first17 = region + birth.strftime("%Y%m%d") + f"{draw(st.integers(0, 999)):03d}"
    valid_from = draw(dates)
    return IdIdentity(
        name=draw(st.text(cjk, min_size=1, max_size=15)),
        sex=draw(st.sampled_from(["1", "2"])),
        ethnicity=f"{draw(st.integers(1, 56)):02d}",
        birth_date=birth,
        address=draw(st.text(cjk | st.sampled_from("0123456789号"), max_size=35)),
        id_number=first17 + id_check_char(first17),
        issuer=draw(st.text(cjk, max_size=15)),
        valid_from=valid_from,
        valid_to=draw(st.none() | dates.filter(lambda d: d >= valid_from)),
    )


@SOME
@given(identities())
def test_the_text_round_trips(identity: IdIdentity) -> None:
    text = encode_text(identity)
    assert len(text) == TEXT_BYTES
    assert decode_text(text) == identity


@settings(max_examples=1000, deadline=None)
@given(st.binary(min_size=TEXT_BYTES, max_size=TEXT_BYTES))
def test_any_text_decodes_or_is_refused_in_words(text: bytes) -> None:
    try:
        decode_text(text)
    except (IdFrameError, IdCardUnsupported) as exc:
        assert str(exc)
