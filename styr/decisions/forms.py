"""Forms for recording a decision: its particulars, points, reservations and amendments.

An amendment is chosen from the plan's own goals, indicators, activities and texts, never
typed. The decision stores what it changes by name and section, as a document writes it
(amendments.py applies it by name), so the form maps the chosen part to those names and makes
sure they lead back to that very part.
"""

from __future__ import annotations

from datetime import date
from functools import cached_property

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from styr.decisions import amendments
from styr.decisions.amendments import AmendmentError
from styr.decisions.bodies import Member, members_read
from styr.decisions.document import AmendmentDoc
from styr.decisions.models import Amendment, Case
from styr.decisions.selectors import case_in_force
from styr.planning.choices import Level
from styr.planning.forms import DATE, TARGET_HELP, TEXTAREA, target_read
from styr.planning.kinds import KINDS
from styr.planning.models import Activity, AreaGoal, BoardGoal, Indicator, Plan, Section

Operation = Amendment.Operation


class CaseForm(forms.ModelForm):
    """The decision's particulars, as the minutes give them."""

    class Meta:
        model = Case
        fields = [
            "title",
            "decided_by",
            "meeting_date",
            "diary_number",
            "memorandum",
            "proposed_by",
            "posted_date",
        ]
        widgets = {"meeting_date": DATE, "posted_date": DATE}
        labels = {"meeting_date": _("Date of the meeting")}
        help_texts = {
            "title": _("The matter's title, as the minutes write it."),
            "decided_by": _("The body that took the decision, e.g. Kommunstyrelsen."),
            "meeting_date": _("The plan's new versions are dated by it."),
            "diary_number": _("For example 112-1726/2012."),
            "memorandum": _("The proposal's memorandum, for example PM 2013: RI."),
            "proposed_by": _("For example Borgarrådsberedningen."),
            "posted_date": _(
                "Anyone may appeal within three weeks of the day the minutes are posted."
            ),
        }
        error_messages = {
            "title": {"required": _("Give the decision's title.")},
            "decided_by": {"required": _("Name the body that took the decision.")},
            "meeting_date": {
                "required": _("Give the date of the meeting that took the decision."),
                "invalid": _("Write the date as YYYY-MM-DD."),
            },
            "posted_date": {"invalid": _("Write the date as YYYY-MM-DD.")},
        }

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["decided_by"].required = True
        self.fields["meeting_date"].required = True
        if self.instance.pk is None:
            self.initial.setdefault("title", plan.title)
            self.initial.setdefault("decided_by", plan.organisation.name)

    def clean_meeting_date(self):
        """Refuse a date before the decision in force: a revision follows the adoption."""
        day = self.cleaned_data["meeting_date"]
        in_force = case_in_force(self.plan)
        if (
            in_force is not None
            and in_force.pk != self.instance.pk
            and in_force.meeting_date
            and day < in_force.meeting_date
        ):
            raise ValidationError(
                _(
                    "The decision in force was taken on %(date)s: a later one cannot be dated "
                    "before it."
                ),
                params={"date": in_force.meeting_date.isoformat()},
            )
        return day

    def clean(self):
        cleaned = super().clean()
        meeting, posted = cleaned.get("meeting_date"), cleaned.get("posted_date")
        if meeting and posted and posted < meeting:
            self.add_error(
                "posted_date", _("The minutes are posted after the meeting, not before it.")
            )
        return cleaned

    def particulars(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class DecisionPointForm(forms.Form):
    """A numbered point of the decision (att-sats)."""

    number = forms.IntegerField(
        label=_("Number"),
        min_value=1,
        max_value=999,
        error_messages={"required": _("Give the point's number.")},
    )
    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("As the decision words it: “The plan is approved with the changes …”."),
        error_messages={"required": _("Write what the point decides.")},
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.taken = set(
            case.decision_points.filter(reservation=None).values_list("number", flat=True)
        )
        self.fields["number"].initial = max(self.taken, default=0) + 1

    def clean_number(self):
        number = self.cleaned_data["number"]
        if number in self.taken:
            raise ValidationError(
                _("The decision has a point %(number)s already."), params={"number": number}
            )
        return number


class ReservationForm(forms.Form):
    """A formal dissent by members of a party, in the body or a committee before it."""

    party = forms.CharField(
        label=_("Party"),
        max_length=20,
        help_text=_("As the minutes abbreviate it: S, MP, V."),
        error_messages={"required": _("Give the party's abbreviation.")},
    )
    members = forms.CharField(
        label=_("Members"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The members who made the reservation, one a line, each with the title the minutes "
            "give: “borgarrådet Karin Wanngård”."
        ),
        error_messages={"required": _("Name at least one member who made the reservation.")},
    )
    forum = forms.CharField(
        label=_("Forum"),
        max_length=100,
        help_text=_("Where it was made: the deciding body, or a committee that prepared it."),
        error_messages={"required": _("Give where the reservation was made.")},
    )
    text = forms.CharField(label=_("Text"), widget=TEXTAREA, required=False)
    refers_to = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Refers to"),
        empty_label=_("No earlier reservation"),
        help_text=_("An earlier reservation of the party it refers to, if it does."),
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["refers_to"].queryset = case.reservations.all()
        self.initial.setdefault("forum", case.decided_by)

    def clean_members(self) -> list[Member]:
        """Read the members as a document's are: a title before a name is kept apart from it,
        and a line may list several ("ordföranden Anna Ek och ledamoten Bo Al")."""
        text = self.cleaned_data["members"]
        members = [member for line in text.splitlines() for member in members_read(line)]
        if not members:
            raise ValidationError(_("Name at least one member who made the reservation."))
        return members

    def clean(self):
        """Hand the members on as a reservation keeps them: the names, and a title for each."""
        cleaned = super().clean()
        if members := cleaned.get("members"):
            cleaned["members"] = [member.name for member in members]
            cleaned["titles"] = [member.title for member in members]
        return cleaned


# What each kind of amendment asks for, in the order the form shows it.
FIELDS = {
    Operation.CHANGE_ACTIVITY: ("point", "activity", "start", "end"),
    Operation.ADD_ACTIVITY: ("point", "parent", "title", "start", "end"),
    Operation.REMOVE_ACTIVITY: ("point", "activity"),
    Operation.CHANGE_TARGET: ("point", "indicator", "level", "target"),
    Operation.ADD_INDICATOR: ("point", "parent", "name", "level", "target"),
    Operation.REMOVE_INDICATOR: ("point", "indicator"),
    Operation.ADD_BOARD_GOAL: ("point", "area_goal", "title"),
    Operation.REMOVE_BOARD_GOAL: ("point", "board_goal"),
    Operation.CHANGE_TEXT: ("point", "section", "text"),
}

# The kind of part each list holds, and what the plan must have for an amendment to be offered.
NEEDS = {
    "activity": "aktiviteter",
    "indicator": "indikatorer",
    "board_goal": "namndmal",
    "area_goal": "mal",
    "parent": "mal",
    "section": "avsnitt",
}


def operations_for(plan: Plan) -> list[tuple[str, str]]:
    """Return the kinds of amendment the plan has parts for, as choices."""
    has = {
        slug: KINDS[slug].model.objects.filter(KINDS[slug].in_plan(plan)).exists()
        for slug in set(NEEDS.values())
    }
    return [
        (operation.value, operation.label)
        for operation in Operation
        if all(has[NEEDS[name]] for name in FIELDS[operation] if name in NEEDS)
    ]


class OperationForm(forms.Form):
    """The first step of an amendment: what kind of change the decision makes."""

    typ = forms.ChoiceField(
        label=_("What does the decision change?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what the decision changes.")},
    )

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["typ"].choices = operations_for(plan)


def short(text: str, length: int = 90) -> str:
    return Truncator(" ".join(text.split())).chars(length)


class PlanParts:
    """The plan's goals, indicators, activities and texts, as grouped lists for the form.

    Each part is listed under its area goal (“1.1 …”) or its board goal (“1.1 › …”), in the
    plan's order; each list is loaded once, when a form asks for it.
    """

    def __init__(self, plan: Plan):
        self.plan = plan

    @cached_property
    def area_goals(self) -> list[AreaGoal]:
        return list(
            AreaGoal.objects.filter(direction__plan=self.plan).order_by(
                "direction__position", "direction__number", "position", "pk"
            )
        )

    @cached_property
    def board_goals(self) -> list[BoardGoal]:
        order = {goal.pk: index for index, goal in enumerate(self.area_goals)}
        goals = BoardGoal.objects.filter(area_goal__direction__plan=self.plan)
        return sorted(goals, key=lambda goal: (order[goal.area_goal_id], goal.position, goal.pk))

    @cached_property
    def area_goal_of(self) -> dict:
        """Return each board goal's area goal, by the board goal's id."""
        by_pk = {goal.pk: goal for goal in self.area_goals}
        return {goal.pk: by_pk[goal.area_goal_id] for goal in self.board_goals}

    def goal_of(self, item) -> AreaGoal:
        """Return the area goal an indicator or activity is under, itself or by its board goal."""
        if item.area_goal_id:
            return next(goal for goal in self.area_goals if goal.pk == item.area_goal_id)
        return self.area_goal_of[item.board_goal_id]

    def items(self, model) -> dict[str, object]:
        """Return the plan's indicators or activities by id, as the choices' values."""
        found = model.objects.filter(
            KINDS["indikatorer" if model is Indicator else "aktiviteter"].in_plan(self.plan)
        )
        return {str(item.pk): item for item in found}

    def grouped(self, items: dict, label) -> list:
        """Return the items as choices grouped by the goal they are under, in the plan's order."""
        groups = []
        for goal in self.area_goals:
            own = [i for i in items.values() if i.area_goal_id == goal.pk]
            groups.append((f"{goal.number} {short(goal.title, 70)}", own))
            for board_goal in self.board_goals:
                if board_goal.area_goal_id == goal.pk:
                    under = [i for i in items.values() if i.board_goal_id == board_goal.pk]
                    groups.append((f"{goal.number} › {short(board_goal.title, 70)}", under))
        return [
            (name, [(str(i.pk), label(i)) for i in sorted(group, key=lambda i: (i.position, i.pk))])
            for name, group in groups
            if group
        ]

    @cached_property
    def activities(self) -> dict:
        return self.items(Activity)

    @cached_property
    def indicators(self) -> dict:
        return self.items(Indicator)

    def activity_choices(self) -> list:
        return self.grouped(self.activities, lambda activity: short(activity.title))

    def indicator_choices(self) -> list:
        return self.grouped(self.indicators, lambda indicator: short(indicator.name))

    @cached_property
    def goals(self) -> dict:
        """Return the area goals (mal-<id>) and board goals (namndmal-<id>) by their values."""
        return {
            **{f"mal-{goal.pk}": goal for goal in self.area_goals},
            **{f"namndmal-{goal.pk}": goal for goal in self.board_goals},
        }

    def area_goal_choices(self) -> list:
        return [
            (f"mal-{goal.pk}", f"{goal.number} {short(goal.title)}") for goal in self.area_goals
        ]

    def board_goal_choices(self) -> list:
        return [
            (
                f"{goal.number} {short(goal.title, 70)}",
                [
                    (f"namndmal-{board_goal.pk}", short(board_goal.title))
                    for board_goal in self.board_goals
                    if board_goal.area_goal_id == goal.pk
                ],
            )
            for goal in self.area_goals
            if any(board_goal.area_goal_id == goal.pk for board_goal in self.board_goals)
        ]

    def parent_choices(self) -> list:
        """Return where a new indicator or activity may go: an area goal or a board goal of it."""
        return [
            (
                f"{goal.number} {short(goal.title, 70)}",
                [
                    (
                        f"mal-{goal.pk}",
                        _("The area goal %(number)s itself") % {"number": goal.number},
                    ),
                    *(
                        (f"namndmal-{board_goal.pk}", short(board_goal.title))
                        for board_goal in self.board_goals
                        if board_goal.area_goal_id == goal.pk
                    ),
                ],
            )
            for goal in self.area_goals
        ]

    @cached_property
    def sections(self) -> dict:
        """Return the plan's texts by id, each followed by its subsections, as the plan reads."""
        found = list(Section.objects.filter(plan=self.plan).order_by("position", "pk"))
        ordered: dict = {}

        def walk(parent_id) -> None:
            for section in found:
                if section.parent_id == parent_id:
                    ordered[str(section.pk)] = section
                    walk(section.pk)

        walk(None)
        return ordered

    def section_choices(self) -> list:
        """Return the plan's texts, each named with the texts it is part of."""

        def path(section) -> str:
            parent = self.sections.get(str(section.parent_id))
            return f"{path(parent)} › {section.title}" if parent else section.title

        return [(pk, short(path(section))) for pk, section in self.sections.items()]


class AmendmentForm(forms.Form):
    """An amendment of one kind: the decision point it belongs to and the parts it changes."""

    def __init__(self, *args, case: Case, operation: str, parts: PlanParts | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case, self.operation = case, Operation(operation)
        self.parts = parts or PlanParts(case.plan)
        self.fields.update({name: self.field(name) for name in FIELDS[self.operation]})

    def field(self, name: str) -> forms.Field:
        """Return the field of the name, labelled for this kind of amendment."""
        parts, adding = self.parts, self.operation.startswith("add_")
        choose = {"required": _("Choose one from the list.")}
        if name == "point":
            points = self.case.decision_points.filter(reservation=None)
            return forms.TypedChoiceField(
                label=_("Decision point"),
                coerce=int,
                choices=[(p.number, f"{p.number}. {short(p.text, 80)}") for p in points],
                help_text=_("The point of the decision that makes this change."),
                error_messages={"required": _("Choose the decision point that makes the change.")},
            )
        if name == "activity":
            return forms.ChoiceField(
                label=_("Activity"),
                choices=[("", "–"), *parts.activity_choices()],
                error_messages=choose,
            )
        if name == "indicator":
            return forms.ChoiceField(
                label=_("Indicator"),
                choices=[("", "–"), *parts.indicator_choices()],
                error_messages=choose,
            )
        if name == "board_goal":
            return forms.ChoiceField(
                label=_("Board goal"),
                choices=[("", "–"), *parts.board_goal_choices()],
                error_messages=choose,
            )
        if name == "area_goal":
            return forms.ChoiceField(
                label=_("Under the area goal"),
                choices=[("", "–"), *parts.area_goal_choices()],
                error_messages=choose,
            )
        if name == "parent":
            return forms.ChoiceField(
                label=_("Under the goal"),
                choices=[("", "–"), *parts.parent_choices()],
                help_text=_("An area goal, for the council's, or one of its board goals."),
                error_messages=choose,
            )
        if name == "section":
            return forms.ChoiceField(
                label=_("Text of the plan"),
                choices=[("", "–"), *parts.section_choices()],
                error_messages=choose,
            )
        if name == "title":
            label = (
                _("The new activity")
                if self.operation == Operation.ADD_ACTIVITY
                else _("The new board goal")
            )
            return forms.CharField(
                label=label,
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={"required": _("Write the new one as the decision words it.")},
            )
        if name == "name":
            return forms.CharField(
                label=_("The new indicator's name"),
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={"required": _("Write the indicator's name.")},
            )
        if name == "level":
            return forms.ChoiceField(
                label=_("Target set by"), choices=Level.choices, initial=Level.BOARD
            )
        if name == "target":
            help_text = TARGET_HELP
            if self.operation == Operation.CHANGE_TARGET:
                help_text = _("%(examples)s Leave it empty to remove the target.") % {
                    "examples": TARGET_HELP
                }
            return forms.CharField(
                label=_("New target") if not adding else _("Target"),
                max_length=100,
                required=False,
                help_text=help_text,
            )
        if name in ("start", "end"):
            labels = {
                ("start", False): _("New start date"),
                ("end", False): _("New end date"),
                ("start", True): _("Start date"),
                ("end", True): _("End date"),
            }
            return forms.DateField(
                label=labels[name, adding],
                required=False,
                widget=DATE,
                help_text=_("Without dates, it runs through the plan's year.") if adding else "",
                error_messages={"invalid": _("Write the date as YYYY-MM-DD.")},
            )
        if name == "text":
            return forms.CharField(
                label=_("New wording"),
                widget=TEXTAREA,
                error_messages={"required": _("Write the text's new wording.")},
            )
        raise KeyError(name)

    def clean_activity(self):
        return self.parts.activities[self.cleaned_data["activity"]]

    def clean_indicator(self):
        return self.parts.indicators[self.cleaned_data["indicator"]]

    def clean_board_goal(self):
        return self.parts.goals[self.cleaned_data["board_goal"]]

    def clean_area_goal(self):
        return self.parts.goals[self.cleaned_data["area_goal"]]

    def clean_parent(self):
        return self.parts.goals[self.cleaned_data["parent"]]

    def clean_section(self):
        return self.parts.sections[self.cleaned_data["section"]]

    def clean_target(self):
        text = self.cleaned_data["target"].strip()
        if text:
            target_read(
                text, _("“%(text)s” is not a target: write for example 4,4 %%, 1600 st or öka.")
            )
        return text

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            self.check_dates(cleaned)
        if not self.errors:
            self.check_named(self.amendment())
        return cleaned

    def check_dates(self, cleaned: dict) -> None:
        """Refuse dates that would make the activity end before it starts."""
        if "start" not in self.fields:
            return
        start, end = cleaned.get("start"), cleaned.get("end")
        year = self.case.plan.year
        if self.operation == Operation.CHANGE_ACTIVITY:
            if not (start or end):
                self.add_error("start", _("Give a new start date, a new end date or both."))
                return
            activity = cleaned["activity"]
            start, end = start or activity.start, end or activity.end
        else:
            start, end = start or date(year, 1, 1), end or date(year, 12, 31)
        if start > end:
            self.add_error(
                "end",
                _("The activity would end on %(end)s, before it starts on %(start)s.")
                % {"end": end.isoformat(), "start": start.isoformat()},
            )

    def check_named(self, amendment: AmendmentDoc) -> None:
        """Refuse a part whose name and section would lead the decision to another part."""
        name = next(n for n in FIELDS[self.operation] if n in NEEDS)
        chosen = self.cleaned_data[name]
        try:
            found = named_part(self.case.plan, amendment)
        except AmendmentError:
            found = None
        if found is None or (type(found), found.pk) != (type(chosen), chosen.pk):
            self.add_error(
                name,
                _(
                    "Another part in the same place has the same name, so the decision cannot "
                    "tell them apart: rename one of them first."
                ),
            )

    def amendment(self) -> AmendmentDoc:
        """Return the amendment as the decision stores it: the chosen parts by name and section."""
        data = self.cleaned_data
        doc = AmendmentDoc(point=data["point"], operation=self.operation.value, section="")
        chosen = next((data[n] for n in FIELDS[self.operation] if n in NEEDS), None)
        if isinstance(chosen, Activity):
            doc.section, doc.activity = self.parts.goal_of(chosen).number, chosen.title
        elif isinstance(chosen, Indicator):
            doc.section, doc.indicator = self.parts.goal_of(chosen).number, chosen.name
        elif isinstance(chosen, BoardGoal):
            doc.section = self.parts.area_goal_of[chosen.pk].number
            doc.board_goal = chosen.title
        elif isinstance(chosen, AreaGoal):
            doc.section = chosen.number
        elif isinstance(chosen, Section):
            doc.title = chosen.title
        if self.operation == Operation.ADD_BOARD_GOAL:
            doc.board_goal = data["title"].strip()
        elif self.operation == Operation.ADD_ACTIVITY:
            doc.title = data["title"].strip()
        elif self.operation == Operation.ADD_INDICATOR:
            doc.indicator = data["name"].strip()
        if "target" in data:
            doc.level, doc.title = data["level"], data["target"]
        if "text" in data:
            doc.text = data["text"].strip()
        doc.start, doc.end = data.get("start"), data.get("end")
        return doc


def named_part(plan: Plan, amendment: AmendmentDoc):
    """Return the part of the plan the amendment names, found as amendments.py will find it."""
    operation = amendment.operation
    if operation in (Operation.CHANGE_ACTIVITY, Operation.REMOVE_ACTIVITY):
        goal = amendments.area_goal(plan, amendment)
        return amendments.named(
            amendments.under(Activity, goal), amendment.activity, "activity", amendment
        )
    if operation in (Operation.CHANGE_TARGET, Operation.REMOVE_INDICATOR):
        goal = amendments.area_goal(plan, amendment)
        return amendments.named(
            amendments.under(Indicator, goal), amendment.indicator, "indicator", amendment
        )
    if operation == Operation.REMOVE_BOARD_GOAL:
        return amendments.board_goal(amendments.area_goal(plan, amendment), amendment)
    if operation in (Operation.ADD_ACTIVITY, Operation.ADD_INDICATOR):
        return next(iter(amendments.new_items_parent(plan, amendment).values()))
    if operation == Operation.ADD_BOARD_GOAL:
        return amendments.area_goal(plan, amendment)
    return amendments.named(Section.objects.filter(plan=plan), amendment.title, "text", amendment)
