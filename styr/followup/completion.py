"""How far the boards have come with a period's reports: the central office's completion
overview, and what the reminders list.

`completion` takes, for a municipality, a year and a period, every organisation with an
adopted plan that year and gives each board its report's status, the deadline, whether it is
late, and the items the period asks for (the indicators due, every activity, assignment and
goal) with the state of their values; then the same items by responsible person.

It reads ten queries whatever the number of boards: the plans, their reports, the deadline,
the area goals, board goals, indicators, activities and assignments, the values of the three
kinds (outcomes, progress and goal assessments, in one union), and the responsible people.
Each reads plain values for all plans at once and is grouped here; no board's report is read
on its own.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import BigIntegerField, BooleanField, ExpressionWrapper, F, Q, Value
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from styr.followup.calendar import deadline_of
from styr.followup.choices import EntryStatus, Period, ReportStatus
from styr.followup.models import GoalAssessment, Outcome, Progress, Report
from styr.followup.selectors import is_due
from styr.organisations.models import Municipality
from styr.planning.choices import PlanStatus
from styr.planning.models import Activity, AreaGoal, Assignment, BoardGoal, Indicator, Plan

NOT_BEGUN = "not_begun"  # a draft nobody has entered a value in yet (or no report at all)
DONE = {EntryStatus.SUBMITTED, EntryStatus.APPROVED}
KINDS = {
    "indicator": Indicator._meta.verbose_name,
    "activity": Activity._meta.verbose_name,
    "assignment": Assignment._meta.verbose_name,
    "area_goal": AreaGoal._meta.verbose_name,
    "board_goal": BoardGoal._meta.verbose_name,
}
# The columns of the overview: both kinds of goal count as goals.
GROUPS = {
    "indicator": "indicators",
    "activity": "activities",
    "assignment": "assignments",
    "area_goal": "goals",
    "board_goal": "goals",
}


@dataclass
class Counts:
    """How many items a period asks for, and how far their values have come."""

    due: int = 0
    valued: int = 0  # have a value, whatever their status
    submitted: int = 0  # waiting to be approved
    approved: int = 0
    returned: int = 0

    def add(self, item: Item) -> None:
        self.due += 1
        self.valued += item.valued
        self.submitted += item.status == EntryStatus.SUBMITTED
        self.approved += item.status == EntryStatus.APPROVED
        self.returned += item.status == EntryStatus.RETURNED


@dataclass
class Item:
    """An item the period asks a value for, and where its value stands."""

    kind: str  # a key of KINDS
    pk: int
    label: str
    board: BoardCompletion = field(repr=False)
    responsible: int | None
    status: str = ""  # the value's EntryStatus; "" when nothing has been entered
    valued: bool = False
    return_reason: str = ""
    overdue: bool = False  # the deadline has passed and the value is not submitted

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]

    @property
    def status_label(self) -> str:
        return EntryStatus(self.status).label if self.status else _("Not entered")


@dataclass
class BoardCompletion:
    plan_id: int
    plan_title: str
    organisation_id: int
    name: str
    slug: str
    status: str = NOT_BEGUN  # the report's ReportStatus, or NOT_BEGUN
    return_reason: str = ""  # why the central office returned the report, while it is returned
    late: bool = False
    items: list[Item] = field(default_factory=list, repr=False)
    counts: Counts = field(default_factory=Counts)
    groups: dict[str, Counts] = field(
        default_factory=lambda: {group: Counts() for group in dict.fromkeys(GROUPS.values())}
    )

    @property
    def status_label(self) -> str:
        return _("Not begun") if self.status == NOT_BEGUN else ReportStatus(self.status).label

    @property
    def approved(self) -> bool:
        return self.status == ReportStatus.APPROVED


@dataclass
class PersonCompletion:
    """A responsible person's items across the boards; `person` None for items no one has."""

    person: object | None  # a User
    items: list[Item] = field(default_factory=list)
    counts: Counts = field(default_factory=Counts)

    @property
    def name(self) -> str:
        return str(self.person) if self.person else _("No one responsible")

    @property
    def overdue(self) -> list[Item]:
        return [item for item in self.items if item.overdue]

    @property
    def boards(self) -> list[str]:
        return sorted({item.board.name for item in self.items})

    def overdue_by_board(self) -> list[tuple[str, int]]:
        """Return how many overdue items each board has, for a list too long to give whole."""
        return sorted(Counter(item.board.name for item in self.overdue).items())


@dataclass
class Completion:
    municipality: Municipality
    year: int
    period: Period
    deadline: date
    on: date
    boards: list[BoardCompletion]
    people: list[PersonCompletion]

    @property
    def passed(self) -> bool:
        return self.on > self.deadline


def completion(
    *, municipality: Municipality, year: int, period: str, on: date | None = None
) -> Completion:
    """Return every board's progress with the period's report as of `on` (today by default)."""
    period = Period(period)
    on = on or timezone.localdate()
    due = deadline_of(municipality, year, period)
    boards = boards_of(municipality, year, period, late=on > due)
    items = board_items(boards, period)
    attach_entries(items, boards, period)
    for item in items:
        item.overdue = on > due and item.status not in DONE
        board = item.board
        board.items.append(item)
        board.counts.add(item)
        board.groups[GROUPS[item.kind]].add(item)
    for board in boards.values():
        # Reports open when the plan is adopted: a draft without a value has not begun.
        if board.status == ReportStatus.DRAFT and not any(item.status for item in board.items):
            board.status = NOT_BEGUN
    return Completion(municipality, year, period, due, on, list(boards.values()), people(items))


def boards_of(municipality: Municipality, year: int, period: Period, *, late: bool) -> dict:
    """Return the boards with an adopted plan for the year, by plan, with their report's status."""
    plans = Plan.objects.filter(
        organisation__municipality=municipality, year=year, status=PlanStatus.ADOPTED
    ).order_by("organisation__name", "pk")
    boards = {
        row["pk"]: BoardCompletion(
            row["pk"],
            row["title"],
            row["organisation"],
            row["organisation__name"],
            row["organisation__slug"],
        )
        for row in plans.values(
            "pk", "title", "organisation", "organisation__name", "organisation__slug"
        )
    }
    reports = Report.objects.filter(plan__in=list(boards), period=period)
    for plan, status, reason in reports.values_list("plan", "status", "return_reason"):
        boards[plan].status = status
        boards[plan].return_reason = reason if status == ReportStatus.RETURNED else ""
    for board in boards.values():
        board.late = late and board.status not in {ReportStatus.SUBMITTED, ReportStatus.APPROVED}
    return boards


def board_items(boards: dict[int, BoardCompletion], period: Period) -> list[Item]:
    """Return the items the period asks for in the boards' plans, level by level."""
    goals = list(
        AreaGoal.objects.filter(direction__plan__in=list(boards)).values(
            "pk", "number", "title", "responsible", "direction__plan"
        )
    )
    board_of_goal = {goal["pk"]: boards[goal["direction__plan"]] for goal in goals}
    board_goals = list(
        BoardGoal.objects.filter(area_goal__in=list(board_of_goal)).values(
            "pk", "title", "responsible", "area_goal"
        )
    )
    board_of_board_goal = {goal["pk"]: board_of_goal[goal["area_goal"]] for goal in board_goals}
    under_goals = Q(area_goal__in=list(board_of_goal)) | Q(board_goal__in=list(board_of_board_goal))

    def board_of(row: dict) -> BoardCompletion:
        return board_of_goal.get(row["area_goal"]) or board_of_board_goal[row["board_goal"]]

    indicators = Indicator.objects.filter(under_goals).values(
        "pk", "name", "periodicity", "responsible", "area_goal", "board_goal"
    )
    activities = Activity.objects.filter(under_goals).values(
        "pk", "title", "responsible", "area_goal", "board_goal"
    )
    assignments = Assignment.objects.filter(plan__in=list(boards)).values(
        "pk", "title", "responsible", "plan"
    )
    items = [
        Item(
            "area_goal",
            g["pk"],
            f"{g['number']} {g['title']}",
            board_of_goal[g["pk"]],
            g["responsible"],
        )
        for g in goals
    ]
    items += [
        Item("board_goal", g["pk"], g["title"], board_of_board_goal[g["pk"]], g["responsible"])
        for g in board_goals
    ]
    items += [
        Item("indicator", i["pk"], i["name"], board_of(i), i["responsible"])
        for i in indicators
        if is_due(Indicator(periodicity=i["periodicity"]), period)
    ]
    items += [
        Item("activity", a["pk"], a["title"], board_of(a), a["responsible"]) for a in activities
    ]
    items += [
        Item("assignment", a["pk"], a["title"], boards[a["plan"]], a["responsible"])
        for a in assignments
    ]
    return items


def attach_entries(items: list[Item], boards: dict, period: Period) -> None:
    """Give each item the status of its value in the period's report, and whether it has one:
    an outcome its number, progress its status, a goal's assessment its verdict. One query
    reads the three kinds of value."""
    reports = Report.objects.filter(plan__in=list(boards), period=period).values("pk")
    parts = [
        entry_columns(model, kinds, valued, reports)
        for model, kinds, valued in (
            (Outcome, ["indicator", None], Q(value__isnull=False)),
            (Progress, ["activity", "assignment"], ~Q(progress="")),
            (GoalAssessment, ["area_goal", "board_goal"], ~Q(assessment="")),
        )
    ]
    entries = {}
    for kind, first, second, status, reason, valued in parts[0].union(*parts[1:], all=True):
        kinds = ENTRY_KINDS[kind]
        if first is not None:
            entries[kinds[0], first] = (status, reason, valued)
        elif second is not None:
            entries[kinds[1], second] = (status, reason, valued)
        # else an approved value about an item since removed from the plan
    for item in items:
        if row := entries.get((item.kind, item.pk)):
            item.status, item.return_reason, item.valued = row


# The kinds of item each kind of value is about, by its place in attach_entries' union.
ENTRY_KINDS = [["indicator", None], ["activity", "assignment"], ["area_goal", "board_goal"]]


def entry_columns(model, kinds: list, valued: Q, reports):
    """Select a kind of value's item keys, status and whether it has a value, in the columns
    every kind shares; a key a kind lacks is an empty number (PostgreSQL reads a bare NULL in
    a union's first part as text)."""
    keys = [
        F(f"{kind}_id") if kind else Cast(Value(None), output_field=BigIntegerField())
        for kind in kinds
    ]
    return (
        model.objects.filter(report__in=reports)
        .order_by()
        .annotate(
            kind=Value(ENTRY_KINDS.index(kinds)),
            first=keys[0],
            second=keys[1],
            has_value=ExpressionWrapper(valued, output_field=BooleanField()),
        )
        .values_list("kind", "first", "second", "status", "return_reason", "has_value")
    )


def people(items: list[Item]) -> list[PersonCompletion]:
    """Return the items by responsible person, by name, and last those no one answers for."""
    by_person: dict[int | None, PersonCompletion] = defaultdict(lambda: PersonCompletion(None))
    users = get_user_model().objects.filter(pk__in={i.responsible for i in items if i.responsible})
    for user in users:
        by_person[user.pk] = PersonCompletion(user)
    for item in sorted(items, key=lambda item: item.board.name):
        row = by_person[item.responsible]
        row.items.append(item)
        row.counts.add(item)
    return sorted(by_person.values(), key=lambda p: (p.person is None, p.name.lower()))
