"""Shadow databases: throw-away copies where dry runs, rollback tests and drift replays happen."""
