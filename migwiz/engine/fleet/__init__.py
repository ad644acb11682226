"""Fleets: one migration set rolled out across many databases and tenant schemas (docs/fleet.md)."""
