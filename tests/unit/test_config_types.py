"""migwiz.toml values of the wrong type, and schema names PostgreSQL cannot hold, are one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from migwiz.engine.config import load_settings
from migwiz.engine.errors import ConfigError

WRONG = [
    ('schema = ["a", "b"]', "schema", "expected a string, got an array"),
    ("schema = 123", "schema", "expected a string, got an integer"),
    ("schema = true", "schema", "expected a string, got a boolean"),
    ("dir = 1", "dir", "expected a string"),
    ("log_file = false", "log_file", "expected a string"),
    ("lock_timeout = true", "lock_timeout", "expected a duration"),
    ("statement_timeout = [1]", "statement_timeout", "expected a duration"),
    ("log_retention = 1.5", "log_retention", "expected a duration"),
    ("retry_for = {a = 1}", "retry_for", "expected a duration"),
    ('lock_retries = "6"', "lock_retries", "expected a whole number"),
    ("syslog = 514", "syslog", "expected true or a socket path"),
    ("drift = 1", "drift", "expected a table"),
    ("baseline = 3", "baseline", "expected a file name or a list"),
    ('drift = {ignore = "x"}', "drift.ignore", "expected a list of strings"),
    ('drift = {ignore = ["x"], other = 1}', "drift.other", "unknown setting"),
    ('schema = ""', "schema", "cannot be empty"),
    (f'schema = "{"s" * 64}"', "schema", "64 bytes, PostgreSQL names hold at most 63"),
    ('schema = "a\\u0000b"', "schema", "NUL"),
    ('placeholders = "x"', "placeholders", "expected a table"),
    ("placeholders = {app_role = 1}", "placeholders.app_role", 'a string, e.g. app_role = "value"'),
    ('placeholder_replacement = "no"', "placeholder_replacement", "expected true or false"),
]


@pytest.mark.parametrize(("line", "key", "expected"), WRONG)
def test_a_wrong_value_is_one_line_naming_the_key(tmp_path: Path, line: str, key: str, expected: str) -> None:
    (tmp_path / "migwiz.toml").write_text(line + "\n")
    with pytest.raises(ConfigError) as caught:
        load_settings(cwd=tmp_path)
    message = caught.value.message
    assert "\n" not in message
    assert f"{key} =" in message or f"setting {key}" in message
    assert expected in message
    assert str(tmp_path / "migwiz.toml") in message


@pytest.mark.parametrize(
    ("flag", "expected"),
    [("", "cannot be empty"), ("é" * 32, "64 bytes"), ("a\x00b", "NUL")],
)
def test_a_schema_flag_postgresql_cannot_hold_is_refused(tmp_path: Path, flag: str, expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(cwd=tmp_path, schema_flag=flag)
    assert caught.value.message.startswith("--schema = ")
    assert expected in caught.value.message


def test_right_types_are_accepted(tmp_path: Path) -> None:
    (tmp_path / "migwiz.toml").write_text(
        '[migwiz]\nschema = "x\\nDROP TABLE v; --"\nlock_timeout = 500\nretry_for = "1min"\n'
        'syslog = true\nlock_retries = 2\ndrift = {ignore = ["public.tmp_*"]}\n'
    )
    settings = load_settings(cwd=tmp_path)
    assert settings.schema == "x\nDROP TABLE v; --"
    assert (settings.lock_timeout_ms, settings.retry_for_ms, settings.lock_retries) == (500, 60_000, 2)
    assert settings.syslog_address == "/dev/log"
    assert settings.drift_ignore == ("public.tmp_*",)
    assert load_settings(cwd=tmp_path, schema_flag="é" * 31).schema == "é" * 31
    (tmp_path / "migwiz.toml").write_text(
        '[migwiz.placeholders]\napp_role = "reader"\n"flyway:defaultSchema" = "app"\n'
    )
    assert load_settings(cwd=tmp_path).placeholders == (
        ("app_role", "reader"),
        ("flyway:defaultSchema", "app"),
    )
    assert load_settings(cwd=tmp_path).flyway_placeholders() == {
        "app_role": "reader",
        "flyway:defaultSchema": "app",
    }
    (tmp_path / "migwiz.toml").write_text("[migwiz]\nplaceholder_replacement = false\n")
    assert load_settings(cwd=tmp_path).flyway_placeholders() is False
