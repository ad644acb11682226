"""The terminal view of a monitor Snapshot, rendered to text at 80 columns from a hand-built snapshot."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from rich.console import Console

from migwiz.console.monitor_view import render_snapshot
from migwiz.engine.observe import LockWait, Progress, ReplicaLag, SessionInfo, Snapshot

TAKEN = datetime(2025, 3, 4, 12, 3, 4, tzinfo=UTC)
INDEX_BUILD = Progress(
    105, "CREATE INDEX CONCURRENTLY", "building index: scanning table", "public.orders",
    "public.orders_created", 442, 885, "blocks", 49.94, None, 12.5, ours=True,
)  # fmt: skip
VACUUM = Progress(
    106, "VACUUM", "waiting", "public.big", None, None, None, "blocks", None, 7, 1.0, ours=False
)
OUR_DDL = SessionInfo(
    103, "migwiz exec", "app", "active", "client backend", "Lock:relation",
    1.3, 1.3, 1.25, "ALTER TABLE accounts ADD COLUMN note text", ours=True,
)  # fmt: skip
IDLE_REPORT = SessionInfo(
    101, "report", "app", "idle in transaction", "client backend", "Client:ClientRead",
    184.3, 184.0, 183.9, "SELECT * FROM accounts WHERE id = 1", ours=False,
)  # fmt: skip


def lock(pid: int, app: str, *, mode: str | None = None, ours: bool = False, **kw: object) -> LockWait:
    fields: dict[str, object] = {
        "user": "app",
        "state": "active",
        "wait_s": 2.1 if mode else None,
        "xact_age_s": 3.0,
        "locktype": "relation" if mode else None,
        "relation": "public.accounts" if mode else None,
        "query": "SELECT count(*) FROM accounts",
        "blocked_by": (),
        "children": (),
    }
    fields.update(kw)
    return LockWait(pid=pid, application_name=app, mode=mode, ours=ours, **fields)  # type: ignore[arg-type]


def snapshot(**kw: object) -> Snapshot:
    ddl = lock(
        103, "migwiz exec", mode="AccessExclusiveLock", ours=True, wait_s=1.25,
        query="ALTER TABLE accounts ADD COLUMN note text",
        children=(lock(104, "psql", mode="AccessShareLock", wait_s=0.4),),
    )  # fmt: skip
    holder = lock(
        101, "report", state="idle in transaction", xact_age_s=184.3,
        query="SELECT * FROM accounts WHERE id = 1", children=(ddl,),
    )  # fmt: skip
    fields: dict[str, object] = {
        "taken_at": TAKEN,
        "server_version": 160004,
        "lock_tree": (holder,),
        "ours": (OUR_DDL,),
        "progress": (INDEX_BUILD, VACUUM),
        "replication": (
            ReplicaLag(201, "standby1", "10.0.0.2", "streaming", "async", 12_300_000, 1.5, 0.1, 0.2),
        ),
        "long_transactions": (IDLE_REPORT,),
        "notices": ("replication lag off: permission denied for view pg_stat_replication",),
        "disabled": ("replication",),
        "sample_ms": 0.87,
    }
    fields.update(kw)
    return Snapshot(**fields)  # type: ignore[arg-type]


def render(snap: Snapshot, *, width: int | None = None, console_width: int = 80, styles: bool = False) -> str:
    console = Console(
        record=True, width=console_width, color_system="truecolor" if styles else None, file=io.StringIO()
    )
    console.print(render_snapshot(snap, width=width))
    return console.export_text(styles=styles)


def test_lock_tree_progress_replication_and_notices_at_80_columns() -> None:
    lines = render(snapshot()).splitlines()
    assert lines[0] == "migwiz monitor · PostgreSQL 16.4 · 12:03:04 · sample 0.9 ms"
    assert lines[1:8] == [
        "Lock waits: 2 waiting",
        "└── 101 report idle in transaction · 2 behind",
        "    xact 3 min 4 s · app · SELECT * FROM accounts WHERE id = 1",
        "    └── » 103 migwiz exec waits 1.2 s for AccessExclusiveLock on public.accounts",
        "        1 behind · xact 3.0 s · app · ALTER TABLE accounts ADD COLUMN note text",
        "        └── 104 psql waits 400 ms for AccessShareLock on public.accounts",
        "            xact 3.0 s · app · SELECT count(*) FROM accounts",
    ]
    text = "\n".join(line.rstrip() for line in lines)
    ours = "» 103 migwiz exec · active 1.2 s · waits on Lock:relation · ALTER TABLE account…"
    assert f"Our sessions\n{ours}\n" in text
    assert "» 105 CREATE INDEX CONCURRENTLY public.orders (public.orders_created) · 12 s" in text
    assert "  █████████░░░░░░░░░░░ 49 % of 885 blocks · building index: scanning table" in text
    assert "106 VACUUM public.big · 1.0 s\n  waiting · waits for pid 7" in text
    assert "standby1 (10.0.0.2)  streaming async  12.3 MB     1.5 s" in text
    assert "101 report · xact 3 min 4 s · idle in transaction · SELECT * FROM accounts WHER…" in text
    assert lines[-2:] == [
        "! replication lag off: permission denied for view pg_stat_replication",
        "off: replication",
    ]
    assert max(len(line) for line in lines) <= 80


def test_ours_is_highlighted() -> None:
    styled = render(snapshot(), styles=True)
    assert "\x1b[1;36m» \x1b[0m\x1b[1;36m103 migwiz exec\x1b[0m\x1b[33m waits 1.2 s" in styled
    assert "\x1b[2m1 behind · xact 3.0 s" in styled  # only the name line is highlighted
    assert "\x1b[1;36m» 105 CREATE INDEX CONCURRENTLY" in styled
    assert "\x1b[1m104 psql" in styled  # not ours: plain bold


def test_a_quiet_server_shows_only_the_header_and_no_waits() -> None:
    quiet = snapshot(
        lock_tree=(), ours=(), progress=(), replication=(), long_transactions=(), notices=(), disabled=()
    )
    assert render(quiet).splitlines()[1:] == ["Lock waits: none"]


def test_a_switched_off_lock_tree_says_so() -> None:
    off = snapshot(lock_tree=(), disabled=("locks",), notices=())
    lines = render(off).splitlines()
    assert lines[1] == "Lock waits: off"
    assert lines[-1] == "off: locks"


def test_width_caps_the_columns_used() -> None:
    lines = render(snapshot(), width=60, console_width=120).splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 60
    assert "    └── » 103 migwiz exec waits 1.2 s for AccessExclusiveLo…" in lines


def test_progress_bar_doctest() -> None:
    import doctest

    from migwiz.console import monitor_view

    assert doctest.testmod(monitor_view).failed == 0
