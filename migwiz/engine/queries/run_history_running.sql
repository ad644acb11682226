-- runner: the no-transaction statement that starts now (a crash leaves it recorded as cut off)
UPDATE {history} SET statement_running = %s WHERE version = %s
