"""Loading migration sets: the public names, kept here for the modules that import them.

The loaders live in `migwiz.engine.sets` (one module per kind of layout); versions and their order in
`migwiz.engine.versions`. See docs/migration-sets.md.
"""

from __future__ import annotations

from migwiz.engine.sets import LAYOUTS, checksum, detect_layout, load_migration_set

__all__ = ["LAYOUTS", "checksum", "detect_layout", "load_migration_set"]
