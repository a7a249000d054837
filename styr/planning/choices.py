"""The fixed vocabularies of planning, shared by the models, the readers and the exports."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PROPOSAL = "proposal", _("Proposal")
    ADOPTED = "adopted", _("Adopted")


class Periodicity(models.TextChoices):
    YEAR = "year", _("Year")
    TERTIAL = "tertial", _("Tertial")


class Level(models.TextChoices):
    """Who owns an indicator, activity or target: the council or the board."""

    COUNCIL = "council", _("Council")
    BOARD = "board", _("Board")


class TargetKind(models.TextChoices):
    """What a target asks for. A range's `value` is its lower bound and `upper` its upper."""

    VALUE = "value", _("Value")
    WITHIN = "within", _("Within a tolerance")
    AT_LEAST = "at_least", _("At least")
    AT_MOST = "at_most", _("At most")
    ABOVE = "above", _("Above")
    BELOW = "below", _("Below")
    RANGE = "range", _("Within a range")
    INCREASE = "increase", _("Increase")
    DECREASE = "decrease", _("Decrease")
    UNCHANGED = "unchanged", _("Unchanged")
    SET_BY_BOARD = "set_by_board", _("Set by the board")


class Polarity(models.TextChoices):
    """Which way an indicator's value is better, for targets that are a value."""

    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class Aggregation(models.TextChoices):
    """How the boards' values of an indicator measured for the whole city make the city's value.

    BY_UNIT, the default, lets the indicator's unit decide (styr.followup.units): counts and
    amounts are summed, shares, indices and means averaged (a ratio of sums when every board
    gave its numerator and denominator). The others are a plan's explicit choice.
    """

    BY_UNIT = "by_unit", _("By its unit: counts summed, shares and means averaged")
    SUM = "sum", _("Sum of the boards' values")
    WEIGHTED_MEAN = "weighted_mean", _("Mean weighted by each board's denominator")
    RATIO = "ratio", _("Summed numerators over summed denominators")
    CENTRAL = "central", _("Computed centrally")


# The kinds of target that are a number (`value`), and the one that also has an `upper` bound.
VALUED_KINDS = [
    TargetKind.VALUE,
    TargetKind.WITHIN,
    TargetKind.AT_LEAST,
    TargetKind.AT_MOST,
    TargetKind.ABOVE,
    TargetKind.BELOW,
    TargetKind.RANGE,
]
