"""`fieldapp bench`: the performance suite. Prints figures with their targets and floors.

Each area lives in its own module with `run(...) -> dict` of flat figures whose names carry
their unit; this runner builds a scratch data directory, runs them in order and adds peak memory.
"""

from __future__ import annotations

import importlib
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

# figure -> (target, "max"|"min"): a target the figure must stay under ("max") or above ("min")
TARGETS: dict[str, tuple[float, str]] = {
    "import_100k_s": (15.0, "max"),
    "search_p95_ms": (20.0, "max"),
    "search_vs_like_ratio": (5.0, "min"),
    "scan_commit_p95_ms": (5.0, "max"),
    "attendance_5k_ms": (200.0, "max"),
    "peak_rss_mb": (250.0, "max"),
    "certificates_per_s": (200.0, "min"),
    "desk_scan_to_result_p95_ms": (50.0, "max"),
    "desk_scan_to_result_p95_ms_while_syncing": (50.0, "max"),
    "cold_start_s": (2.0, "max"),
}
# The sync figures, measured against both servers: the PostgreSQL ones end in _pg.
SYNC_TARGETS: dict[str, tuple[float, str]] = {
    "sync_push_ops_per_s": (5_000.0, "min"),
    "sync_pull_rows_per_s": (20_000.0, "min"),
    "sync_first_100k_s": (20.0, "max"),
    "sync_first_100k_peak_rss_mb": (250.0, "max"),
    "sync_noop_round_ms": (50.0, "max"),
    "verify_100k_ms": (2_000.0, "max"),
}
TARGETS.update(SYNC_TARGETS)
TARGETS.update({f"{key}_pg": target for key, target in SYNC_TARGETS.items()})


def _peak_rss_mb() -> float:
    try:
        import resource

        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
        return round(peak_kb / 1024, 1)
    except ImportError:  # Windows
        import psutil

        return round(psutil.Process().memory_info().peak_wset / 2**20, 1)


def _stage(name: str, figures: dict[str, Any], fn: Callable[[], dict[str, Any]], log) -> None:
    started = time.perf_counter()
    log(f"… {name}")
    try:
        figures.update(fn())
    except ModuleNotFoundError as exc:
        log(f"   skipped: {exc}")
    log(f"   {name} done in {time.perf_counter() - started:.1f} s")


def run_all(quick: bool = False, log=lambda line: print(line, file=sys.stderr)) -> dict[str, Any]:
    people = 10_000 if quick else 100_000
    figures: dict[str, Any] = {"roster_n": people}
    with tempfile.TemporaryDirectory(prefix="fieldapp-bench-") as scratch:
        root = Path(scratch)

        def module(name: str):
            return importlib.import_module(f"fieldapp.bench.{name}")

        _stage(
            "roster import and search",
            figures,
            lambda: module("roster_bench").run(root / "roster", n=people),
            log,
        )
        _stage(
            "scans and attendance",
            figures,
            lambda: module("attendance_bench").run(
                root / "attendance", people=people, event_people=min(5_000, people)
            ),
            log,
        )
        # Peak memory of the data work, before the certificate and GUI stages load their libraries.
        figures["peak_rss_mb"] = _peak_rss_mb()
        _stage(
            "certificates", figures, lambda: module("certificates_bench").run(n=100 if quick else 500), log
        )
        _stage("check-in desk", figures, lambda: module("gui_bench").run(root / "gui", people=people), log)
        _stage(
            "check-in desk while a large pull is applied",
            figures,
            lambda: module("desk_sync_bench").run(root / "desk_sync", people=people, log=log),
            log,
        )
        # Real server processes and laptop processes; an unreachable PostgreSQL leaves a note.
        for backend, name in (("sqlite", "embedded SQLite"), ("postgresql", "PostgreSQL")):
            _stage(
                f"sync against the {name} server",
                figures,
                lambda backend=backend: module("sync_bench").run(
                    root / "sync",
                    people=people,
                    backend=backend,
                    ops_per_laptop=400 if quick else 4_000,
                    log=log,
                ),
                log,
            )
    return figures


def verdicts(figures: dict[str, Any]) -> dict[str, str]:
    out = {}
    for key, (target, kind) in TARGETS.items():
        if key in figures:
            ok = figures[key] <= target if kind == "max" else figures[key] >= target
            out[key] = "ok" if ok else "MISSED"
    return out


def main(quick: bool = False, as_json: bool = False) -> int:
    figures = run_all(quick=quick)
    if as_json:
        print(json.dumps(figures, ensure_ascii=False))
        return 0
    marks = verdicts(figures) if not quick else {}
    if quick:
        # The figure names stay those of the full run, so runs compare; roster_n says the scale.
        print("quick run on 10,000 people (roster_n): the targets apply to the full run of 100,000")
    for key, value in figures.items():
        target = TARGETS.get(key)
        mark = f": {marks[key]}" if key in marks else ""  # a quick run gives no verdict
        goal = f"  (target {'≤' if target[1] == 'max' else '≥'} {target[0]:g}{mark})" if target else ""
        print(f"{key:32} {value}{goal}")
    return 0
