"""Django's SQLite backend, told how many parameters one statement may take.

Django 5.2 assumes SQLite's old limit of 999, so a bulk insert of a large plan is split into
many statements; SQLite 3.32 and later allow 32 766 or more. (Django 6.0 asks SQLite itself.)

It also leaves out of an `in` lookup on an integer field the numbers no 64-bit integer holds,
as Django does for `exact` and the comparisons: sqlite3 refuses them (OverflowError), so a
form posting a tag id of 30 digits would fail with a server error rather than a form error.
"""

import sqlite3

from django.db import models
from django.db.backends.sqlite3 import base, features
from django.db.models.lookups import In
from django.utils.functional import cached_property

INTEGER_RANGE = range(-(2**63), 2**63)


@models.IntegerField.register_lookup
class IntegerIn(In):
    def get_prep_lookup(self):
        values = super().get_prep_lookup()
        if not self.rhs_is_direct_value():
            return values
        return [v for v in values if not isinstance(v, int) or v in INTEGER_RANGE]


class DatabaseFeatures(features.DatabaseFeatures):
    @cached_property
    def max_query_params(self) -> int:
        self.connection.ensure_connection()
        limit = self.connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        return min(limit, 32766)


class DatabaseWrapper(base.DatabaseWrapper):
    features_class = DatabaseFeatures
