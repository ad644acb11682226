"""Rollback tests: prove on a shadow that every down undoes its up."""
