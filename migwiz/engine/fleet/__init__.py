"""Fleets: one migration set rolled out across many databases and tenant schemas (docs/fleet.md).

Faces reach it through `migwiz.engine.commands` (`load_fleet`, `fleet_rollout`, `fleet_status`, ...).
"""
