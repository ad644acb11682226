"""dbmate: `<version>...sql` files with `-- migrate:up` and `-- migrate:down` sections.

dbmate (`pkg/dbmate/db.go`) reads every file matching `^(\\d+).*\\.sql$`, takes the digits as the version
(as written: `1` and `001` differ) and runs the files in file-name order; other files are skipped.
dbmate 2 (`pkg/dbmate/migration.go`) refuses to apply or roll back a file without `-- migrate:down`
(dbmate 1 ran an empty down for it): migwiz reads such a file as a migration without a down script,
with a notice, so `down` and `test-rollback` say it has none. dbmate 2.29 also reads several
`-- migrate:up`/`-- migrate:down` pairs in one file; migwiz refuses them with a hint to split the file.
"""

from __future__ import annotations

import re
from pathlib import Path

from migwiz.engine.errors import MigrationFileError
from migwiz.engine.sets.dbmate_streamed import MARK, has_mark, load_big, transaction_option
from migwiz.engine.sets.files import Folder, checksum, lf, line_of, script
from migwiz.engine.sets.model import Directives, Migration, Script
from migwiz.engine.sets.splitting import scan_sql
from migwiz.engine.sets.versions import dbmate_version

FILE = re.compile(r"(?P<version>\d+)(?P<rest>.*)\.sql")
INDENTED_DOWN = re.compile(r"^[ \t]+--[ \t]*migrate:down\b", re.MULTILINE)
"""A `-- migrate:down` after spaces: dbmate reads marks only at a line's start, so it is SQL of the up."""


def load_dbmate(folder: Folder) -> list[Migration]:
    """Every dbmate file of the folder; other files and subfolders are ignored."""
    migrations = []
    for path in folder.files:
        m = FILE.fullmatch(path.name)
        if m is None:
            folder.ignore(path, "dbmate reads only <version>_<name>.sql")
            continue
        name = m["rest"].lstrip("_-")
        text = None
        if folder.big(path):  # streamed, never held whole
            migration = load_big(path, m["version"], name)
        else:
            text = lf(folder.text(path))
            migration = _load(path, text, m["version"], name)
        indented = INDENTED_DOWN.search(text) if text is not None and migration.down is None else None
        if indented is not None:
            line = line_of(text or "", indented.start())
            folder.notices.append(
                f"{path}: an indented `-- migrate:down` at line {line} is not a directive"
                " for dbmate: it is read as part of the up; no down script (dbmate 2 refuses"
                " to apply or roll back this file)"
            )
        elif migration.down is None:
            folder.notices.append(
                f"{path}: no -- migrate:down section: dbmate 2 refuses to apply or roll back this file;"
                " migwiz reads it as a migration without a down script (`up` needs --allow-irreversible)"
            )
        migrations.append(migration)
    for path in folder.dirs:
        folder.ignore(path, "dbmate does not read subfolders")
    return migrations


def _load(path: Path, text: str, version: str, name: str) -> Migration:
    marks: dict[str, re.Match[str]] = {}
    for m in MARK.finditer(text):
        if m["kind"] in marks:
            first = line_of(text, marks[m["kind"]].start())
            raise MigrationFileError(
                f"{path}:{line_of(text, m.start())}: second -- migrate:{m['kind']} (first at line {first})",
                hint="dbmate 2.29+ runs each -- migrate:up section on its own; migwiz reads one per file:"
                " split the file into one migration per section",
            )
        marks[m["kind"]] = m
    up = marks.get("up")
    down = marks.get("down")
    if up is None:
        raise MigrationFileError(
            f"{path}: no -- migrate:up section", hint="dbmate files start with -- migrate:up"
        )
    if down is not None and down.start() < up.start():
        raise MigrationFileError(
            f"{path}:{line_of(text, down.start())}: -- migrate:down before -- migrate:up"
        )
    head = scan_sql(text[: up.start()], path=path)
    if head.statements:
        raise MigrationFileError(f"{path}:{head.statements[0].line}: statement before -- migrate:up")
    for comment in head.comments:
        if "migwiz:" in comment.text:
            raise MigrationFileError(f"{path}:{comment.line}: put migwiz directives after -- migrate:up")
    up_end = down.start() if down else len(text)
    return Migration(
        version=dbmate_version(version, path.name),
        name=name,
        up=_section(path, text, up, up_end),
        down=_section(path, text, down, len(text)) if down else None,
        checksum=checksum(text),
        layout="dbmate",
        spelling=path.name[: -len(".sql")],
    )


def _section(path: Path, text: str, mark: re.Match[str], end: int) -> Script:
    line = line_of(text, mark.start())
    transaction = transaction_option(path, line, mark["options"])
    start = min(mark.end() + 1, end)
    return script(path, text[start:end], first_line=line + 1, base=Directives(transaction=transaction))


def marked(folder: Folder, path: Path) -> bool:
    """Whether the file holds a `-- migrate:` mark (a big file read a piece at a time, never whole)."""
    return has_mark(path) if folder.big(path) else MARK.search(folder.text(path)) is not None
