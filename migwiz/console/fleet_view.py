"""`migwiz fleet watch`: a fleet run followed from its state file, one line per change."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from migwiz.console import output
from migwiz.engine.commands import FleetProgress, FleetStateTail


def watch_state(path: Path, *, follow: bool, json_output: bool, poll_s: float = 0.5) -> FleetProgress:
    """Print the run's progress until it finishes (or once with `follow=False`); returns the last view."""
    tail = FleetStateTail(path)
    progress = FleetProgress()
    last = ""
    while True:
        records = tail.read()
        for record in records:
            progress.add(record)
            if json_output:
                sys.stdout.write(json.dumps(record, default=str) + "\n")
        if json_output:
            sys.stdout.flush()
        elif progress.line() != last:
            last = progress.line()
            output.stdout.print(last, markup=False)
            for name in progress.named("failed"):
                output.stdout.print(
                    f"  failed: {name}: {progress.errors.get(name, '')}", markup=False, style="red"
                )
        if not follow or (progress.outcome is not None and not records):
            return progress
        time.sleep(poll_s)
