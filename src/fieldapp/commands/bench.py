"""bench: see bench/run.py."""

from __future__ import annotations

import argparse

from fieldapp.commands._context import CliContext


def run_bench(ctx: CliContext, args: argparse.Namespace) -> int:
    from fieldapp.bench.run import main

    return main(quick=args.quick, as_json=args.json)
