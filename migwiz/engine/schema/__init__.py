"""A faithful, deterministic model of a database schema read from the catalog, and its diff.

`read_schema(conn)` builds a `SchemaModel`; `diff_schemas(expected, actual)` lists the `Difference`s,
each with one readable sentence; `format_diff` prints them for humans.
"""

from migwiz.engine.schema.diff import Difference, diff_schemas, format_diff
from migwiz.engine.schema.model import SchemaModel, SchemaObject
from migwiz.engine.schema.read import read_schema

__all__ = ["Difference", "SchemaModel", "SchemaObject", "diff_schemas", "format_diff", "read_schema"]
