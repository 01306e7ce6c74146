"""The sync benchmark runs end to end on tiny data: a real server process, laptop processes pushing
at once, an organisation built through the server's own code, a fresh laptop's first sync, no-op
rounds and verify (the figures themselves are not asserted: speed is measured by `fieldapp bench`)."""

from __future__ import annotations

import pytest
from fieldapp.bench import sync_bench
from fieldapp.bench.run import TARGETS, verdicts

FIGURES = {
    "sync_push_ops_per_s",
    "sync_pull_rows_per_s",
    "sync_first_100k_s",
    "sync_first_100k_peak_rss_mb",
    "sync_noop_round_ms",
    "verify_100k_ms",
}


def test_sync_bench_pushes_pulls_and_verifies_against_a_real_server(tmp_path):
    figures = sync_bench.run(tmp_path, people=300, laptops=2, ops_per_laptop=40)
    assert set(figures) >= FIGURES
    # every pending op of both laptops applied (their own rows, an event, a signing key each)
    assert figures["sync_push_ops"] >= 2 * 40 and figures["sync_push_rejected"] == 0
    # the fresh laptop received the whole organisation, proved equal by the digests
    assert figures["sync_first_rows"] == figures["verify_rows"] >= figures["sync_org_ops"] >= 300
    assert figures["sync_first_verified"] is True
    assert all(figures[key] > 0 for key in FIGURES)


def test_an_unreachable_postgresql_leaves_a_note_outside_ci(tmp_path, monkeypatch):
    closed = f"postgresql+psycopg://postgres@127.0.0.1:{sync_bench._free_port()}/postgres"
    monkeypatch.delenv("CI", raising=False)
    figures = sync_bench.run(tmp_path, backend="postgresql", pg_admin_url=closed)
    assert list(figures) == ["sync_pg_note"] and figures["sync_pg_note"].startswith("skipped: PostgreSQL")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(RuntimeError, match="CI=true"):
        sync_bench.run(tmp_path, backend="postgresql", pg_admin_url=closed)


def test_the_sync_targets_apply_to_both_servers():
    assert {*FIGURES, *(f"{key}_pg" for key in FIGURES)} <= set(TARGETS)
    marks = verdicts({"sync_push_ops_per_s_pg": 4_000, "sync_noop_round_ms": 20.0})
    assert marks == {"sync_push_ops_per_s_pg": "MISSED", "sync_noop_round_ms": "ok"}
