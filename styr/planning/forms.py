"""Forms for planners. They check what a person typed; the services decide what is saved."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from styr.numbers import LARGEST_INTEGER
from styr.planning.choices import Level, PlanStatus
from styr.planning.editing import OUT_OF_DATE
from styr.planning.models import (
    Activity,
    AreaGoal,
    Assignment,
    BoardGoal,
    BudgetLine,
    Direction,
    Indicator,
    Plan,
    Section,
    Tag,
    Target,
)
from styr.planning.targets import parse_target

TARGET_HELP = _(
    "For example 4,4 %, 1600 st, +/- 1 %, öka, minska, oförändrad or tas fram av nämnden."
)


class VersionField(forms.IntegerField):
    """The version a form was opened at. Without it a save could overwrite a colleague's."""

    widget = forms.HiddenInput
    default_error_messages = dict.fromkeys(
        ["required", "invalid", "min_value", "max_value"], OUT_OF_DATE
    )

    def __init__(self, **kwargs):
        super().__init__(min_value=0, max_value=LARGEST_INTEGER, **kwargs)


class Versioned:
    """A form with a version: a missing or garbled one is said above the form, not hidden."""

    def clean(self):
        cleaned = super().clean()
        if self._errors.pop("version", None):
            self.add_error(None, OUT_OF_DATE)
        return cleaned


class ItemForm(Versioned, forms.ModelForm):
    """A form for a part of a plan; it carries the version it was opened at."""

    version = VersionField()

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["version"].initial = self.instance.version
        # A new part has no saved version to be out of date with.
        self.fields["version"].required = self.instance.pk is not None
        if "tags" in self.fields:
            self.fields["tags"].queryset = Tag.objects.order_by("pk")
        if "responsible" in self.fields:
            self.fields["responsible"].queryset = responsible_choices(plan)
            self.fields["responsible"].label_from_instance = lambda user: str(user)

    def changes(self) -> dict:
        """Return the model's fields as the form cleaned them, for the services."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def targets(self) -> dict | None:
        """Return an indicator's targets by level; other parts have none."""
        return None


def responsible_choices(plan: Plan | None):
    """Return the people who may answer for a part of the plan: its organisation's members
    (without a plan, as for a part the admin adds, the members of any organisation)."""
    members = (
        Q(memberships__organisation=plan.organisation_id)
        if plan is not None
        else Q(memberships__isnull=False)
    )
    return (
        get_user_model()
        .objects.filter(members | Q(is_superuser=True))
        .filter(is_active=True)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def target_read(text: str, not_one: str):
    """Return the target a person typed, or refuse it with `not_one` or what does not fit.

    A value is kept in twenty digits, six of them decimals, and a unit in twenty characters.
    """
    target = parse_target(text)
    if target is None:
        raise ValidationError(not_one, params={"text": text, "help": TARGET_HELP})
    kept = Target(
        text=target.text,
        kind=target.kind,
        value=target.value,
        unit=target.unit,
        upper=target.upper,
    )
    try:
        kept.clean_fields(exclude=["indicator", "year", "level"])
    except ValidationError as error:
        raise ValidationError(
            [f"“{text}”: {message}" for found in error.message_dict.values() for message in found]
        ) from error
    return target


ITEM_FIELDS = ["responsible", "tags"]
TEXTAREA = forms.Textarea(attrs={"rows": 6})
# The browser's date picker, given and giving ISO dates.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DirectionForm(ItemForm):
    class Meta:
        model = Direction
        fields = ["number", "title", "description", *ITEM_FIELDS]
        widgets = {
            "title": forms.TextInput,
            "description": TEXTAREA,
            "tags": forms.CheckboxSelectMultiple,
        }


class AreaGoalForm(ItemForm):
    class Meta:
        model = AreaGoal
        fields = ["number", "title", "description", *ITEM_FIELDS]
        widgets = DirectionForm.Meta.widgets


class BoardGoalForm(ItemForm):
    class Meta:
        model = BoardGoal
        fields = ["title", "description", *ITEM_FIELDS]
        widgets = DirectionForm.Meta.widgets


class IndicatorForm(ItemForm):
    """An indicator with its targets for the plan's year, typed as written ("4,4 %")."""

    board_target = forms.CharField(
        label=_("Board's target"), required=False, max_length=100, help_text=TARGET_HELP
    )
    council_target = forms.CharField(
        label=_("Council's target"), required=False, max_length=100, help_text=TARGET_HELP
    )

    class Meta:
        model = Indicator
        fields = ["name", "periodicity", "all_boards", "polarity", "aggregation", *ITEM_FIELDS]
        widgets = {"name": forms.TextInput, "tags": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for target in self.instance.targets.filter(year=self.plan.year):
                self.fields[f"{target.level}_target"].initial = target.text

    def clean_board_target(self):
        return self.target("board_target")

    def clean_council_target(self):
        return self.target("council_target")

    def target(self, field: str):
        text = self.cleaned_data[field].strip()
        return target_read(text, _("“%(text)s” is not a target. %(help)s")) if text else None

    def targets(self) -> dict[str, object]:
        return {
            Level.BOARD: self.cleaned_data["board_target"],
            Level.COUNCIL: self.cleaned_data["council_target"],
        }


class ActivityForm(ItemForm):
    class Meta:
        model = Activity
        fields = ["title", "start", "end", *ITEM_FIELDS]
        widgets = {
            "title": forms.TextInput,
            "start": DATE,
            "end": DATE,
            "tags": forms.CheckboxSelectMultiple,
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error(
                "end",
                _("The end date must be on or after the start date (%(start)s).")
                % {"start": start.isoformat()},
            )
        return cleaned


class AssignmentForm(ItemForm):
    class Meta:
        model = Assignment
        fields = ["title", "description", "due", *ITEM_FIELDS]
        widgets = {
            "title": forms.TextInput,
            "description": TEXTAREA,
            "due": DATE,
            "tags": forms.CheckboxSelectMultiple,
        }


class BudgetLineForm(ItemForm):
    class Meta:
        model = BudgetLine
        fields = ["name", "costs", "revenues"]
        help_texts = {"revenues": _("Write revenues as negative numbers, as in −22,00.")}

    def clean_revenues(self):
        revenues = self.cleaned_data["revenues"]
        if revenues is not None and revenues > 0:
            raise forms.ValidationError(_("Write revenues as negative numbers, as in −22,00."))
        return revenues


class SectionForm(ItemForm):
    class Meta:
        model = Section
        fields = ["title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 12})}


FORMS = {
    Direction: DirectionForm,
    AreaGoal: AreaGoalForm,
    BoardGoal: BoardGoalForm,
    Indicator: IndicatorForm,
    Activity: ActivityForm,
    Assignment: AssignmentForm,
    BudgetLine: BudgetLineForm,
    Section: SectionForm,
}


class PlanHeadingForm(ItemForm):
    class Meta:
        model = Plan
        fields = ["title", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Adoption is a decision, not an edit.
        self.fields["status"].choices = [
            choice for choice in PlanStatus.choices if choice[0] != PlanStatus.ADOPTED
        ]


class NewPlanForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Organisation"))
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2100)
    copy_from = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Start from"),
        empty_label=_("An empty plan"),
        help_text=_("A copy of an earlier plan, with its activities' dates moved to the new year."),
    )

    def __init__(self, *args, organisations, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["copy_from"].queryset = plans

    def clean(self):
        cleaned = super().clean()
        organisation, year = cleaned.get("organisation"), cleaned.get("year")
        if (
            organisation
            and year
            and Plan.objects.filter(organisation=organisation, year=year).exists()
        ):
            self.add_error(
                "year",
                _("%(organisation)s already has a plan for %(year)s.")
                % {"organisation": organisation, "year": year},
            )
        source = cleaned.get("copy_from")
        if source and organisation and source.organisation_id != organisation.pk:
            self.add_error("copy_from", _("Choose a plan of the same organisation."))
        return cleaned


def refusal_shown(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's refusal on the form: beside a field it has, else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)
