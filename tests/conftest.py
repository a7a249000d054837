"""Shared pytest fixtures. pytest-django reads the settings module from pyproject.toml."""
