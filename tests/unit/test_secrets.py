"""Passwords are found (malformed DSNs, PGPASSWORD, .pgpass, service files) and scrubbed in any spelling."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote
from xml.sax.saxutils import quoteattr

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from migwiz.engine import secrets
from migwiz.engine.errors import ConnectionFailed, MigwizError
from migwiz.engine.secrets import dsn_passwords, malformed, remember_secrets, scrub
from migwiz.engine.servers.connect import connect, describe


@pytest.fixture(autouse=True)
def _no_secrets(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Each test starts with nothing remembered and no password files of the machine."""
    monkeypatch.setattr(secrets, "_secrets", set())
    for name in ("PGPASSWORD", "PGSERVICE", "PGSYSCONFDIR", "PGHOST", "PGPORT", "PGUSER", "PGDATABASE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    monkeypatch.setenv("PGSERVICEFILE", str(tmp_path / "none"))


MALFORMED = [
    ("postgresql://u:Canary/Pw7@127.0.0.1/db", "Canary/Pw7", "unencoded @, / or :"),
    ("postgresql://u:Can@ry7@127.0.0.1/db", "Can@ry7", "unencoded @, / or :"),
    ("postgresql://u:Can:ry/7@127.0.0.1:5432/db", "Can:ry/7", "unencoded @, / or :"),
    ("postgresql://u:Cana%zz7@127.0.0.1/db", "Cana%zz7", "% not followed"),
    ("postgresql://u:Canary7@127.0.0.1/my@db", "Canary7", "unencoded @, / or :"),
    ("postgresql://u:Can ry7@127.0.0.1/db", "Can ry7", "space inside the URI"),
    ("host=127.0.0.1 password=Can ary7 dbname=x", "Can ary7", "word without ="),
    ("host=127.0.0.1 password='Canary7 dbname=x", "Canary7 dbname=x", "no closing quote"),
    ("host=127.0.0.1 password=Can ary7=x", "Can", "unknown connection parameter"),
]


@pytest.mark.parametrize(("dsn", "password", "reason"), MALFORMED)
def test_a_malformed_dsn_gives_up_its_password_and_is_refused_without_quoting_it(
    dsn: str, password: str, reason: str
) -> None:
    assert password in dsn_passwords(dsn)
    problem = malformed(dsn)
    assert problem is not None and reason in problem
    assert describe(dsn) == "(invalid connection string)"
    with pytest.raises(ConnectionFailed) as caught:
        connect(dsn)
    said = f"{caught.value.message} {caught.value.hint}"
    for piece in ("Can", "ary", "Canary", "Pw7", "ry7", "zz7"):
        assert piece not in said


@pytest.mark.parametrize(
    "dsn",
    [
        "postgresql://u:Pass%40word@db.example:5432/app",
        "postgresql://u:p?w0rd@db/app?application_name=a@b",
        "postgresql://u:pw@db/my%40app",
        "postgresql://db1:5432,db2:5433/app",
        "postgresql://u:pw@[::1]:5432/app",
        "host=db password='a\\'b c' dbname=app",
        "",
    ],
)
def test_well_formed_dsns_are_not_refused(dsn: str) -> None:
    assert malformed(dsn) is None
    assert describe(dsn) != "(invalid connection string)"


def test_describe_shows_host_port_user_and_database_only() -> None:
    assert describe("postgresql://app:s3cret%2Fx@db.example:6432/shop?sslmode=require") == (
        "app@db.example:6432/shop"
    )


def test_every_spelling_of_a_remembered_secret_is_scrubbed() -> None:
    password = "pä ss'w\"o\\rd@/%?"
    quoted = password.replace("\\", "\\\\").replace("'", "\\'")
    remember_secrets(f"host=db password='{quoted}'")
    spellings = [
        password,
        json.dumps(password),
        json.dumps(password, ensure_ascii=False),
        repr(password),
        quoteattr(password),
        "postgresql://u:" + quote(password, safe="") + "@h/db",
    ]
    for text in spellings:
        assert "rd@/%?" not in scrub(f"before {text} after"), text
        assert "ss'w" not in scrub(f"before {text} after"), text


def test_pgpassword_pgpass_and_service_file_passwords_are_scrubbed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PGPASSWORD", "from-env-1")
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(
        "# comment\n"
        "db.example:5432:app:alice:from-pgpass\\:2\n"
        "other.host:5432:*:*:not-this-one\n"
        "*:*:*:alice:wildcard-3\n"
    )
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    services = tmp_path / "services"
    services.write_text("[shop]\nhost=db.example\npassword=from-service-4\n[other]\npassword=not-this-5\n")
    monkeypatch.setenv("PGSERVICEFILE", str(services))
    remember_secrets("service=shop user=alice dbname=app port=5432")
    text = scrub("from-env-1 from-pgpass:2 wildcard-3 from-service-4 not-this-one not-this-5")
    assert text == "*** *** *** *** not-this-one not-this-5"


def test_short_secrets_are_left_alone() -> None:
    remember_secrets("host=db password=ab")
    assert scrub("a tab b") == "a tab b"


def test_the_ssl_key_passphrase_and_oauth_secret_are_secrets_too() -> None:
    remember_secrets("host=db sslpassword=keyphrase-1 oauth_client_secret=client-secret-2")
    assert scrub("keyphrase-1 client-secret-2") == "*** ***"


@settings(max_examples=200, derandomize=True, database=None, deadline=None)
@given(
    password=st.text(
        st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), min_size=3, max_size=24
    )
)
def test_any_password_in_any_dsn_spelling_is_found(password: str) -> None:
    """Raw and percent-encoded URIs, bare and quoted key=value: the password is among the candidates."""
    quoted = password.replace("\\", "\\\\").replace("'", "\\'")
    forms = [
        f"postgresql://u:{password}@h:5432/db",
        f"postgresql://u:{quote(password, safe='')}@h:5432/db",
        f"host=h password='{quoted}' dbname=db",
    ]
    if not any(c.isspace() for c in password):
        forms.append(f"host=h password={password} dbname=db")
    for dsn in forms:
        assert password in dsn_passwords(dsn), dsn
        secrets._secrets.clear()
        remember_secrets(dsn)
        for text in (password, json.dumps(password), repr(password)):
            assert password not in scrub(f"<{text}>"), dsn


def test_an_error_never_carries_a_remembered_secret() -> None:
    remember_secrets("host=db password=hunter2x")
    error = MigwizError("failed near hunter2x", "the password hunter2x is wrong")
    assert (error.message, error.hint, str(error)) == (
        "failed near ***",
        "the password *** is wrong",
        "failed near ***",
    )


def test_every_string_of_a_json_value_is_scrubbed_however_often_it_repeats() -> None:
    remember_secrets("host=db password=repeated-secret-6")
    line = "failed on postgresql://u:repeated-secret-6@h/db"
    value = {"repeated-secret-6": [line, line, {"sql": line}], "files": [{"note": line}] * 3, "n": 1}
    text = json.dumps(secrets.scrub_value(value))
    assert "repeated-secret-6" not in text
    assert text.count("***") == 7  # the key and six strings


def _walked(payload: object, indent: int | None) -> str:
    """Every string scrubbed one by one, then the text: what `scrubbed_json` must equal."""
    text = json.dumps(secrets.scrub_value(json.loads(json.dumps(payload, default=str))), indent=indent)
    return scrub(text)


_WORDS = st.sampled_from(
    ["ALTER TABLE t", "Pass-word9", "password=", "PaSsWoRd =x", "postgres://u:", "@h/db"]
)
_TEXT = st.lists(st.one_of(_WORDS, st.text(max_size=6)), max_size=4).map("".join)
_JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), _TEXT),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_TEXT, inner, max_size=4)),
    max_leaves=12,
)


@settings(max_examples=300, derandomize=True, database=None, deadline=None)
@given(payload=_JSON, indent=st.sampled_from([None, 2]))
def test_scrubbed_json_equals_scrubbing_every_string(payload: object, indent: int | None) -> None:
    """The quick path (nothing that could hold a secret: encoded once) gives what walking every string gives,
    with a secret remembered whose spellings need JSON escapes, and passwords written in DSNs."""
    remember_secrets("host=db password='Pass-word9\"\\\\x'")
    remember_secrets("host=db password=Pass-word9")
    assert secrets.scrubbed_json(payload, indent=indent) == _walked(payload, indent)


def test_a_document_without_anything_to_scrub_is_encoded_once() -> None:
    remember_secrets("host=db password=hunter2x")
    clean = {"files": [{"sql": "ALTER TABLE t ADD COLUMN a int", "line": 3}]}
    assert not secrets.may_hold_secrets(json.dumps(clean))
    assert secrets.scrubbed_json(clean, indent=None) == json.dumps(clean)
    leaked = {"files": [{"sql": "SELECT 'hunter2x'", "dsn": "postgresql://u:pw@h/db"}]}
    assert secrets.may_hold_secrets(json.dumps(leaked))
    assert (
        secrets.scrubbed_json(leaked, indent=None)
        == '{"files": [{"sql": "SELECT \'***\'", "dsn": "postgresql://u:***@h/db"}]}'
    )
