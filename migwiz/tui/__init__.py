"""The wizard: a Textual app that guides a migration and an incident rollback.

Only `migwiz.cli` imports this package, lazily; the engine never does.
"""
