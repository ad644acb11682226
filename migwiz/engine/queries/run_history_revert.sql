-- runner: a no-transaction down script starts (the row says how far it got, statement by statement)
UPDATE {history} SET success = false, reverting = true, statements_done = 0, statement_running = NULL
WHERE version = %s
