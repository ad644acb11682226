"""The fixtures give real servers of each available major version."""

from tests.conftest import TestDatabase


def test_fresh_database_is_real_and_empty(db: TestDatabase) -> None:
    rows = db.execute(
        "SELECT current_setting('server_version_num')::int / 10000, count(*) FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'"
    )
    assert rows == [(db.major, 0)]
