"""A board's activity plan for a year: its goal tree, indicators, activities, budget and texts."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from styr.organisations.models import Department, Organisation
from styr.planning.choices import (
    VALUED_KINDS,
    Aggregation,
    Level,
    Periodicity,
    PlanStatus,
    Polarity,
    TargetKind,
)

MONEY = {"max_digits": 14, "decimal_places": 2}


class Plan(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="plans", verbose_name=_("organisation")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=300)
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    budget_title = models.CharField(_("budget title"), max_length=200, blank=True)
    budget_unit = models.CharField(_("budget unit"), max_length=10, default="mnkr")
    budget_total_name = models.CharField(_("name of the budget total"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["organisation__name", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="one_plan_per_year")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("planning:plan", args=[self.organisation.slug, self.year])


class Ordered(models.Model):
    """A part of a plan that keeps the order the document gave it.

    Its history is kept, and `version` counts its saves, so that a save based on an older
    version can be refused rather than overwrite a colleague's change.
    """

    position = models.PositiveIntegerField(_("position"), default=0)
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True
        ordering = ["position"]


class Tag(models.Model):
    """A label for goals, indicators and activities, such as the Agenda 2030 goal they serve."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("name in web addresses"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PlanItem(Ordered):
    """A goal, indicator or activity: someone can answer for it, and it can carry tags."""

    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible"),
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="+", verbose_name=_("tags"))
    # Ordered's history also keeps the tags each version had, so that the item's history
    # shows tag changes (django-simple-history reads this name on each concrete model).
    _history_m2m_fields = ["tags"]

    class Meta(Ordered.Meta):
        abstract = True


class Direction(PlanItem):
    """A council direction goal (inriktningsmål), numbered 1, 2, 3."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="directions", verbose_name=_("plan")
    )
    number = models.CharField(_("number"), max_length=10)
    title = models.TextField(_("title"))
    description = models.TextField(_("description"), blank=True)

    class Meta(PlanItem.Meta):
        verbose_name = _("direction goal")
        verbose_name_plural = _("direction goals")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="unique_direction_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class AreaGoal(PlanItem):
    """A council goal for an area of activity (mål för verksamhetsområdet), numbered 1.1."""

    direction = models.ForeignKey(
        Direction, on_delete=models.CASCADE, related_name="goals", verbose_name=_("direction goal")
    )
    number = models.CharField(_("number"), max_length=10)
    title = models.TextField(_("title"))
    description = models.TextField(_("description"), blank=True)

    class Meta(PlanItem.Meta):
        verbose_name = _("area goal")
        verbose_name_plural = _("area goals")
        constraints = [
            models.UniqueConstraint(fields=["direction", "number"], name="unique_area_goal_number")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class BoardGoal(PlanItem):
    """The board's own goal (nämndmål) under an area goal."""

    area_goal = models.ForeignKey(
        AreaGoal, on_delete=models.CASCADE, related_name="board_goals", verbose_name=_("area goal")
    )
    title = models.TextField(_("title"))
    description = models.TextField(_("description"), blank=True)

    class Meta(PlanItem.Meta):
        verbose_name = _("board goal")
        verbose_name_plural = _("board goals")

    def __str__(self) -> str:
        return self.title


def goal_key(goal: type[models.Model], related_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        goal,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=goal._meta.verbose_name,
    )


class GoalItem(PlanItem):
    """An indicator or activity: the council's under an area goal, the board's under a board's."""

    class Meta(PlanItem.Meta):
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(area_goal__isnull=False, board_goal__isnull=True)
                | Q(area_goal__isnull=True, board_goal__isnull=False),
                name="%(class)s_under_one_goal",
                violation_error_message=_("Place it under either an area goal or a board goal."),
            )
        ]

    @property
    def level(self) -> str:
        return Level.COUNCIL if self.area_goal_id else Level.BOARD


class Indicator(GoalItem):
    area_goal = goal_key(AreaGoal, "indicators")
    board_goal = goal_key(BoardGoal, "indicators")
    name = models.TextField(_("name"))
    periodicity = models.CharField(
        _("periodicity"), max_length=10, choices=Periodicity.choices, default=Periodicity.YEAR
    )
    all_boards = models.BooleanField(
        _("all boards"),
        default=False,
        help_text=_("Measured for the whole city, each board its part."),
    )
    polarity = models.CharField(
        _("better when"), max_length=10, choices=Polarity.choices, default=Polarity.HIGHER
    )
    aggregation = models.CharField(
        _("city-wide value"),
        max_length=20,
        choices=Aggregation.choices,
        default=Aggregation.BY_UNIT,
        help_text=_("How the boards' values make the city's, for indicators of all boards."),
    )

    class Meta(GoalItem.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name


class Target(models.Model):
    """An annual target for an indicator, set by the board or by the council."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="targets", verbose_name=_("indicator")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    level = models.CharField(_("set by"), max_length=10, choices=Level.choices)
    text = models.CharField(_("as written"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=TargetKind.choices)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=6, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    # A range's upper bound ("80–90 %"); its lower bound is `value`.
    upper = models.DecimalField(
        _("upper bound"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["year", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "level"], name="one_target_per_year_and_level"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=VALUED_KINDS, value__isnull=False)
                | (~Q(kind__in=VALUED_KINDS) & Q(value__isnull=True)),
                name="target_value_matches_kind",
                violation_error_message=_("A target that is a number needs a value; others none."),
            ),
            models.CheckConstraint(
                condition=Q(kind="range", upper__isnull=False)
                | (~Q(kind="range") & Q(upper__isnull=True)),
                name="target_upper_only_for_range",
                violation_error_message=_("A range needs an upper bound; other targets none."),
            ),
        ]

    def __str__(self) -> str:
        return self.text


class Activity(GoalItem):
    area_goal = goal_key(AreaGoal, "activities")
    board_goal = goal_key(BoardGoal, "activities")
    title = models.TextField(_("title"))
    start = models.DateField(_("start date"))
    end = models.DateField(_("end date"))

    class Meta(GoalItem.Meta):
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            *GoalItem.Meta.constraints,
            models.CheckConstraint(
                condition=Q(start__lte=F("end")),
                name="activity_starts_before_it_ends",
                violation_error_message=_("An activity must start before it ends."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Assignment(PlanItem):
    """A task the council gives the board in its budget (uppdrag), reported on in follow-up."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("plan")
    )
    title = models.TextField(_("title"))
    description = models.TextField(_("description"), blank=True)
    due = models.DateField(_("to be done by"), null=True, blank=True)

    class Meta(PlanItem.Meta):
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def __str__(self) -> str:
        return self.title


class BudgetLine(Ordered):
    """A line of the plan's operating budget; revenues are negative, as the documents write them."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="budget_lines", verbose_name=_("plan")
    )
    name = models.CharField(_("name"), max_length=200)
    department = models.ForeignKey(
        Department,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="budget_lines",
        verbose_name=_("department"),
    )
    costs = models.DecimalField(_("costs"), null=True, blank=True, **MONEY)
    revenues = models.DecimalField(_("revenues"), null=True, blank=True, **MONEY)

    class Meta(Ordered.Meta):
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.CheckConstraint(
                condition=Q(revenues__lte=0) | Q(revenues__isnull=True),
                name="revenues_are_negative",
                violation_error_message=_("Write revenues as negative numbers."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def net(self) -> Decimal:
        return (self.costs or Decimal(0)) + (self.revenues or Decimal(0))


class Investment(Ordered):
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="investments", verbose_name=_("plan")
    )
    text = models.TextField(_("text"))
    amount = models.DecimalField(_("amount"), null=True, blank=True, **MONEY)

    class Meta(Ordered.Meta):
        verbose_name = _("investment")
        verbose_name_plural = _("investments")

    def __str__(self) -> str:
        return self.text[:80]


class ResultUnit(Ordered):
    """A unit allowed to carry its surplus or deficit into next year (resultatenhet)."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="result_units", verbose_name=_("plan")
    )
    name = models.CharField(_("name"), max_length=200)
    text = models.TextField(_("text"), blank=True)

    class Meta(Ordered.Meta):
        verbose_name = _("result unit")
        verbose_name_plural = _("result units")

    def __str__(self) -> str:
        return self.name


class Section(Ordered):
    """A titled text of the plan (significant projects, premises, staff), with subsections."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="sections", verbose_name=_("plan")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subsections",
        verbose_name=_("part of"),
    )
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)

    class Meta(Ordered.Meta):
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return self.title


class PlanVersion(models.Model):
    """A frozen copy of a plan as it stood: the proposal, the adopted plan, a revision.

    The document is the plan's open-data JSON, so that any version can be exported, compared
    and read again exactly as it was.
    """

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="versions", verbose_name=_("plan")
    )
    number = models.PositiveIntegerField(_("number"))
    status = models.CharField(_("status"), max_length=10, choices=PlanStatus.choices)
    document = models.JSONField(_("document"))
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="unique_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.plan} ({self.number}, {self.get_status_display()})"
