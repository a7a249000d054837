"""Forms for follow-up: one small form per item, many of them on one page, and the budget's
adjustments and gross changes.

Each form carries the version its value was opened at, so that a save over a colleague's
newer value is refused. The services decide what is saved.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from styr.followup.choices import Period
from styr.followup.fields import SwedishDecimalField
from styr.followup.models import (
    BudgetAdjustment,
    GoalAssessment,
    GrossChange,
    Outcome,
    Progress,
    Report,
)
from styr.followup.units import asks_for_parts
from styr.planning.choices import TargetKind
from styr.planning.forms import DATE, Versioned, VersionField

SHORT_TEXT = forms.Textarea(attrs={"rows": 2})
FROM_BASELINE = {TargetKind.INCREASE, TargetKind.DECREASE, TargetKind.UNCHANGED}


class Changes:
    def changes(self) -> dict:
        """Return the model's fields as the form cleaned them, for the services."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.fields}


class EntryForm(Changes, Versioned, forms.ModelForm):
    # 0 for a value not saved yet: one a colleague saves meanwhile is then refused, not overwritten.
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version if self.instance.pk else 0
        for field in self.fields.values():
            if isinstance(field, forms.TypedChoiceField) and not field.required:
                field.choices = [("", _("Not given")), *field.choices[1:]]


class OutcomeForm(EntryForm):
    value = SwedishDecimalField(label=_("Outcome"))
    women = SwedishDecimalField(label=_("Women"))
    men = SwedishDecimalField(label=_("Men"))
    numerator = SwedishDecimalField(label=_("Numerator"))
    denominator = SwedishDecimalField(label=_("Denominator"))
    baseline = SwedishDecimalField(
        label=_("Previous year's outcome"),
        help_text=_("For öka, minska and oförändrad; read from last year's report if blank."),
    )

    class Meta:
        model = Outcome
        fields = [
            "value_kind",
            "value",
            "unit",
            "women",
            "men",
            "numerator",
            "denominator",
            "baseline",
            "comment",
            "source",
            "override",
            "override_reason",
        ]
        widgets = {"comment": SHORT_TEXT, "override_reason": SHORT_TEXT}

    def fit(self, indicator) -> None:
        """Leave out what the indicator does not use: the numerator and denominator, unless the
        city's value is made from them; last year's outcome, unless a direction target asks."""
        target = indicator.target
        unit = target.unit if target else ""
        if not (
            indicator.all_boards and asks_for_parts(indicator.aggregation, unit, indicator.name)
        ):
            del self.fields["numerator"], self.fields["denominator"]
        if not (target and target.kind in FROM_BASELINE):
            del self.fields["baseline"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("override") and not (cleaned.get("override_reason") or "").strip():
            self.add_error(
                "override_reason", _("Give a reason when you set the assessment yourself.")
            )
        return cleaned


class ProgressForm(EntryForm):
    class Meta:
        model = Progress
        fields = ["progress", "completed_on", "comment"]
        widgets = {"completed_on": DATE, "comment": SHORT_TEXT}


class GoalAssessmentForm(EntryForm):
    class Meta:
        model = GoalAssessment
        fields = ["assessment", "motivation"]
        widgets = {"motivation": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("assessment") and not (cleaned.get("motivation") or "").strip():
            self.add_error("motivation", _("Give the motivation for the assessment."))
        return cleaned


class ReportForm(EntryForm):
    carry_over = SwedishDecimalField(
        label=_("Carried over to next year"),
        help_text=_("The result units' surplus (+) or deficit (−) carried over, in mnkr."),
    )

    class Meta:
        model = Report
        fields = ["summary", "carry_over"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4, "cols": 80})}


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class ChangeForm(Changes, forms.ModelForm):
    """A budget adjustment or gross change recorded on a report's budget page.

    The budget lines offered are the plan's. A report shows the changes decided by its
    period's end, so one decided later belongs on the next report's page, not on this one,
    where it would not be seen.
    """

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.last_day = Period(report.period).closing_day(report.plan.year)
        lines = self.fields["budget_line"]
        lines.queryset = report.plan.budget_lines.all()
        lines.empty_label = _("None: the total only")

    def clean_decided_on(self):
        decided_on = self.cleaned_data["decided_on"]
        if decided_on and decided_on > self.last_day:
            raise forms.ValidationError(
                _(
                    "This report counts what was decided by %(day)s: record a change decided "
                    "later on the next report's budget page."
                )
                % {"day": self.last_day.isoformat()}
            )
        return decided_on


class AdjustmentForm(ChangeForm):
    amount = SwedishDecimalField(
        required=True,
        label=_("Amount"),
        help_text=_("In mnkr; + raises the budget."),
    )

    class Meta:
        model = BudgetAdjustment
        fields = [
            "amount",
            "kind",
            "budget_line",
            "funding_source",
            "recommendation",
            "decision",
            "decided_on",
        ]
        widgets = {"decided_on": DATE}


class GrossChangeForm(ChangeForm):
    amount = SwedishDecimalField(
        required=True,
        label=_("Amount"),
        help_text=_("In mnkr, added to both costs and revenues."),
    )

    class Meta:
        model = GrossChange
        fields = ["amount", "budget_line", "description", "decision", "decided_on"]
        widgets = {"decided_on": DATE, "description": forms.Textarea(attrs={"rows": 2})}
