"""The engine's front door: one `Project`, one status for every face, one way to say an error."""

from __future__ import annotations

import socket
from pathlib import Path

import psycopg
import pytest

from migwiz.engine import commands
from migwiz.engine.config import Settings
from migwiz.engine.errors import MigwizError, one_line
from migwiz.tui import backend, execution
from migwiz.tui.context import WizardContext
from tests.conftest import TestDatabase
from tests.db.test_adopt import golang_migrate_up, native_set


def test_status_and_the_wizards_pending_step_both_see_another_tools_history(
    db: TestDatabase, tmp_path: Path
) -> None:
    """golang-migrate applied two of three files: `status` (CLI) and the wizard's Pending step say so alike,
    with the hint to adopt, instead of calling everything pending."""
    mset = native_set(tmp_path / "m")
    golang_migrate_up(db, mset, 2)
    project = commands.Project(db.dsn, Settings(mset.root))

    result = commands.status(project)
    assert result.foreign is not None and result.foreign.source.tool == "golang-migrate"
    assert [s.state for s in result.statuses] == ["pending", "pending", "pending"]  # migwiz's own
    assert [s.state for s in result.shown] == ["applied", "applied", "pending"]  # per golang-migrate
    assert not result.in_sync

    pending = backend.pending_info(commands.Project(db.dsn, Settings(mset.root)))
    assert [s.state for s in pending.statuses] == [s.state for s in result.shown]
    assert any("migwiz adopt --from golang-migrate" in n for n in pending.notices), pending.notices


def test_a_project_loads_its_set_once_and_builds_the_policy_from_its_settings(
    db: TestDatabase, tmp_path: Path
) -> None:
    mset = native_set(tmp_path / "m")
    project = commands.Project(db.dsn, Settings(mset.root, lock_timeout_ms=750, lock_retries=2))
    assert project.migration_set() is project.migration_set()
    policy = project.policy(lock_retries=5)
    assert (policy.lock_timeout_ms, policy.retry.lock_retries, policy.retry.max_total_ms) == (750, 5, 60_000)
    assert (
        commands.status(project).statuses == commands.status(commands.Project.of(db.dsn, mset)).statuses
    )  # a loaded set agrees


def test_server_errors_become_one_scrubbed_line(db: TestDatabase) -> None:
    """A server error quoting the password: `as_error` and `one_line` never show it, whatever the error."""
    secret = "door-s3cret-pw"
    dsn = f"{db.dsn} password={secret}"
    commands.remember_secrets(dsn)
    with psycopg.connect(db.dsn, autocommit=True) as conn, pytest.raises(psycopg.Error) as raised:
        conn.execute(f"SELECT 'line one {secret}'::int")
    said = one_line(raised.value)
    assert secret not in said and "\n" not in said and said
    error = commands.as_error(raised.value)
    assert isinstance(error, MigwizError) and secret not in error.message
    assert one_line(RuntimeError(f"first {secret}\nsecond")) == "first ***"
    assert one_line(MigwizError(f"a {secret}", "hint")) == "a ***"


def test_the_wizard_works_on_one_project_and_runs_with_its_settings(db: TestDatabase, tmp_path: Path) -> None:
    """One `Project` per wizard session: every step sees the set loaded once, and the wizard's run goes
    through `start_run`, so migwiz.toml's syslog receives its lines as it does the CLI's."""
    mset = native_set(tmp_path / "m", 2)
    receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    receiver.bind(("127.0.0.1", 0))
    receiver.settimeout(5)
    try:
        port = receiver.getsockname()[1]
        ctx = WizardContext(db.dsn, Settings(mset.root, syslog_address=f"127.0.0.1:{port}"))
        assert ctx.project is ctx.project
        pending = backend.pending_info(ctx.project)
        assert pending.mset is ctx.project.migration_set() is backend.recent_changes(ctx.project).mset
        summary = execution.execute(
            ctx.project, direction="up", target=None, policy=backend.policy_for(ctx.project),
            control=commands.RunControl(),
        )  # fmt: skip
        assert summary.ok, summary.error
        first = receiver.recv(4096).decode()
    finally:
        receiver.close()
    assert summary.run_id is not None
    assert first == f"<134>migwiz: run={summary.run_id[:8]} run: migwiz wizard up started\x00"
    applied = [str(m.version) for m in mset.migrations]
    assert backend.verify_after_run(ctx.project, expect_applied=applied, expect_pending=[]).passed
