"""A board's follow-up of its plan: reports per period, with outcomes, status and assessments.

Every reported value keeps its history, and `version` counts its saves, so that a save based
on an older version is refused rather than overwrite a colleague's entry.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from styr.followup.choices import (
    ActivityStatus,
    AdjustmentKind,
    Assessment,
    EntryStatus,
    Period,
    Recommendation,
    ReportStatus,
    ValueKind,
)
from styr.language import number
from styr.organisations.models import Municipality
from styr.planning.choices import PlanStatus
from styr.planning.models import (
    MONEY,
    Activity,
    AreaGoal,
    Assignment,
    BoardGoal,
    BudgetLine,
    Indicator,
    Plan,
    PlanVersion,
)
from styr.planning.versions import latest_version

NUMBER = {"max_digits": 20, "decimal_places": 6, "null": True, "blank": True}


def person(verbose_name) -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
    )


class ReportingDeadline(models.Model):
    """The reporting calendar: when the boards' reports for a period are due."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.CharField(_("period"), max_length=4, choices=Period.choices)
    due = models.DateField(_("due"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reporting deadline")
        verbose_name_plural = _("reporting deadlines")
        ordering = ["year", "due"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year", "period"], name="one_deadline_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_period_display()}: {self.due}"


@dataclass(frozen=True)
class VersionInForce:
    """A version of a plan as a report names it: its number and the day it was decided."""

    number: int
    decided_on: date | None

    @classmethod
    def of(cls, values: dict) -> "VersionInForce":
        decided = values.get("decided_on")
        if isinstance(decided, str):  # as a record keeps it
            decided = date.fromisoformat(decided)
        return cls(values["number"], decided)


class Report(models.Model):
    """A board's report on its plan for one period: T1, T2 or the annual report."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="reports", verbose_name=_("plan")
    )
    period = models.CharField(_("period"), max_length=4, choices=Period.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    summary = models.TextField(_("summary"), blank=True)
    return_reason = models.TextField(_("reason for returning"), blank=True)
    carry_over = models.DecimalField(
        _("carried over to next year"),
        help_text=_("The result units' surplus (+) or deficit (−) carried over, in mnkr."),
        **MONEY,
        null=True,
        blank=True,
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = person(_("submitted by"))
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = person(_("approved by"))
    # What an approved report was judged against and what it said (followup.record); empty
    # while the report is open, when it is judged against the plan as it stands.
    plan_version = models.ForeignKey(
        PlanVersion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("plan version judged against"),
    )
    record = models.JSONField(
        _("record"), encoder=DjangoJSONEncoder, null=True, blank=True, editable=False
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["plan", "period"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "period"], name="one_report_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.plan}: {self.get_period_display()}"

    def get_absolute_url(self) -> str:
        plan = self.plan
        return reverse(
            "followup:report", args=[plan.organisation.slug, plan.year, self.period_choice.slug]
        )

    @property
    def organisation_id(self) -> int:
        """The organisation whose report it is, for the permission predicates."""
        return self.plan.organisation_id

    @property
    def period_choice(self) -> Period:
        return Period(self.period)

    @property
    def frozen(self) -> bool:
        return self.status == ReportStatus.APPROVED

    @cached_property
    def judged_against(self) -> VersionInForce | None:
        """Return the plan's version the report is judged against: the one kept when it was
        approved, else the one in force (the latest a decision made); None before any."""
        if self.record is not None:
            kept = self.record.get("version")
            return VersionInForce.of(kept) if kept else None
        found = latest_version(self.plan_id, PlanStatus.ADOPTED)
        return VersionInForce(found.number, found.decided_on) if found else None


def keep_approved(collector, field, sub_objs, using) -> None:
    """Delete the values about an item the plan no longer has, but those of approved reports:
    keep them, their key emptied. An approved report is a record, and its record still shows
    the item as it stood; a decision of the council must not be refused for it either."""
    approved = Q(report__status=ReportStatus.APPROVED)
    collector.add_field_update(field, None, sub_objs.filter(approved))
    models.CASCADE(collector, field, sub_objs.exclude(approved), using)


class Entry(models.Model):
    """A value reported in a report, which goes draft → submitted → returned or approved."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, verbose_name=_("report"))
    status = models.CharField(
        _("status"), max_length=10, choices=EntryStatus.choices, default=EntryStatus.DRAFT
    )
    return_reason = models.TextField(_("reason for returning"), blank=True)
    updated_by = person(_("updated by"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True


def item_key(model: type[models.Model], related_name: str) -> models.ForeignKey:
    """A key to one of two kinds of item an entry may be about; the other key is empty, and
    both are once the item is removed from the plan (keep_approved)."""
    return models.ForeignKey(
        model,
        on_delete=keep_approved,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=model._meta.verbose_name,
    )


def once_per_report(first: str, second: str, check: str, noun: str) -> list:
    """Constraints for an entry about either of two kinds of item: at most one is set (none
    once the item is removed from the plan), and a report holds one entry an item."""
    return [
        models.CheckConstraint(
            condition=Q(**{f"{first}__isnull": True}) | Q(**{f"{second}__isnull": True}), name=check
        ),
        *(
            models.UniqueConstraint(fields=["report", key], name=f"one_{noun}_per_{key}")
            for key in (first, second)
        ),
    ]


class Outcome(Entry):
    """An indicator's outcome for a period, with the planner's assessment if they override it."""

    # Empty once the indicator is removed from the plan (keep_approved).
    indicator = models.ForeignKey(
        Indicator,
        on_delete=keep_approved,
        null=True,
        blank=True,
        related_name="outcomes",
        verbose_name=_("indicator"),
    )
    value_kind = models.CharField(
        _("kind of value"), max_length=20, choices=ValueKind.choices, default=ValueKind.YEAR_TO_DATE
    )
    value = models.DecimalField(_("outcome"), **NUMBER)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    women = models.DecimalField(_("women"), **NUMBER)
    men = models.DecimalField(_("men"), **NUMBER)
    numerator = models.DecimalField(
        _("numerator"), **NUMBER, help_text=_("For a share: the count it is a share of, above.")
    )
    denominator = models.DecimalField(
        _("denominator"), **NUMBER, help_text=_("For a share or a weighted mean: the total.")
    )
    baseline = models.DecimalField(
        _("previous year's outcome"),
        **NUMBER,
        help_text=_("Compared with for öka, minska and oförändrad; read from last year if blank."),
    )
    comment = models.TextField(_("comment"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    override = models.CharField(
        _("assessment set by the planner"), max_length=20, choices=Assessment.choices, blank=True
    )
    override_reason = models.TextField(_("reason for the assessment"), blank=True)

    class Meta:
        verbose_name = _("indicator outcome")
        verbose_name_plural = _("indicator outcomes")
        default_related_name = "outcomes"
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="one_outcome_per_report"),
            models.CheckConstraint(
                condition=Q(override="") | ~Q(override_reason=""),
                name="override_has_reason",
                violation_error_message=_("Give a reason when you set the assessment yourself."),
            ),
        ]

    def __str__(self) -> str:
        value = "–" if self.value is None else number(self.value)
        return f"{self.indicator}: {value} {self.unit}".rstrip()


class Progress(Entry):
    """How an activity or a council assignment is going, as of a report."""

    activity = item_key(Activity, "progress")
    assignment = item_key(Assignment, "progress")
    progress = models.CharField(
        _("status"), max_length=20, choices=ActivityStatus.choices, blank=True
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("progress")
        verbose_name_plural = _("progress")
        default_related_name = "progress"
        constraints = once_per_report("activity", "assignment", "progress_of_one_item", "progress")

    def __str__(self) -> str:
        return f"{self.activity or self.assignment}: {self.get_progress_display()}"


class GoalAssessment(Entry):
    """The planner's verdict on a goal: a forecast for the year at T1 and T2, else the outcome."""

    area_goal = item_key(AreaGoal, "assessments")
    board_goal = item_key(BoardGoal, "assessments")
    assessment = models.CharField(
        _("assessment"), max_length=20, choices=Assessment.choices, blank=True
    )
    motivation = models.TextField(_("motivation"), blank=True)

    class Meta:
        verbose_name = _("goal assessment")
        verbose_name_plural = _("goal assessments")
        default_related_name = "goal_assessments"
        constraints = once_per_report(
            "area_goal", "board_goal", "assessment_of_one_goal", "assessment"
        )

    def __str__(self) -> str:
        return f"{self.area_goal or self.board_goal}: {self.get_assessment_display()}"


class BudgetOutcome(models.Model):
    """A budget line's outcome so far and full-year forecast; revenues negative, as budgeted."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="budget_outcomes", verbose_name=_("report")
    )
    budget_line = models.ForeignKey(
        BudgetLine, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("budget line")
    )
    costs = models.DecimalField(_("costs so far"), null=True, blank=True, **MONEY)
    revenues = models.DecimalField(_("revenues so far"), null=True, blank=True, **MONEY)
    forecast_costs = models.DecimalField(_("forecast costs"), null=True, blank=True, **MONEY)
    forecast_revenues = models.DecimalField(_("forecast revenues"), null=True, blank=True, **MONEY)
    comment = models.TextField(_("comment"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget outcome")
        verbose_name_plural = _("budget outcomes")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "budget_line"], name="one_budget_outcome_per_line"
            ),
            models.CheckConstraint(
                condition=(Q(revenues__lte=0) | Q(revenues__isnull=True))
                & (Q(forecast_revenues__lte=0) | Q(forecast_revenues__isnull=True)),
                name="outcome_revenues_are_negative",
                violation_error_message=_("Write revenues as negative numbers."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.budget_line}: {self.report.get_period_display()}"

    @property
    def net(self) -> Decimal | None:
        return net(self.costs, self.revenues)

    @property
    def forecast_net(self) -> Decimal | None:
        return net(self.forecast_costs, self.forecast_revenues)


def net(costs: Decimal | None, revenues: Decimal | None) -> Decimal | None:
    if costs is None and revenues is None:
        return None
    return (costs or Decimal(0)) + (revenues or Decimal(0))


class BudgetAdjustment(models.Model):
    """A change of the board's net budget granted during the year (budgetjustering)."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="budget_adjustments", verbose_name=_("plan")
    )
    budget_line = models.ForeignKey(
        BudgetLine,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adjustments",
        verbose_name=_("budget line"),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=AdjustmentKind.choices, default=AdjustmentKind.OPERATING
    )
    amount = models.DecimalField(_("amount"), help_text=_("In mnkr; + raises the budget."), **MONEY)
    funding_source = models.CharField(
        _("funded from"), max_length=200, help_text=_("For example CM 2 unforeseen needs.")
    )
    recommendation = models.CharField(
        _("office's recommendation"), max_length=20, choices=Recommendation.choices, blank=True
    )
    decision = models.CharField(
        _("decision"), max_length=200, help_text=_("The decision that granted it, e.g. KS T1.")
    )
    decided_on = models.DateField(_("decided on"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget adjustment")
        verbose_name_plural = _("budget adjustments")
        ordering = ["decided_on", "pk"]

    def __str__(self) -> str:
        return f"{self.amount} ({self.funding_source})"


class GrossChange(models.Model):
    """Costs and revenues raised by the same amount, the net unchanged (omslutningsförändring)."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="gross_changes", verbose_name=_("plan")
    )
    budget_line = models.ForeignKey(
        BudgetLine,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="gross_changes",
        verbose_name=_("budget line"),
    )
    amount = models.DecimalField(
        _("amount"), help_text=_("In mnkr, added to both costs and revenues."), **MONEY
    )
    description = models.TextField(_("description"))
    decision = models.CharField(_("decision"), max_length=200)
    decided_on = models.DateField(_("decided on"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gross change")
        verbose_name_plural = _("gross changes")
        ordering = ["decided_on", "pk"]

    def __str__(self) -> str:
        return f"{self.amount}: {self.description[:60]}"


class CityOutcome(models.Model):
    """A city-wide indicator value computed centrally, such as the city's solidity."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.CharField(_("period"), max_length=4, choices=Period.choices)
    indicator_name = models.TextField(_("indicator"))
    value = models.DecimalField(_("outcome"), max_digits=20, decimal_places=6)
    comment = models.TextField(_("comment"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("city outcome")
        verbose_name_plural = _("city outcomes")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year", "period", "indicator_name"],
                name="one_city_outcome_per_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_name}: {self.value}"
