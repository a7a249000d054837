"""Simultaneous users against a live server, on SQLite and PostgreSQL."""
