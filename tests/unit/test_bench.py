"""The benchmark modules run end to end on small data (the figures themselves are not asserted:
speed is measured by `fieldapp bench`, never by a timed test)."""

from __future__ import annotations

from fieldapp.bench import attendance_bench, certificates_bench, roster_bench
from fieldapp.bench.run import TARGETS, verdicts


def test_roster_bench_imports_and_searches(tmp_path):
    figures = roster_bench.run(tmp_path, n=400)
    assert figures["roster_n"] == 400
    assert {"import_100k_s", "search_p95_ms", "like_scan_p95_ms", "search_vs_like_ratio"} <= set(figures)


def test_attendance_bench_scans_and_computes(tmp_path):
    figures = attendance_bench.run(tmp_path, people=300, event_people=100)
    assert figures["scans_accepted"] == figures["scans_measured"] > 0
    assert {"scan_commit_p95_ms", "sqlite_commit_p95_ms", "attendance_5k_ms"} <= set(figures)


def test_certificates_bench_renders_with_both_qr_paths():
    figures = certificates_bench.run(n=20)
    assert figures["certificates_per_s"] > 0 and figures["certificates_rl_qr_per_s"] > 0


def test_verdicts_compare_each_figure_with_its_target():
    marks = verdicts({"search_p95_ms": 25.0, "certificates_per_s": 250.0, "unrelated": 1})
    assert marks == {"search_p95_ms": "MISSED", "certificates_per_s": "ok"}
    assert set(TARGETS) >= {"import_100k_s", "peak_rss_mb", "cold_start_s", "desk_scan_to_result_p95_ms"}
