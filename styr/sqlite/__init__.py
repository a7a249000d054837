"""Django's SQLite backend, with the statement size that SQLite allows today."""
