"""The syslog sink: reaches a real Unix socket, refuses a missing one, and goes quiet (no traceback per
event) when the daemon goes away mid-run."""

from __future__ import annotations

import socket
from datetime import UTC, datetime
from pathlib import Path

import pytest

from migwiz.engine.errors import ConfigError
from migwiz.engine.log.eventlog import Event, SyslogSink


def event(message: str) -> Event:
    return Event(run_id="0" * 32, at=datetime.now(UTC), level="info", step="run", message=message)


def test_a_missing_socket_is_one_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        SyslogSink(str(tmp_path / "nolog"))
    assert (
        caught.value.message
        == f"syslog = '{tmp_path / 'nolog'}': no syslog socket there (No such file or directory)"
    )
    (tmp_path / "plain").write_text("")
    with pytest.raises(ConfigError, match="no syslog socket there"):
        SyslogSink(str(tmp_path / "plain"))
    with pytest.raises(ConfigError, match="port 'notaport' is not a number"):
        SyslogSink("localhost:notaport")
    with pytest.raises(
        ConfigError, match=r"^syslog = 'localhost:99999': port '99999' is not a number from 1 to 65535$"
    ):
        SyslogSink("localhost:99999")


def test_a_daemon_that_goes_away_silences_the_sink_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "log"
    daemon = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    daemon.bind(str(path))
    daemon.settimeout(5)
    sink = SyslogSink(str(path))
    sink.write(event("first"))
    assert b"migwiz: run=00000000 run: first" in daemon.recv(4096)
    daemon.close()
    path.unlink()
    for n in range(5):
        sink.write(event(f"lost {n}"))
    sink.close()
    assert sink.failed is not None
    assert sink.failed.startswith("syslog: ")
    err = capsys.readouterr().err
    assert "Logging error" not in err
    assert "Traceback" not in err
