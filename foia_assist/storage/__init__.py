"""Persistence: bundled data files, SQLite, secrets. No Qt."""
