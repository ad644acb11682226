"""Benchmarks of migwiz: each module runs with `python -m bench.<name>` and prints a table;
`python -m bench` (or `make bench`) runs them all, `python -m bench NAME...` only some."""
