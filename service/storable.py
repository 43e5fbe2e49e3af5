"""What text a database can store: no NUL (PostgreSQL refuses it) and no lone surrogate (not a character).

JSON can spell both (``"\\u0000"``, ``"\\udc00"``); the API refuses them with a 422 naming the field and
import reports the row by line, so neither ever reaches a database. Pure: no Flask, no SQL.
"""

from __future__ import annotations

from collections.abc import Iterator

# The deepest request body or corpus row this service reads is a source's quote's translation's field
# (5 levels); 32 leaves room for any client's wrapping and is far below Python's recursion limit.
MAX_JSON_DEPTH = 32

NUL_MESSAGE = "Contains a NUL character (\\u0000), which cannot be stored."
SURROGATE_MESSAGE = "Contains a lone surrogate (e.g. \\udc00), which is not a character and cannot be stored."


def unstorable(text: str) -> str | None:
    """Why ``text`` cannot be stored (NUL, lone surrogate), or None when it can."""
    if "\x00" in text:
        return NUL_MESSAGE
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return SURROGATE_MESSAGE
    return None


def bad_strings(value, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """``(path, reason)`` for every key or string in a decoded JSON value that cannot be stored.

    Iterative, and stops at MAX_JSON_DEPTH: a value nested deeper yields ``(path, "depth")`` and ends.
    """
    stack = [(value, path)]
    while stack:
        node, where = stack.pop()
        if len(where) > MAX_JSON_DEPTH:
            yield where, "depth"
            return
        if isinstance(node, str):
            reason = unstorable(node)
            if reason:
                yield where, reason
        elif isinstance(node, dict):
            for key, item in node.items():
                reason = unstorable(key) if isinstance(key, str) else None
                if reason:
                    yield (*where, repr(key)), reason
                else:
                    stack.append((item, (*where, key)))
        elif isinstance(node, list):
            stack.extend((item, (*where, i)) for i, item in enumerate(node))
