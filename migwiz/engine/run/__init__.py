"""Running migrations: the runner split by job (selection, the statement loop, history rows, crash
recovery), run control, the lock-queue guard, the migration lock, and the run's typed event stream
(`events`, `session`: what every face observes)."""
