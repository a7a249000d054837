"""A number field that reads and writes numbers the Swedish way: 1 385,60 and −2,5."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from styr.planning.targets import number


def decimal_text(value: Decimal | None) -> str:
    """Write a number with a decimal comma and without trailing zeros: 4,4 rather than 4.400000."""
    if value is None:
        return ""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",").replace("-", "−")


class SwedishDecimalField(forms.DecimalField):
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
            return number(str(value))
        except (InvalidOperation, ValueError) as error:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from error

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return decimal_text(value)
        return value
