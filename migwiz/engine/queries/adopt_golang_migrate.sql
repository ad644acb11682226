-- golang-migrate: one row, the current version and whether its last migration failed half-way.
SELECT version, dirty FROM {table}
