"""migwiz's own schema in the target: history, runs, baselines, and where each migration stands."""
