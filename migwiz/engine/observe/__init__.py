"""The live monitor: `Monitor(dsn).sample()` returns a `Snapshot` of frozen dataclasses.

Lock waits as a tree, our own sessions, long-operation progress, replication lag and long transactions,
read through a connection of its own that our DDL cannot freeze. No UI here: migwiz.console.monitor_view
renders a Snapshot for the terminal, the wizard shows the same data.
"""

from migwiz.engine.observe.service import Monitor, MonitorUnavailable
from migwiz.engine.observe.snapshot import LockWait, Progress, ReplicaLag, SessionInfo, Snapshot, one_line

__all__ = [
    "LockWait",
    "Monitor",
    "MonitorUnavailable",
    "Progress",
    "ReplicaLag",
    "SessionInfo",
    "Snapshot",
    "one_line",
]
