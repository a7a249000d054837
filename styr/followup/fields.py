"""A number field that reads and writes numbers the Swedish way: 1 385,60 and −2,5."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from styr.swedish import NotANumber, decimal_read, decimal_write


class SwedishDecimalField(forms.DecimalField):
    """Read a number as styr.swedish does ("1 385,60", "4.4"; not "1.150"), and show the saved
    number the same way ("4,4" rather than 4.400000)."""

    default_error_messages = {"invalid": _("Write a number, such as 4,4 or 1 385,60.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, Decimal):
            return value
        try:
            return decimal_read(str(value))
        except NotANumber as error:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from error

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return decimal_write(value)
        return value
