"""`fieldapp server` with a deliberately BROKEN push, to prove the harness catches it:
`python -m tests.sync.harness.server --forget-applied-ops -- server --db URL --port P`.

--forget-applied-ops: after each push batch commits, its applied-op rows are deleted, so a retried
or duplicated batch is applied again (retries without the applied-op memory, SYNC.md). The patch
lives in this process only (one uvicorn worker); production code carries no switch.
"""

from __future__ import annotations

import sys

from sqlalchemy import delete

from fieldapp import cli
from fieldapp.server import push
from fieldapp.server.db import write_session
from fieldapp.server.models import AppliedOp


def forget_applied_ops() -> None:
    original = push.push

    def push_and_forget(engine, caller, ops):
        answers = original(engine, caller, ops)
        with write_session(engine) as session:
            session.execute(
                delete(AppliedOp).where(
                    AppliedOp.org_id == caller.org_id, AppliedOp.op_id.in_([op.op_id for op in ops])
                )
            )
        return answers

    push.push = push_and_forget


def main(argv: list[str]) -> int:
    split = argv.index("--")
    flags, command = argv[:split], argv[split + 1 :]
    if "--forget-applied-ops" in flags:
        forget_applied_ops()
    return cli.main(command)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
