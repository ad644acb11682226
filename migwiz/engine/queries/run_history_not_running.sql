-- runner: the no-transaction statement failed (it did not run)
UPDATE {history} SET statement_running = NULL WHERE version = %s
