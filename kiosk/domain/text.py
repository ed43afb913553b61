"""Text for one-line messages: a value a person or a program supplied, cut to a length a
message can hold, saying how long it was."""

from __future__ import annotations


def shorten(value: str, limit: int = 80) -> str:
    """`value` cut to about `limit` characters for a one-line message, saying how long it was."""
    if len(value) <= limit:
        return value
    keep = limit // 2
    return f"{value[:keep]}…{value[-keep // 2 :]} ({len(value):,} characters)"
