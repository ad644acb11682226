-- backfill by blocks: the kind of a relation (parameter: its name) and whether it has children (partitions, inheritance).
SELECT c.relkind, c.relhassubclass FROM pg_class c WHERE c.oid = %s::regclass
