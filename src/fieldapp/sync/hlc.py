"""Hybrid logical clock: timestamps that order changes across laptops even when wall clocks drift.

A timestamp is the string ``"{physical_ms:013d}.{counter:05d}.{device_id}"``: comparing the strings
compares (time, counter, device), so the last writer wins deterministically on every device.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Timestamp:
    physical_ms: int
    counter: int
    device_id: str

    def __str__(self) -> str:
        return f"{self.physical_ms:013d}.{self.counter:05d}.{self.device_id}"

    @classmethod
    def parse(cls, text: str) -> Timestamp:
        physical, counter, device = text.split(".", 2)
        return cls(int(physical), int(counter), device)


class HybridLogicalClock:
    def __init__(self, device_id: str, last: str | None = None, wall_ms=None) -> None:
        self.device_id = device_id
        self._wall_ms = wall_ms or (lambda: time.time_ns() // 1_000_000)
        self._lock = threading.Lock()
        self._physical, self._counter = 0, 0
        if last:
            self.observe(last)

    def now(self) -> str:
        with self._lock:
            wall = self._wall_ms()
            if wall > self._physical:
                self._physical, self._counter = wall, 0
            else:  # the wall clock went back or stood still: keep counting on the logical part
                self._counter += 1
            return f"{self._physical:013d}.{self._counter:05d}.{self.device_id}"  # str(Timestamp(...))

    def last(self) -> str:
        """The latest stamp this clock gave or saw (without giving a new one)."""
        with self._lock:
            return str(Timestamp(self._physical, self._counter, self.device_id))

    def observe(self, remote: str) -> None:
        """Advance past a timestamp seen from another device (or read back from disk)."""
        ts = Timestamp.parse(remote)
        with self._lock:
            if (ts.physical_ms, ts.counter) > (self._physical, self._counter):
                self._physical, self._counter = ts.physical_ms, ts.counter
