"""The engine never imports the UI toolkit; the CLI starts without psycopg, the analysis or the UI."""

import os
import subprocess
import sys
from pathlib import Path


def test_engine_does_not_import_textual() -> None:
    code = (
        "import sys, pkgutil, importlib, migwiz.engine as e\n"
        "for m in pkgutil.walk_packages(e.__path__, 'migwiz.engine.'):\n"
        "    importlib.import_module(m.name)\n"
        "import migwiz.cli\n"
        "print(sorted(n for n in sys.modules if n == 'textual' or n.startswith('textual.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout


def test_cli_module_imports_no_database_analysis_or_ui_code() -> None:
    code = (
        "import sys, migwiz.cli\n"
        "heavy = ('textual', 'psycopg', 'migwiz.engine.analysis', 'migwiz.tui', 'pglast')\n"
        "print(sorted(n for n in sys.modules if n in heavy or n.startswith(tuple(h + '.' for h in heavy))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout


def test_help_and_version_run_without_them() -> None:
    code = (
        "import sys\n"
        "from migwiz.cli import cli\n"
        "for args in (['--help'], ['--version'], ['lint', '--help']):\n"
        "    try:\n"
        "        cli.main(args, prog_name='migwiz', standalone_mode=True)\n"
        "    except SystemExit as exit:\n"
        "        assert exit.code in (0, None), exit.code\n"
        "print('loaded:', 'psycopg' in sys.modules, 'textual' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().endswith("loaded: False False"), out.stdout


def test_log_level_choices_are_the_event_levels() -> None:
    from migwiz.cli import cli
    from migwiz.engine.log.eventlog import LEVELS

    [level] = [p for p in cli.commands["log"].params if p.name == "level"]
    assert list(level.type.choices) == list(LEVELS)  # type: ignore[attr-defined]


def test_layout_choices_are_the_layouts() -> None:
    from migwiz.cli import cli
    from migwiz.engine.sets import LAYOUTS

    [layout] = [p for p in cli.commands["status"].params if p.name == "layout"]
    assert list(layout.type.choices) == list(LAYOUTS)  # type: ignore[attr-defined]


# what `migwiz lint FILE` must not load: the runner, the server-side families, the wizard, the types table
# and, with no database named, psycopg
NOT_FOR_LINT = (
    "textual",
    "psycopg",
    "migwiz.tui",
    "migwiz.engine.types",
    "migwiz.engine.run_commands",
    "migwiz.engine.project_commands",
    "migwiz.engine.server_commands",
    "migwiz.engine.run.runner",
    "migwiz.engine.run.session",
    "migwiz.engine.run.executor",
    "migwiz.engine.fleet",
    "migwiz.engine.backfill",
    "migwiz.engine.backup",
    "migwiz.engine.shadow",
    "migwiz.engine.observe",
    "migwiz.engine.plan",
    "migwiz.engine.rollback",
    "migwiz.engine.schema",
    "migwiz.engine.adopt",
    "migwiz.engine.ci",
    "migwiz.engine.analysis.trace",
)


def test_lint_of_one_file_loads_only_what_it_needs(tmp_path: Path) -> None:
    """`migwiz lint FILE` imports the analysis and the CLI, not the rest of the engine nor the wizard."""
    (tmp_path / "add.sql").write_text("ALTER TABLE t ADD COLUMN c int;\n")
    code = (
        "import sys\n"
        "from migwiz.cli import cli\n"
        "try:\n"
        "    cli.main(['lint', '--pg-version', '18', 'add.sql'], prog_name='migwiz')\n"
        "except SystemExit as exit:\n"
        "    assert exit.code == 0, exit.code\n"
        f"heavy = {NOT_FOR_LINT!r}\n"
        "under = tuple(h + '.' for h in heavy)\n"
        "loaded = sorted(n for n in sys.modules if n in heavy or n.startswith(under))\n"
        "print('analysed:', 'migwiz.engine.analysis.analyze' in sys.modules, 'loaded:', loaded)\n"
    )
    env = {**os.environ, "MIGWIZ_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"}
    env.pop("DATABASE_URL", None)
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path, env=env
    )
    assert "missing-lock-timeout" in out.stdout  # the file was really linted
    assert out.stdout.strip().endswith("analysed: True loaded: []"), out.stdout
