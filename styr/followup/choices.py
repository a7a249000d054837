"""The fixed vocabularies of follow-up (GLOSSARY.md, Follow-up)."""

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Period(models.TextChoices):
    T1 = "T1", _("Tertial report 1")
    T2 = "T2", _("Tertial report 2")
    YEAR = "year", _("Annual report")

    def closing_day(self, year: int) -> date:
        """Return the day the period's figures are reported per (T1 per 30 April)."""
        month, day = {"T1": (4, 30), "T2": (8, 31), "year": (12, 31)}[self.value]
        return date(year, month, day)

    @property
    def short(self) -> str:
        return {"T1": "T1", "T2": "T2", "year": _("Year")}[self.value]

    @property
    def slug(self) -> str:
        """The period in web addresses: t1, t2, ar."""
        return PERIOD_SLUGS[self.value]


PERIOD_SLUGS = {"T1": "t1", "T2": "t2", "year": "ar"}
PERIOD_OF_SLUG = {slug: Period(value) for value, slug in PERIOD_SLUGS.items()}


class ValueKind(models.TextChoices):
    """What a reported value measures; a T1 value may be the period's or a full-year forecast."""

    PERIOD = "period", _("For the period")
    YEAR_TO_DATE = "year_to_date", _("The year so far")
    ROLLING_12 = "rolling_12", _("Rolling 12 months")
    FORECAST = "forecast", _("Full-year forecast")


class Assessment(models.TextChoices):
    MET = "met", _("Met")
    PARTLY_MET = "partly_met", _("Partly met")
    NOT_MET = "not_met", _("Not met")
    NOT_ASSESSED = "not_assessed", _("Not assessed")


class ActivityStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")
    DELAYED = "delayed", _("Delayed")
    CANCELLED = "cancelled", _("Cancelled")


class EntryStatus(models.TextChoices):
    """Where one reported value stands: only approved values count in roll-ups."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    APPROVED = "approved", _("Approved")


class ReportStatus(models.TextChoices):
    # In their own context: Swedish agrees the word with "rapport" (godkänd), not "värde".
    DRAFT = "draft", pgettext_lazy("report status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("report status", "Submitted")
    RETURNED = "returned", pgettext_lazy("report status", "Returned")
    APPROVED = "approved", pgettext_lazy("report status", "Approved")


class AdjustmentKind(models.TextChoices):
    OPERATING = "operating", _("Operating budget")
    INVESTMENT = "investment", _("Investments")


class Recommendation(models.TextChoices):
    SUPPORTED = "supported", _("Supported by the office")
    OPPOSED = "opposed", _("Opposed by the office")
