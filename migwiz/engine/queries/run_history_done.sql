-- runner: statements done so far (resuming, or after each no-transaction statement), none running
UPDATE {history} SET statements_done = %s, statement_running = NULL WHERE version = %s
