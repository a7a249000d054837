"""Import every module that registers exporters, in the order the download lists show them:
documents first, then the data."""

from importlib import import_module

MODULES = ["printing", "word", "json_exports", "csv_files", "excel", "packages", "archive"]

for module in MODULES:
    import_module(f"styr.documents.{module}")
