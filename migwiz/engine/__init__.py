"""The migwiz engine: everything that reads migration files or talks to PostgreSQL.

It never imports the terminal UI; the CLI, the wizard and the tests all call the same functions.
"""
