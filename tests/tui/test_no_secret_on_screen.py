"""The wizard never shows a password: not in its header, not in the error of a step that cannot connect."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from migwiz.engine.config import load_settings
from migwiz.tui.app import make_app
from migwiz.tui.context import WizardContext
from tests.helpers import write_migrations
from tests.tui.helpers import wait_until

pytestmark = pytest.mark.timeout(60)


@pytest.mark.parametrize(
    ("dsn", "password"),
    [
        ("postgresql://u:Canary/Pw7@127.0.0.1:1/db", "Canary/Pw7"),
        ("host=127.0.0.1 port=1 password=Can ary7 dbname=db", "Can ary7"),
        ("postgresql://u:Can%40ary7@127.0.0.1:1/db", "Can@ary7"),
    ],
)
async def test_header_and_errors_hold_no_password(tmp_path: Path, dsn: str, password: str) -> None:
    folder = write_migrations(
        tmp_path / "migrations", {"1_a.up.sql": "SELECT 1;\n", "1_a.down.sql": "SELECT 1;\n"}
    )
    context = WizardContext(
        dsn=dsn, settings=load_settings(cwd=tmp_path, dir_flag=folder), cursor_blink=False
    )
    app = make_app(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: bool(app.data.errors))
        await pilot.pause(0.1)
        screen = html.unescape(app.export_screenshot())
        errors = " ".join(app.data.errors.values())
    for shown in (screen, errors, app.target_label):
        for piece in (password, "Canary", "ary7", "Can%40"):
            assert piece not in shown
    assert "cannot connect" in errors or "invalid connection string" in errors
