"""Digests that prove a laptop and the server hold the same rows (pure, no database).

A row's hash covers its table, id and data columns (not the sync bookkeeping: HLCs, versions),
in one canonical JSON form both sides produce from the wire form of the row. A table's digest is
the XOR of its row hashes, split into 16 buckets by the id's hash: order does not matter, a row
can be added or removed without reading the others, and a mismatch names the bucket to compare.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import orjson

from fieldapp.sync.merge import SYSTEM_COLUMNS

BUCKETS = 16
HASH_BYTES = 16


def data_of(row: dict[str, Any]) -> dict[str, Any]:
    """The data columns of a row in wire form (what the digest covers)."""
    return {k: v for k, v in row.items() if k not in SYSTEM_COLUMNS}


def _plain(value: Any) -> Any:
    # 5 and 5.0 are one value: a Float column given an int reads back a float.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# The canonical form is the standard library's (one encoder for every row: json.dumps with options
# builds a new one per call). orjson writes the same text several times faster for the values
# most rows hold (text, integers of 64 bits, booleans, nulls); anything else (floats, whose
# exponents it writes another way, nested values, text it refuses) goes the standard way.
_ENCODE = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode
_INT64 = range(-(2**63), 2**63)


def canonical(data: dict[str, Any]) -> str:
    """One text for one row's data, whichever side made it (keys sorted, 5.0 written 5)."""
    if any(type(v) is float for v in data.values()):
        data = {k: _plain(v) for k, v in data.items()}
    return encode_sorted(data)


def encode_sorted(plain: dict[str, Any]) -> str:
    """canonical() of data whose floats are already plain (the caller converted them)."""
    for value in plain.values():
        kind = type(value)
        if not (kind is str or value is None or kind is bool or (kind is int and value in _INT64)):
            return _ENCODE(plain)
    return encode_simple(plain)


def encode_simple(plain: dict[str, Any]) -> str:
    """encode_sorted() of data whose values the caller knows are text, integers of 64 bits (what
    SQLite holds), booleans or nulls: a table without float or JSON columns."""
    try:
        return orjson.dumps(plain, option=orjson.OPT_SORT_KEYS).decode()
    except orjson.JSONEncodeError:  # e.g. a lone surrogate: the standard form, as before
        return _ENCODE(plain)


def encode_simple_sorted_bytes(plain: dict[str, Any]) -> bytes:
    """encode_simple() as UTF-8, of data whose keys are already in sorted order: verify's loop,
    which builds each row's dict in its columns' sorted order and hashes bytes."""
    try:
        return orjson.dumps(plain)
    except orjson.JSONEncodeError:
        return _ENCODE(plain).encode()


def row_hash(table: str, row_id: str, data: dict[str, Any]) -> str:
    """32 hex digits: the row's table, id and data columns."""
    return canonical_hash(table, row_id, canonical(data))


def canonical_hash(table: str, row_id: str, canonical_data: str) -> str:
    """row_hash of data already in canonical form (the server stores that text anyway)."""
    text = f"{table}\x00{row_id}\x00{canonical_data}".encode()
    return hashlib.blake2b(text, digest_size=HASH_BYTES).hexdigest()


CONFLICT_TABLE = "conflict"


def conflict_hash(conflict_id: str) -> str:
    """A conflict's row hash: its id is what both sides share (each keeps it in its own form)."""
    return row_hash(CONFLICT_TABLE, conflict_id, {})


def bucket_of(row_id: str) -> int:
    return hashlib.blake2b(row_id.encode(), digest_size=1).digest()[0] % BUCKETS


@dataclass
class TableDigest:
    count: int = 0
    bucket_counts: list[int] = field(default_factory=lambda: [0] * BUCKETS)
    bucket_xor: list[int] = field(default_factory=lambda: [0] * BUCKETS)

    def add(self, row_id: str, hash_hex: str) -> None:
        self.add_bytes(row_id, bytes.fromhex(hash_hex))

    def add_bytes(self, row_id: str, hash_bytes: bytes) -> None:
        b = bucket_of(row_id)
        self.count += 1
        self.bucket_counts[b] += 1
        self.bucket_xor[b] ^= int.from_bytes(hash_bytes, "big")

    @property
    def digest(self) -> str:
        total = 0
        for value in self.bucket_xor:
            total ^= value
        return f"{total:032x}"

    def as_json(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "digest": self.digest,
            "buckets": [f"{c}:{x:032x}" for c, x in zip(self.bucket_counts, self.bucket_xor, strict=True)],
        }


def table_digest(rows: Iterable[tuple[str, str]]) -> TableDigest:
    """The digest of (row id, row hash) pairs."""
    result = TableDigest()
    for row_id, hash_hex in rows:
        result.add(row_id, hash_hex)
    return result


def differing_buckets(mine: dict[str, Any], theirs: dict[str, Any]) -> list[int]:
    """Bucket numbers whose count or digest differ between two `as_json()` forms."""
    return [i for i, (a, b) in enumerate(zip(mine["buckets"], theirs["buckets"], strict=True)) if a != b]
