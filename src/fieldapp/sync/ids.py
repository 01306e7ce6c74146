"""UUIDv7 ids made on the device: time-ordered (good for SQLite b-trees), unique across laptops."""

from __future__ import annotations

import os
import random
import threading
import time
import uuid

_lock = threading.Lock()
_last_ms = 0
_counter = 0


def uuid7() -> str:
    """RFC 9562 UUIDv7 as a 36-char string; monotonic within this process (12-bit counter in rand_a)."""
    global _last_ms, _counter
    with _lock:
        ms = time.time_ns() // 1_000_000
        if ms <= _last_ms:
            _counter += 1
            if _counter > 0xFFF:  # counter exhausted inside one millisecond: borrow the next one
                _last_ms += 1
                _counter = 0
            ms = _last_ms
        else:
            _last_ms = ms
            _counter = random.getrandbits(10)  # random start, room to grow
        counter = _counter
    rand_b = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    value = (ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | counter << 64 | 0b10 << 62 | rand_b
    return str(uuid.UUID(int=value))


_DISTINCT_NAMESPACE = uuid.UUID("6b1f4c2e-9d3a-4e7b-8c5d-2a1f0e9b8c7d")


def distinct_pair(first: str, second: str) -> tuple[str, str, str]:
    """(id, lower id, higher id) of the person_distinct fact of two people: derived from the pair,
    so two laptops marking the same pair make one fact, and the server can look it up."""
    low, high = sorted((first, second))
    return str(uuid.uuid5(_DISTINCT_NAMESPACE, f"{low}/{high}")), low, high
