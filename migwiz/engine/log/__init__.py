"""The central log: every run, step, lock wait and decision."""
