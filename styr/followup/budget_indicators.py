"""The budget indicators every board reports, computed from its budget follow-up.

The council asks each board for its budget adherence before and after carry-over (*Nämndens
budgetföljsamhet före/efter resultatöverföringar (alla nämnder)*, 100 %, each tertial) and its
forecast accuracy (*Nämndens prognossäkerhet T2 (alla nämnder)*, +/- 1 %, yearly). The board
types them in its report, but they follow from its budget follow-up (styr.followup.budget),
so Styr computes them and holds the reported value against the computed one:

- adherence (before carry-over) = net forecast / adjusted net budget × 100;
- adherence after carry-over = (net forecast + carry-over) / adjusted net budget × 100;
- forecast accuracy = (T2 net forecast − the year's net outcome) / |base| × 100;

with the year's net outcome for the forecast in the annual report; each with its numerator and
denominator (what is divided before "× 100"), so that the city's value can be the ratio of the
boards' sums (styr.followup.units). Forecast accuracy is known only once the year's outcome is:
in the annual report.

An indicator is recognised by words in its name, case and spaces aside, the first that matches
(`BUDGET_INDICATORS`; the Django setting `STYR_BUDGET_INDICATORS`, a list of (words, measure)
pairs, replaces them for a municipality that names them otherwise). A reported value differs
from the computed one when they are more than `ROUNDING` (0,05 percentage points) apart: a
value typed with one decimal is not a discrepancy.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from styr.followup.budget import (
    Ledger,
    accuracy_of,
    ledger_of_figures,
    ledger_of_record,
    period_lines,
)
from styr.followup.choices import Period
from styr.followup.selectors import Sheet, name_key

ADHERENCE = "adherence"
ADHERENCE_AFTER_CARRY_OVER = "adherence_after_carry_over"
FORECAST_ACCURACY = "forecast_accuracy"
# Words in an indicator's name, and the measure it is: the first that matches.
BUDGET_INDICATORS = (
    ("budgetföljsamhet före resultatöverföring", ADHERENCE),
    ("budgetföljsamhet efter resultatöverföring", ADHERENCE_AFTER_CARRY_OVER),
    ("prognossäkerhet", FORECAST_ACCURACY),
)
LABELS = {
    ADHERENCE: gettext_lazy("Budget adherence before carry-over, from the budget follow-up"),
    ADHERENCE_AFTER_CARRY_OVER: gettext_lazy(
        "Budget adherence after carry-over, from the budget follow-up"
    ),
    FORECAST_ACCURACY: gettext_lazy("Forecast accuracy, from the budget follow-up"),
}
ROUNDING = Decimal("0.05")  # percentage points
HUNDRED = Decimal(100)


def budget_measure(name: str) -> str | None:
    """Return the budget measure an indicator's name says it is, or None."""
    key = name_key(name)
    for words, measure in getattr(settings, "STYR_BUDGET_INDICATORS", BUDGET_INDICATORS):
        if name_key(words) in key:
            return measure
    return None


@dataclass(frozen=True)
class Figure:
    """A measure computed from the budget follow-up; `reason` says why there is no value."""

    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    reason: str = ""


@dataclass(frozen=True)
class BudgetCheck:
    """A board's reported value of a budget indicator held against the computed one."""

    measure: str
    computed: Figure
    reported: Decimal | None

    @property
    def label(self) -> str:
        return str(LABELS[self.measure])

    @property
    def value(self) -> Decimal | None:
        return self.computed.value

    @property
    def reason(self) -> str:
        return self.computed.reason

    @property
    def difference(self) -> Decimal | None:
        """The reported value less the computed one, in percentage points."""
        if self.reported is None or self.computed.value is None:
            return None
        return self.reported - self.computed.value

    @property
    def differs(self) -> bool:
        return self.difference is not None and abs(self.difference) > ROUNDING


def budget_figures(loaded: Ledger, period: str, carry_over: Decimal | None) -> dict[str, Figure]:
    """Return each budget measure for the period, from the plan's budget follow-up."""
    period = Period(period)
    total = period_lines(loaded, period)[2]
    budget, spent = total.adjusted.net, total.forecast.net
    if spent is None:
        lacking = Figure(
            None,
            reason=_("No outcome for the year for every budget line.")
            if period == Period.YEAR
            else _("No forecast for every budget line."),
        )
        before = after = lacking
    elif not budget:
        before = after = Figure(None, reason=_("The adjusted net budget is zero."))
    else:
        before = share(spent, budget)
        after = share(spent + (carry_over or Decimal(0)), budget)
    return {
        ADHERENCE: before,
        ADHERENCE_AFTER_CARRY_OVER: after,
        FORECAST_ACCURACY: accuracy_figure(loaded, period),
    }


def share(numerator: Decimal, denominator: Decimal) -> Figure:
    return Figure(numerator / denominator * HUNDRED, numerator, denominator)


def accuracy_figure(loaded: Ledger, period: Period) -> Figure:
    if period != Period.YEAR:
        return Figure(None, reason=_("Known once the year's outcome is, in the annual report."))
    accuracy = accuracy_of(loaded)
    if accuracy.value is None:
        return Figure(None, reason=accuracy.reason)
    deviation = accuracy.forecast - accuracy.outcome
    return Figure(accuracy.value, deviation, abs(accuracy.base_amount))


def budget_check(measure: str, figures: dict[str, Figure], reported: Decimal | None):
    return BudgetCheck(measure, figures[measure], reported)


def budget_indicator_checks(sheet: Sheet, loaded: Ledger | None = None) -> dict[int, BudgetCheck]:
    """Return, by indicator id, the budget indicators of a board's report due in its period,
    each computed from the budget follow-up and held against the reported outcome.

    Queries: none when the report has no budget indicator due, when it is approved (its record
    keeps the budget) or when the caller gives the ledger it has loaded (`budget.ledger`);
    else two (`budget.ledger_of_figures`).
    """
    measures = {
        indicator.pk: measure
        for indicator in sheet.due_indicators()
        if (measure := budget_measure(indicator.name))
    }
    if not measures:
        return {}
    report = sheet.report
    if loaded is None:
        kept = report.record is not None and "budget" in report.record
        loaded = ledger_of_record(report) if kept else ledger_of_figures(sheet.plan)
    figures = budget_figures(loaded, report.period, report.carry_over)
    outcomes = {indicator.pk: indicator.outcome for indicator in sheet.due_indicators()}
    return {
        pk: budget_check(measure, figures, reported_value(outcomes[pk]))
        for pk, measure in measures.items()
    }


def reported_value(outcome) -> Decimal | None:
    """Return a board's reported value: its value, else its numerator over its denominator in
    per cent, as the roll-up reads a share; None when it reported neither."""
    if outcome is None:
        return None
    if outcome.value is not None:
        return outcome.value
    if outcome.numerator is not None and outcome.denominator:
        return outcome.numerator / outcome.denominator * HUNDRED
    return None
