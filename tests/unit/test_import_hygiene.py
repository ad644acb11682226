"""The engine never imports the UI toolkit; the CLI starts without psycopg, the analysis or the UI."""

import subprocess
import sys


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
