"""Django's SQLite backend, told how many parameters one statement may take.

Django 5.2 assumes SQLite's old limit of 999, so a bulk insert of a large plan is split into
many statements; SQLite 3.32 and later allow 32 766 or more. (Django 6.0 asks SQLite itself.)
"""

import sqlite3

from django.db.backends.sqlite3 import base, features
from django.utils.functional import cached_property


class DatabaseFeatures(features.DatabaseFeatures):
    @cached_property
    def max_query_params(self) -> int:
        self.connection.ensure_connection()
        limit = self.connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        return min(limit, 32766)


class DatabaseWrapper(base.DatabaseWrapper):
    features_class = DatabaseFeatures
