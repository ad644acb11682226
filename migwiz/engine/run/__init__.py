"""Running migrations: the runner, its statement loop, run control, the lock-queue guard, the lock."""
