"""One module per group of CLI commands; each exposes run_<command>(ctx, args) -> exit code."""
