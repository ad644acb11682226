"""Names of migwiz's own schema, importable without psycopg (the configuration reads them)."""

from __future__ import annotations

DEFAULT_SCHEMA = "migwiz"
"""The schema holding migwiz's history and log unless the project names another."""
