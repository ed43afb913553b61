"""The voucher QR payload: the voucher's content and a signature anyone can check offline with
the issuing kiosk's public key (and the old HMAC codes, still read here).

New codes, ``SSK2:<base45>``, follow the EU Digital COVID Certificate: a COSE_Sign1 structure
(RFC 9052) in CBOR (RFC 8949), tagged 18, its protected header naming the algorithm (EdDSA,
-8) and the key id (8 bytes: the start of SHA-256 over the raw Ed25519 public key); its payload
a CBOR map of the voucher's content with small integer keys (1 number, 2 kind, 3 masked holder,
4 pickup date, 5 outlet code); the signature Ed25519 over the standard Sig_structure, so any
COSE library checks it. Base45 (RFC 9285) keeps every character in the QR code's alphanumeric
mode (the prefix too), so a code of about 250 characters fits the 80 mm roll.

Base45 is written here (20 lines, with the RFC's test vectors in the tests) rather than
depended on: the one package on PyPI (`base45`) has had no release since 2022 and no type
hints, and a decoder of hostile input we can read whole is worth more than a dependency.

Old codes, ``SSK1:<number>:<signature>``: the first 16 bytes of HMAC-SHA256(this kiosk's
voucher key, "SSK1:" + number), base32. They are verified (vouchers already printed) and made
only where no Ed25519 key is given (`VoucherCodes` without one: tests and old callers).
"""

from __future__ import annotations

import base64
import datetime as dt
import enum
import hashlib
import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import cbor2
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from kiosk.domain.business import VoucherRecord
from kiosk.domain.masking import mask_name
from kiosk.domain.vouchers import normalize_voucher_number

PREFIX = "SSK1"  # the old HMAC codes
PREFIX2 = "SSK2"  # COSE_Sign1, Ed25519, Base45
_SIG_BYTES = 16
_SIG_CHARS = 26  # base32 of 16 bytes, padding removed
MAX_CODE_CHARS = 1000  # a real code is ~250; anything far larger is refused before decoding
KEY_ID_BYTES = 8
_COSE_SIGN1_TAG = 18
_ALG, _KID, _EDDSA = 1, 4, -8
_FIELDS = {1: "number", 2: "kind", 3: "holder", 4: "pickup_date", 5: "outlet"}


class CodeProblem(enum.Enum):
    """Why a code is refused, for those who word it (the staff desk's check)."""

    MALFORMED = "malformed"  # not a voucher code, or damaged
    UNKNOWN_KEY = "unknown_key"  # signed with a key not among those trusted here
    BAD_SIGNATURE = "bad_signature"  # the signature does not match: altered (or, SSK1, foreign)
    OLD_UNCHECKABLE = "old_uncheckable"  # an SSK1 code, and no HMAC key to check it with


class InvalidVoucherCode(ValueError):
    """A scanned voucher code that is malformed, or whose signature does not match; `problem`
    says which, the message says it in words (for logs and the command line)."""

    def __init__(self, message: str, problem: CodeProblem = CodeProblem.MALFORMED) -> None:
        super().__init__(message)
        self.problem = problem


@dataclass(frozen=True, slots=True)
class VoucherContent:
    """What a new code signs: nothing personal but the masked holder name."""

    number: str
    kind: str | None = None  # kiosk.domain.journal.VoucherKind value
    holder: str | None = None  # masked (kiosk.domain.masking.mask_name)
    pickup_date: dt.date | None = None
    outlet: str | None = None  # the pickup outlet's code


def signed_content(record: VoucherRecord) -> VoucherContent:
    """What the printed voucher's code signs: its number, kind, masked holder, and for a card
    receipt the pickup date and outlet."""
    return VoucherContent(
        record.number,
        kind=record.kind.value,
        holder=mask_name(record.holder_name),
        pickup_date=record.pickup_date,
        outlet=record.outlet.code if record.outlet else None,
    )


@dataclass(frozen=True, slots=True)
class VerifiedVoucher:
    number: str
    scheme: str = PREFIX  # "SSK1" (HMAC) or "SSK2" (Ed25519)
    key_id: str | None = None  # hex, SSK2 only
    content: VoucherContent | None = None  # SSK2 only: SSK1 signs the number alone


def key_id(public: Ed25519PublicKey) -> str:
    """The key id (16 hex digits) a code names its key by."""
    raw = public.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return hashlib.sha256(raw).digest()[:KEY_ID_BYTES].hex()


# Base45 (RFC 9285) -----------------------------------------------------------------------------

_B45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_B45_VALUE = {c: i for i, c in enumerate(_B45)}


def b45encode(data: bytes) -> str:
    out = []
    for i in range(0, len(data), 2):
        chunk = data[i : i + 2]
        n = int.from_bytes(chunk, "big")
        digits = 3 if len(chunk) == 2 else 2
        for _ in range(digits):
            n, r = divmod(n, 45)
            out.append(_B45[r])
    return "".join(out)


def b45decode(text: str) -> bytes:
    """Raises ValueError for a character outside the alphabet, a dangling one, or a value
    out of range."""
    out = bytearray()
    for i in range(0, len(text), 3):
        chunk = text[i : i + 3]
        if len(chunk) == 1:
            raise ValueError("base45 text of a wrong length")
        try:
            values = [_B45_VALUE[c] for c in chunk]
        except KeyError:
            raise ValueError("a character outside base45") from None
        n = sum(v * 45**k for k, v in enumerate(values))
        size = 2 if len(chunk) == 3 else 1
        if n >= 256**size:
            raise ValueError("a base45 group out of range")
        out += n.to_bytes(size, "big")
    return bytes(out)


# Signing and verifying ------------------------------------------------------------------------


@dataclass(frozen=True)
class VoucherCodes:
    """Makes this kiosk's codes and checks codes against the public keys it trusts.

    `private` signs new codes (SSK2); without it codes are made the old way (SSK1, with
    `hmac_key`). `public_keys` (key id -> key) verify SSK2 codes; the private key's own public
    key is always among them. `hmac_key` verifies SSK1 codes; without it they are refused."""

    hmac_key: bytes | None = None
    private: Ed25519PrivateKey | None = None
    public_keys: Mapping[str, Ed25519PublicKey] = field(default_factory=dict)

    def __post_init__(self) -> None:
        keys = dict(self.public_keys)
        if self.private is not None:
            keys[key_id(self.private.public_key())] = self.private.public_key()
        object.__setattr__(self, "public_keys", keys)

    def sign(self, content: VoucherContent | str) -> str:
        """The QR payload for `content` (a bare number signs the number alone); raises
        ValueError for a malformed number."""
        if isinstance(content, str):
            content = VoucherContent(content)
        normal = normalize_voucher_number(content.number)
        if normal is None:
            raise ValueError("not a valid voucher number")
        if self.private is None:
            if not self.hmac_key:
                raise ValueError("no voucher signing key")
            return f"{PREFIX}:{normal}:{_hmac_signature(normal, self.hmac_key)}"
        kid = bytes.fromhex(key_id(self.private.public_key()))
        protected = cbor2.dumps({_ALG: _EDDSA, _KID: kid})
        payload = cbor2.dumps(_content_map(content, normal))
        signature = self.private.sign(_sig_structure(protected, payload))
        cose = cbor2.dumps(cbor2.CBORTag(_COSE_SIGN1_TAG, [protected, {}, payload, signature]))
        return f"{PREFIX2}:{b45encode(cose)}"

    def verify(self, text: str) -> VerifiedVoucher:
        """Check a scanned payload; raises InvalidVoucherCode saying what is wrong."""
        # Not strip(): a space is a base45 digit, and may end a code.
        text = text.lstrip().rstrip("\r\n\t")
        if len(text) > MAX_CODE_CHARS:
            raise InvalidVoucherCode(f"longer than {MAX_CODE_CHARS} characters")
        if text.startswith(PREFIX2 + ":"):
            return _verify_cose(text[len(PREFIX2) + 1 :], self.public_keys)
        if self.hmac_key is None:
            if text.startswith(PREFIX + ":"):
                raise InvalidVoucherCode(
                    "an old SSK1 code: it can be checked only with the issuing kiosk's secret key",
                    CodeProblem.OLD_UNCHECKABLE,
                )
            raise InvalidVoucherCode(f"not a voucher code (expected {PREFIX2}:…)")
        return _verify_hmac(text, self.hmac_key)


def sign(number: str, key: bytes) -> str:
    """An old SSK1 code for `number` (HMAC); raises ValueError for a malformed number."""
    return VoucherCodes(hmac_key=key).sign(number)


def verify(text: str, key: bytes) -> VerifiedVoucher:
    """Check an SSK1 code against the HMAC `key` (SSK2 codes need `VoucherCodes` with keys)."""
    return VoucherCodes(hmac_key=key).verify(text)


def _content_map(content: VoucherContent, number: str) -> dict[int, str]:
    values = {
        1: number,
        2: content.kind,
        3: content.holder,
        4: content.pickup_date.isoformat() if content.pickup_date else None,
        5: content.outlet,
    }
    return {k: v for k, v in values.items() if v is not None}


def _sig_structure(protected: bytes, payload: bytes) -> bytes:
    return cbor2.dumps(["Signature1", protected, b"", payload])


def _verify_cose(body: str, keys: Mapping[str, Ed25519PublicKey]) -> VerifiedVoucher:
    try:
        raw = b45decode(body)
        item = cbor2.loads(raw)
    except (ValueError, cbor2.CBORDecodeError, TypeError, OverflowError, RecursionError):
        raise InvalidVoucherCode("the code is damaged (not base45 CBOR)") from None
    if isinstance(item, cbor2.CBORTag):
        if item.tag != _COSE_SIGN1_TAG:
            raise InvalidVoucherCode("not a COSE_Sign1 structure")
        item = item.value
    if not (isinstance(item, (list, tuple)) and len(item) == 4):
        raise InvalidVoucherCode("not a COSE_Sign1 structure")
    protected, _unprotected, payload, signature = item
    if not all(isinstance(x, bytes) for x in (protected, payload, signature)):
        raise InvalidVoucherCode("not a COSE_Sign1 structure")
    try:
        header = cbor2.loads(protected)
    except (ValueError, cbor2.CBORDecodeError, TypeError, OverflowError, RecursionError):
        raise InvalidVoucherCode("the protected header is damaged") from None
    if not isinstance(header, Mapping) or header.get(_ALG) != _EDDSA:
        raise InvalidVoucherCode("not signed with EdDSA")
    kid = header.get(_KID)
    if not isinstance(kid, bytes) or len(kid) != KEY_ID_BYTES:
        raise InvalidVoucherCode("no key id in the protected header")
    public = keys.get(kid.hex())
    if public is None:
        raise InvalidVoucherCode(
            f"signed with key {kid.hex()}, which is not among the keys given",
            CodeProblem.UNKNOWN_KEY,
        )
    try:
        public.verify(signature, _sig_structure(protected, payload))
    except InvalidSignature:
        raise InvalidVoucherCode(
            f"the signature does not match key {kid.hex()}: the code was altered",
            CodeProblem.BAD_SIGNATURE,
        ) from None
    # Signed by a key we trust: the content is the kiosk's, but still checked for shape.
    try:
        fields = cbor2.loads(payload)
    except (ValueError, cbor2.CBORDecodeError, TypeError, OverflowError, RecursionError):
        raise InvalidVoucherCode("the signed content is damaged") from None
    if not isinstance(fields, Mapping) or not all(
        k in _FIELDS and isinstance(v, str) and len(v) <= 200 for k, v in fields.items()
    ):
        raise InvalidVoucherCode("the signed content is not a voucher's")
    number = normalize_voucher_number(fields.get(1, ""))
    if number is None or number != fields[1]:
        raise InvalidVoucherCode("the voucher number in the code is malformed or fails its check")
    try:
        pickup = dt.date.fromisoformat(fields[4]) if 4 in fields else None
    except ValueError:
        raise InvalidVoucherCode("the pickup date in the code is not a date") from None
    content = VoucherContent(number, fields.get(2), fields.get(3), pickup, fields.get(5))
    return VerifiedVoucher(number, PREFIX2, kid.hex(), content)


def _hmac_signature(number: str, key: bytes) -> str:
    mac = hmac.new(key, f"{PREFIX}:{number}".encode(), hashlib.sha256).digest()[:_SIG_BYTES]
    return base64.b32encode(mac).decode("ascii").rstrip("=")


def _verify_hmac(text: str, key: bytes) -> VerifiedVoucher:
    parts = text.split(":")
    if len(parts) != 3 or parts[0] != PREFIX:
        raise InvalidVoucherCode(
            f"not a voucher code (expected {PREFIX2}:… or {PREFIX}:<number>:<signature>)"
        )
    _, number, sig = parts
    normal = normalize_voucher_number(number)
    if normal is None or normal != number:
        raise InvalidVoucherCode("the voucher number in the code is malformed or fails its check")
    if len(sig) != _SIG_CHARS:
        raise InvalidVoucherCode("the signature in the code has the wrong length")
    if not key:
        raise ValueError("the voucher signing key is empty")
    expected = _hmac_signature(normal, key).encode()
    if not hmac.compare_digest(sig.encode("ascii", "replace"), expected):
        raise InvalidVoucherCode(
            "the signature does not match: the code was altered or signed with another key",
            CodeProblem.BAD_SIGNATURE,
        )
    return VerifiedVoucher(number=normal)


class NumberCheck(enum.Enum):
    """What a typed voucher number (no signature) can be said to be."""

    VALID = "valid"  # well formed and its check character is right
    BAD_CHECK = "bad_check"  # well formed, but the check character does not match
    MALFORMED = "malformed"  # not shaped like a voucher number at all


_NUMBER_SHAPE = re.compile(r"[A-Z0-9]{1,12}[0-9]{8}[0-9]{6}[0-9A-Z]")


def check_number(text: str) -> tuple[NumberCheck, str | None]:
    """Check a voucher number typed without its signature: (result, printed form if valid).

    A right check character only says the number was typed correctly, not that a kiosk
    issued it: only the signature in the QR code says that."""
    normal = normalize_voucher_number(text)
    if normal is not None:
        return NumberCheck.VALID, normal
    if _NUMBER_SHAPE.fullmatch(re.sub(r"[\s-]", "", text.upper())):
        return NumberCheck.BAD_CHECK, None
    return NumberCheck.MALFORMED, None
