"""Terminal rendering with rich: CLI output helpers and the live monitor view."""
