"""Flyway repeatable migrations (`R__<description>.sql`) run as Flyway runs them: after every versioned
migration, by description, and again whenever the file changes; adopted from `flyway_schema_history`.
Flyway placeholders (`${name}`) take their values from migwiz.toml.

File names are those of MarquezProject/marquez (api/src/main/resources/marquez/db/migration), whose
views are repeatable migrations over versioned tables.
"""

from __future__ import annotations

from pathlib import Path

from migwiz.engine import commands
from migwiz.engine.adopt import adopt
from migwiz.engine.adopt.flyway import checksum as flyway_checksum
from migwiz.engine.run.runner import ExecutionPolicy
from migwiz.engine.sets import load_migration_set
from migwiz.engine.sets.model import MigrationSet
from tests.conftest import TestDatabase
from tests.db.test_adopt import FLYWAY_DDL
from tests.helpers import run_cli, write_migrations

IRREVERSIBLE = ExecutionPolicy(allow_irreversible=True)  # repeatable migrations have no down
RUNS = "CREATE TABLE runs (uuid uuid PRIMARY KEY, job_name text);\n"
RUNS_VIEW = "CREATE OR REPLACE VIEW runs_view AS SELECT r.uuid, r.job_name FROM runs r;\n"
RUNS_VIEW_2 = (
    "CREATE OR REPLACE VIEW runs_view AS SELECT r.uuid, r.job_name, r.uuid::text AS id FROM runs r;\n"
)
DATASETS_VIEW = "CREATE OR REPLACE VIEW datasets_view AS SELECT 1 AS one;\n"


def marquez_like(folder: Path, **more: str) -> MigrationSet:
    files = {
        "V1__initial_schema.sql": RUNS,
        "U1__initial_schema.sql": "DROP TABLE runs;\n",
        "R__Runs_view.sql": RUNS_VIEW,
        "R__Datasets_view.sql": DATASETS_VIEW,
        **more,
    }
    return load_migration_set(write_migrations(folder, files), "flyway")


def history(db: TestDatabase) -> list[tuple[object, ...]]:
    return db.execute("SELECT version, checksum FROM migwiz.history ORDER BY applied_at, version")


def test_repeatables_run_last_and_again_when_changed(client_db: TestDatabase, tmp_path: Path) -> None:
    db = client_db
    mset = marquez_like(tmp_path / "m")
    first = commands.up(commands.Project.of(db.dsn, mset), policy=IRREVERSIBLE)
    assert [(str(o.version), o.result) for o in first.report.outcomes] == [
        ("1", "applied"),
        ("R__Datasets_view", "applied"),
        ("R__Runs_view", "applied"),
    ]

    # a new versioned migration after the repeatables ran (not out of order), and an edited view
    later = marquez_like(
        tmp_path / "m",
        **{
            "V2__facets.sql": "CREATE TABLE facets (id int);\n",
            "U2__facets.sql": "DROP TABLE facets;\n",
            "R__Runs_view.sql": RUNS_VIEW_2,
        },
    )
    status = commands.status(commands.Project.of(db.dsn, later))
    assert [(str(s.version), s.state) for s in status.statuses] == [
        ("1", "applied"),
        ("2", "pending"),
        ("R__Datasets_view", "applied"),
        ("R__Runs_view", "pending"),
    ]
    assert "changed since it was applied" in (status.statuses[3].detail or "")
    assert not [n for n in status.notices if "comes before" in n]
    second = commands.up(commands.Project.of(db.dsn, later), policy=IRREVERSIBLE)
    assert [(str(o.version), o.result) for o in second.report.outcomes] == [
        ("2", "applied"),
        ("R__Runs_view", "applied"),
    ]
    assert db.execute("SELECT count(*) FROM information_schema.columns WHERE table_name = 'runs_view'") == [
        (3,)
    ]
    rows = dict(db.execute("SELECT version, checksum FROM migwiz.history"))
    assert rows == {m.version.text: m.checksum for m in later.migrations}  # one row per repeatable
    assert {s.state for s in commands.status(commands.Project.of(db.dsn, later)).statuses} == {"applied"}

    # `down` reverts versioned migrations only: Flyway never undoes a repeatable one
    down = commands.down(commands.Project.of(db.dsn, later), policy=IRREVERSIBLE)
    assert [(str(o.version), o.result) for o in down.report.outcomes] == [("2", "reverted")]


def test_repeatables_adopted_by_description_and_checksum(client_db: TestDatabase, tmp_path: Path) -> None:
    db = client_db
    mset = marquez_like(tmp_path / "m")
    db.execute(FLYWAY_DDL)
    db.execute(RUNS)
    db.execute(RUNS_VIEW.replace("runs r", "runs r WHERE true"))  # what Flyway last ran
    db.execute(DATASETS_VIEW)
    for rank, (version, description, kind, script, text) in enumerate(
        [
            ("'1'", "initial schema", "SQL", "V1__initial_schema.sql", RUNS),
            (
                "NULL",
                "Runs view",
                "SQL",
                "R__Runs_view.sql",
                RUNS_VIEW.replace("runs r", "runs r WHERE true"),
            ),
            ("NULL", "Datasets view", "SQL", "R__Datasets_view.sql", DATASETS_VIEW),
            ("NULL", "Old view", "SQL", "R__Old_view.sql", "SELECT 1;"),
            (
                "'1.1'",
                "UpdateRunsWithJobUUID",
                "JDBC",
                "marquez.db.migrations.V1_1__UpdateRunsWithJobUUID",
                "",
            ),
        ],
        start=1,
    ):
        db.execute(
            "INSERT INTO public.flyway_schema_history (installed_rank, version, description, type, script,"
            " checksum, installed_by, installed_on, execution_time, success)"
            f" VALUES ({rank}, {version}, '{description}', '{kind}', '{script}', {flyway_checksum(text)},"
            " 'flyway_user', '2024-03-01 12:00:00', 7, true)"
        )
    report = adopt(db.dsn, mset, "flyway")
    assert [str(a.migration.version) for a in report.adopted] == ["1", "R__Datasets_view"]
    assert report.pending == ("R__Runs_view",)
    kept = "SELECT key FROM migwiz.meta WHERE key LIKE 'applied_script:%' ORDER BY key"
    assert db.execute(kept) == [("applied_script:R__Datasets_view",)]  # what Flyway ran: the file's text
    assert any("R__Runs_view.sql changed since Flyway last ran it" in n for n in report.notes)
    assert any("'Old view' has no R__ file" in n for n in report.notes)
    # a Java migration (MarquezProject/marquez keeps V44_1__UpdateRunsWithJobUUID.java and others beside its
    # SQL ones): recorded by Flyway, no file to match, not a reason to refuse the adoption
    assert any("Flyway JDBC migration 1.1 (UpdateRunsWithJobUUID) is code" in n for n in report.notes)
    result = commands.up(commands.Project.of(db.dsn, mset), policy=IRREVERSIBLE)
    assert [str(o.version) for o in result.report.outcomes] == ["R__Runs_view"]
    assert "true" not in str(db.execute("SELECT pg_get_viewdef('runs_view')"))
    assert [o.result for o in result.report.outcomes] == ["applied"]


def test_placeholders_come_from_migwiz_toml(client_db: TestDatabase, tmp_path: Path) -> None:
    db = client_db
    write_migrations(
        tmp_path / "migrations",
        {
            "V1__initial_schema.sql": "CREATE TABLE ${flyway:defaultSchema}.runs (uuid uuid PRIMARY KEY);\n",
            "R__Runs_view.sql": "CREATE OR REPLACE VIEW ${view_schema}.runs_view AS SELECT uuid FROM runs;\n",
        },
    )
    refused = run_cli("up", "--allow-irreversible", "--json", "--dsn", db.dsn, cwd=tmp_path)
    assert refused.code != 0 and "R__Runs_view.sql:1: Flyway placeholder ${view_schema} has no value" in (
        refused.stderr
    )
    assert refused.json()["error"]["message"].endswith("has no value (Flyway refuses it too)")
    assert db.execute("SELECT to_regclass('public.runs')") == [(None,)]  # nothing ran
    (tmp_path / "migwiz.toml").write_text('[migwiz]\n[migwiz.placeholders]\nview_schema = "public"\n')
    applied = run_cli("up", "--allow-irreversible", "--dsn", db.dsn, cwd=tmp_path)
    assert applied.code == 0, applied.stderr
    assert db.execute("SELECT to_regclass('public.runs_view')::text") == [("runs_view",)]


def test_status_and_drift_say_a_changed_repeatable_is_not_re_run_yet(
    client_db: TestDatabase, tmp_path: Path
) -> None:
    db = client_db
    kinds = "V2__kinds.sql"
    seed = "INSERT INTO kinds VALUES (1) ON CONFLICT DO NOTHING;\n"
    files = {kinds: "CREATE TABLE kinds (id int PRIMARY KEY);\n", "R__Kinds.sql": seed}
    project = commands.Project.of(db.dsn, marquez_like(tmp_path / "m", **files))
    commands.up(project, policy=IRREVERSIBLE)
    assert commands.drift(project).rerun == ()

    # reference data a repeatable keeps: the edit changes no schema object, so no difference can show it
    edited = {**files, "R__Kinds.sql": seed.replace("(1)", "(1), (2)")}
    project = commands.Project.of(db.dsn, marquez_like(tmp_path / "m", **edited))
    [kinds_status] = [s for s in commands.status(project).statuses if str(s.version) == "R__Kinds"]
    assert kinds_status.state == "pending"
    assert (kinds_status.detail or "").startswith("changed, will re-run: repeatable R__Kinds.sql changed")
    shown = run_cli("status", "--dsn", db.dsn, "--dir", tmp_path / "m", "--layout", "flyway")
    assert [line for line in shown.stdout.splitlines() if line.startswith("R__Kinds ")], shown.stdout
    # drift compares the database with what was applied: the kept statements, not the edited file
    views = {**edited, "R__Runs_view.sql": RUNS_VIEW_2}
    project = commands.Project.of(db.dsn, marquez_like(tmp_path / "m", **views))
    report = commands.drift(project)
    assert (report.drifted, report.rerun) == (False, ())
    assert any(
        n.startswith("repeatable R__Runs_view.sql changed since it was applied")
        and n.endswith("as it was applied")
        for n in report.notes
    ), report.notes
    text = run_cli("drift", "--dsn", db.dsn, "--dir", tmp_path / "m", "--layout", "flyway")
    assert "no drift" in text.stdout and text.code == 0, text.stdout
    db.execute("CREATE OR REPLACE VIEW runs_view AS SELECT r.uuid, r.job_name, 1 AS by_hand FROM runs r")
    assert [d.name for d in commands.drift(project).differences] == ["public.runs_view"]
    db.execute(RUNS_VIEW.replace("CREATE OR REPLACE", "DROP VIEW runs_view; CREATE"))

    # rows without kept statements (applied by an older migwiz, adopted from Flyway): the file is replayed
    db.execute("DELETE FROM migwiz.meta WHERE key LIKE 'applied_script:%'")
    project = commands.Project.of(db.dsn, marquez_like(tmp_path / "m", **edited))
    report = commands.drift(project)
    assert (report.drifted, report.rerun) == (False, ("R__Kinds",))
    assert any(n.startswith("repeatable R__Kinds.sql changed since it was applied") for n in report.notes)
    text = run_cli("drift", "--dsn", db.dsn, "--dir", tmp_path / "m", "--layout", "flyway")
    assert "no drift" not in text.stdout
    assert "R__Kinds changed since applied and not re-run yet: the schema may differ" in text.stdout
    as_json = run_cli("drift", "--json", "--dsn", db.dsn, "--dir", tmp_path / "m", "--layout", "flyway")
    assert as_json.json()["rerun_pending"] == ["R__Kinds"]

    # a changed view: the difference shows, and the verdict says where it may come from
    project = commands.Project.of(db.dsn, marquez_like(tmp_path / "m", **views))
    report = commands.drift(project)
    assert report.drifted and report.rerun == ("R__Kinds", "R__Runs_view")
    text = run_cli("drift", "--dsn", db.dsn, "--dir", tmp_path / "m", "--layout", "flyway")
    assert "R__Kinds, R__Runs_view changed and not re-run yet: some may be that pending re-run" in text.stdout

    commands.up(project, policy=IRREVERSIBLE)
    assert db.execute("SELECT count(*) FROM kinds") == [(2,)]
    report = commands.drift(project)
    assert (report.drifted, report.rerun) == (False, ())


def test_up_to_a_version_runs_the_pending_repeatables_after_it_as_flyway_target(
    client_db: TestDatabase, tmp_path: Path
) -> None:
    db = client_db
    more = {
        "V2__facets.sql": "CREATE TABLE facets (id int);\n",
        "V3__tags.sql": "CREATE TABLE tags (id int);\n",
    }
    project = commands.Project.of(db.dsn, marquez_like(tmp_path / "m", **more))
    result = commands.up(project, to=project.migration_set().version("2"), policy=IRREVERSIBLE)
    assert [(str(o.version), o.result) for o in result.report.outcomes] == [
        ("1", "applied"),
        ("2", "applied"),
        ("R__Datasets_view", "applied"),
        ("R__Runs_view", "applied"),
    ]
    assert db.execute("SELECT to_regclass('tags')") == [(None,)]
    # a changed repeatable is re-run with `--to` an applied version too (Flyway's `target=current`)
    edited = marquez_like(tmp_path / "m", **more, **{"R__Runs_view.sql": RUNS_VIEW_2})
    project = commands.Project.of(db.dsn, edited)
    again = commands.up(project, to=edited.version("2"), policy=IRREVERSIBLE)
    assert [(str(o.version), o.result) for o in again.report.outcomes] == [("R__Runs_view", "applied")]
    later = commands.up(project, policy=IRREVERSIBLE)
    assert [str(o.version) for o in later.report.outcomes] == ["3"]


def test_flyways_connection_placeholders_take_the_connections_values(
    client_db: TestDatabase, tmp_path: Path
) -> None:
    """`${flyway:user}`, `${flyway:database}` and `${flyway:timestamp}` are Flyway's own (ParsingContext):
    the connection's user and database, the time of the run. Without a value in migwiz.toml they are not
    refused."""
    db = client_db
    write_migrations(
        tmp_path / "migrations",
        {
            "V1__runs.sql": "CREATE TABLE runs (uuid uuid PRIMARY KEY);\n"
            "GRANT SELECT ON runs TO ${flyway:user};\n"
            "COMMENT ON TABLE runs IS '${flyway:database} ${flyway:user}';\n",
            # left as written, the cast fails; the time itself stays out of the schema (drift compares it)
            "V2__stamp.sql": "SELECT '${flyway:timestamp}'::timestamp;\n",
        },
    )
    applied = run_cli("up", "--allow-irreversible", "--dsn", db.dsn, cwd=tmp_path)
    assert applied.code == 0, applied.stderr
    user = db.execute("SELECT current_user")[0][0]
    assert db.execute("SELECT obj_description('runs'::regclass)") == [(f"{db.name} {user}",)]
    drift = run_cli("drift", "--dsn", db.dsn, cwd=tmp_path)
    assert drift.code == 0, drift.stdout + drift.stderr
    assert [row[0] for row in db.execute("SELECT version FROM migwiz.history ORDER BY version")] == ["1", "2"]
    # a value in migwiz.toml wins over the connection's
    (tmp_path / "migwiz.toml").write_text('[migwiz]\n[migwiz.placeholders]\n"flyway:user" = "nobody"\n')
    (tmp_path / "migrations" / "V3__grant.sql").write_text("GRANT SELECT ON runs TO ${flyway:user};\n")
    refused = run_cli("up", "--allow-irreversible", "--dsn", db.dsn, cwd=tmp_path)
    assert 'role "nobody" does not exist' in refused.stdout + refused.stderr


def test_lint_without_a_database_reads_flyways_connection_placeholders(tmp_path: Path) -> None:
    """Offline, `${flyway:user}` stands for libpq's default user: the statement parses and is analysed."""
    folder = write_migrations(
        tmp_path / "migrations",
        {"V1__runs.sql": "CREATE TABLE runs (id int);\nGRANT SELECT ON runs TO ${flyway:user};\n"},
    )
    linted = run_cli("lint", "--json", folder)
    assert linted.code == 0, linted.stdout + linted.stderr
    (only,) = linted.json()["files"]
    assert [s["parse_error"] for s in only["statements"]] == [None, None]
