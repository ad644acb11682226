"""Every query file an engine module names exists in the package (a moved module cannot lose its SQL)."""

from __future__ import annotations

import re
from pathlib import Path

import migwiz.engine

ENGINE = Path(migwiz.engine.__file__).parent
QUERIES = ENGINE / "queries"
NAMED = re.compile(r"""["']([a-z0-9_]+\.sql)["']""")
PREFIXES = {path.name.split("_")[0] for path in QUERIES.glob("*.sql")}


def test_every_named_query_file_exists() -> None:
    missing = [
        f"{path.relative_to(ENGINE)}: {name}"
        for path in sorted(ENGINE.rglob("*.py"))
        for name in NAMED.findall(path.read_text(encoding="utf-8"))
        if name.split("_")[0] in PREFIXES and not (QUERIES / name).is_file()
    ]
    assert missing == []


def test_query_directories_named_by_modules_exist() -> None:
    from migwiz.engine.analysis import catalog, trace
    from migwiz.engine.backup import queries as backup_queries
    from migwiz.engine.observe import queries as observe_queries
    from migwiz.engine.plan import calibrate, live
    from migwiz.engine.run import guard

    folders = [
        catalog.QUERIES,
        trace._QUERIES,
        backup_queries.QUERY_DIR,
        observe_queries.QUERY_DIR,
        calibrate.QUERIES,
        live.QUERIES,
        guard._QUERIES,
    ]
    assert [folder for folder in folders if folder.resolve() != QUERIES.resolve()] == []
