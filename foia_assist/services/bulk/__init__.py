"""Bulk export: one request to many agencies from a CSV, each letter under its own law."""
