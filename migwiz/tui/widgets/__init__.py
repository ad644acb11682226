"""Reusable widgets of the wizard: header, keyed tables, live panes, SQL preview."""
