"""The `log_file` sink: the run's events as JSON lines in a file."""

from __future__ import annotations

import contextlib
import json
import threading
from pathlib import Path
from typing import Any, Protocol

from migwiz.engine.errors import ConfigError


class Event(Protocol):
    """What the sink writes: an event of the central log (`log.eventlog.Event`)."""

    def to_json(self) -> dict[str, Any]:
        """The event as a JSON object."""
        ...


class JsonLinesSink:
    """Appends one JSON object per line to a file.

    A file that refuses the first event (a full disk, `/dev/full`) is a `ConfigError`, raised before the
    run does anything; if writing fails later, the sink goes quiet and says why in `failed` (the other
    sinks still have every event)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._file = path.open("a", encoding="utf-8")
        except OSError as exc:
            raise _unwritable(path, exc) from None
        self._lock = threading.Lock()
        self._written = False
        self.failed: str | None = None

    def write(self, event: Event) -> None:
        """Append the event and flush."""
        with self._lock:
            if self.failed is not None:
                return
            try:
                self._file.write(json.dumps(event.to_json(), default=str) + "\n")
                self._file.flush()
            except OSError as exc:
                self.failed = f"log_file: {exc.strerror or exc}"
                if not self._written:
                    raise _unwritable(self.path, exc) from None
                return
            self._written = True

    def close(self) -> None:
        """Close the file (what it could not write is lost with it)."""
        with contextlib.suppress(OSError):
            self._file.close()


def _unwritable(path: Path, exc: OSError) -> ConfigError:
    return ConfigError(
        f"log_file = {str(path)!r}: cannot write there: {exc.strerror or exc}",
        "point log_file (or --log-file) at a file in an existing, writable folder",
    )
