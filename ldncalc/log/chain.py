"""The hash chain of the compounding log: canonical JSON and SHA-256.

Each entry's hash covers the previous entry's hash, the entry's own columns (as canonical
JSON: keys sorted, no spaces, UTF-8) and its body (itself canonical JSON, stored as text so
that it is hashed exactly as it was written). Changing, removing or reordering any entry
changes every hash after it; :func:`first_mismatch` finds the first entry that does not match.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

GENESIS = "0" * 64  # the "previous hash" of the first entry

# The columns an entry's hash covers besides its body, in the order they are stored.
HEADER = (
    "seq",
    "lot",
    "kind",
    "recorded_at",
    "actor",
    "corrects",
    "patient",
    "rx",
    "formulation_id",
    "formulation_version",
    "compounded",
)


def canonical(value: Any) -> str:
    """``value`` as canonical JSON: keys sorted, no insignificant space, non-ASCII kept."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_hash(previous: str, header: Mapping[str, Any], body: str) -> str:
    """The SHA-256 (hex) of an entry: the previous hash, its header columns, its body."""
    digest = hashlib.sha256()
    digest.update(previous.encode("ascii"))
    digest.update(b"\n")
    digest.update(canonical({name: header[name] for name in HEADER}).encode("utf-8"))
    digest.update(b"\n")
    digest.update(body.encode("utf-8"))
    return digest.hexdigest()


def first_mismatch(rows: Iterable[Mapping[str, Any]]) -> tuple[int, str | None, str] | None:
    """The first entry (in ``seq`` order) that breaks the chain, as (seq, lot, problem);
    ``None`` when every entry matches. ``rows`` carry the :data:`HEADER` columns, ``body``,
    ``prev_hash`` and ``hash``."""
    previous = GENESIS
    expected_seq = 1
    for row in rows:
        seq = int(row["seq"])
        if seq != expected_seq:
            return seq, row["lot"], f"follows entry {expected_seq - 1}: an entry is missing"
        if row["prev_hash"] != previous:
            return seq, row["lot"], "does not follow the previous entry's hash"
        if entry_hash(previous, row, row["body"]) != row["hash"]:
            return seq, row["lot"], "does not match its hash: its content was changed"
        previous = row["hash"]
        expected_seq += 1
    return None
