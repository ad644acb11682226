"""migwiz: guided, lock-aware PostgreSQL schema migrations."""

__version__ = "0.1.0.dev0"
