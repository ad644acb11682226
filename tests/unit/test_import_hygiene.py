"""The engine never imports the UI toolkit."""

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
