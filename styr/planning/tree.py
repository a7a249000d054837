"""The goal tree of a plan as the overview shows it: every level in a fixed number of queries,
and filters that pick out parts of it.

`plan_tree` gives each direction `goal_list`, each area goal `indicator_list`,
`activity_list` and `board_goal_list`, each board goal `indicator_list` and `activity_list`,
every node `tag_list` and `responsible_person`, and each indicator its targets for the year.
After `filter_tree`, `attach_rows` gives the overview its indicator and activity rows as plain
dicts, which its one row template (_rows.html) reads fast.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import F, Q, Value
from django.utils.translation import gettext as _

from styr.planning.choices import Level
from styr.planning.kinds import KIND_OF_MODEL
from styr.planning.models import (
    Activity,
    AreaGoal,
    BoardGoal,
    Direction,
    Indicator,
    Plan,
    Tag,
    Target,
)

NODE_MODELS = [Direction, AreaGoal, BoardGoal, Indicator, Activity]


def plan_tree(plan: Plan, *, tags: bool = True) -> list[Direction]:
    """Return the plan's direction goals with everything under them attached.

    Each level is found by its parents' ids, which the database finds by index, rather than
    by joins up to the plan, which would make it read every plan's indicators and activities.
    Without `tags` every node gets an empty `tag_list`, two queries fewer: a report does not
    show them (an approved report's record does not keep them either).
    """
    directions, goals = with_children(Direction.objects.filter(plan=plan), "goals", AreaGoal)
    board_goals = list(BoardGoal.objects.filter(area_goal__in=ids(goals)))
    under_goals = Q(area_goal__in=ids(goals)) | Q(board_goal__in=ids(board_goals))
    indicators, targets = with_children(
        Indicator.objects.filter(under_goals), "targets", Target, order=["year", "level"]
    )
    targets_prefetched(indicators, targets)
    activities = list(Activity.objects.filter(under_goals))
    attach(directions, "goal_list", goals, "direction_id")
    for owners, key in ((goals, "area_goal_id"), (board_goals, "board_goal_id")):
        attach(owners, "indicator_list", indicators, key)
        attach(owners, "activity_list", activities, key)
    attach(goals, "board_goal_list", board_goals, "area_goal_id")
    attach_targets(plan, indicators)
    nodes = [*directions, *goals, *board_goals, *indicators, *activities]
    if tags:
        attach_tags(nodes)
    else:
        for node in nodes:
            node.tag_list = []
    attach_people(nodes)
    attach_urls(plan, nodes)
    return directions


def with_children(parents, relation: str, child, *, order=("position",)) -> tuple[list, list]:
    """Read the parents and their children (by the parents' reverse key `relation`) in one
    query, a row per child and one for a parent without any: each, in order, as from the
    database. A query a level is most of a page's count; a join costs little."""
    parent_fields = parents.model._meta.concrete_fields
    child_fields = child._meta.concrete_fields
    names = [f.attname for f in parent_fields] + [f"{relation}__{f.attname}" for f in child_fields]
    ordering = ["position", "pk", *(f"{relation}__{name}" for name in order), f"{relation}__pk"]
    found, children = {}, []
    db = parents.db
    for row in parents.order_by(*ordering).values_list(*names):
        parent_row, child_row = row[: len(parent_fields)], row[len(parent_fields) :]
        if parent_row[0] not in found:
            found[parent_row[0]] = parents.model.from_db(
                db, [f.attname for f in parent_fields], parent_row
            )
        if child_row[0] is not None:
            children.append(child.from_db(db, [f.attname for f in child_fields], child_row))
    return list(found.values()), children


def targets_prefetched(indicators: list[Indicator], targets: list[Target]) -> None:
    """Give each indicator its targets as prefetch_related("targets") would, so that
    `indicator.targets.all()` reads no more."""
    by_indicator = defaultdict(list)
    for target in targets:
        by_indicator[target.indicator_id].append(target)
    for indicator in indicators:
        found = indicator.targets.get_queryset()
        found._result_cache = by_indicator[indicator.pk]
        found._prefetch_done = True
        indicator._prefetched_objects_cache = {"targets": found}


def tree_nodes(directions: list[Direction]):
    """Yield every node of a loaded tree: goals of each level, indicators and activities."""
    for direction in directions:
        yield direction
        for goal in direction.goal_list:
            for owner in [goal, *goal.board_goal_list]:
                yield owner
                yield from owner.indicator_list
                yield from owner.activity_list


def ids(objects: list) -> list[int]:
    return [instance.pk for instance in objects]


def attach_urls(plan: Plan, nodes: list) -> None:
    """Give every node its address: reversing one per node would cost a page a third of its time."""
    base = plan.get_absolute_url()
    for node in nodes:
        node.url = f"{base}{KIND_OF_MODEL[type(node)].slug}/{node.pk}/"


def tree_node(plan: Plan, node):
    """Return one indicator or activity with what the overview shows of it, its row in
    `rows` (a list of one, as the overview's table of rows: they share one template)."""
    if isinstance(node, Indicator):
        attach_targets(plan, [node])
    node.tag_list = list(node.tags.order_by("pk"))
    attach_people([node])
    attach_urls(plan, [node])
    node.shown, node.hit = True, False
    node.rows = [item_row(node)]
    return node


def attach_rows(directions: list[Direction]) -> None:
    """Give each goal `indicator_rows` and `activity_rows`: the rows of those it shows, after
    `filter_tree` has marked them."""
    for direction in directions:
        for goal in direction.goal_list:
            for owner in [goal, *goal.board_goal_list]:
                owner.indicator_rows = [item_row(n) for n in owner.indicator_list if n.shown]
                owner.activity_rows = [item_row(n) for n in owner.activity_list if n.shown]


def item_row(node) -> dict:
    """Return what the overview's row shows of an indicator or activity, as plain text.

    A large plan has hundreds of rows, most of its page's time: the template reads a dict's
    keys much faster than a model's attributes and methods, and needs no number formatted
    for an id.
    """
    row = {
        "id": f"{KIND_OF_MODEL[type(node)].slug}-{node.pk}",
        "hit": node.hit,
        "url": node.url,
        "name": str(node),
        "responsible": node.responsible_person,
        "tags": [tag.name for tag in node.tag_list],
        "indicator": isinstance(node, Indicator),
    }
    if row["indicator"]:
        row["board_target"] = node.board_target.text if node.board_target else ""
        row["council_target"] = node.council_target.text if node.council_target else ""
        row["periodicity"] = node.get_periodicity_display()
    else:
        row["start"] = node.start.isoformat() if node.start else ""
        row["end"] = node.end.isoformat() if node.end else ""
    return row


def attach_targets(plan: Plan, indicators: list[Indicator]) -> None:
    for indicator in indicators:
        targets = {t.level: t for t in indicator.targets.all() if t.year == plan.year}
        indicator.board_target = targets.get(Level.BOARD)
        indicator.council_target = targets.get(Level.COUNCIL)


def attach(owners: list, name: str, children: list, key: str) -> None:
    by_owner = defaultdict(list)
    for child in children:
        by_owner[getattr(child, key)].append(child)
    for owner in owners:
        setattr(owner, name, by_owner[owner.pk])


def attach_tags(nodes: list) -> None:
    """Give every node its tags: one query over the five tag tables, one for the tags."""
    parts = []
    for model in NODE_MODELS:
        owner = f"{model._meta.model_name}_id"
        owners = [node.pk for node in nodes if type(node) is model]
        parts.append(
            model.tags.through.objects.filter(**{f"{owner}__in": owners})
            .annotate(model=Value(model._meta.model_name), owner=F(owner))
            .values_list("model", "owner", "tag_id")
        )
    links = list(parts[0].union(*parts[1:], all=True))
    tags = Tag.objects.in_bulk({tag_id for _, _, tag_id in links}) if links else {}
    by_node = defaultdict(list)
    for model, owner, tag_id in links:
        by_node[model, owner].append(tags[tag_id])
    for node in nodes:
        node.tag_list = sorted(by_node[node._meta.model_name, node.pk], key=lambda tag: tag.pk)


def attach_people(nodes: list) -> None:
    ids = {node.responsible_id for node in nodes if node.responsible_id}
    people = get_user_model().objects.in_bulk(ids) if ids else {}
    for node in nodes:
        node.responsible_person = people.get(node.responsible_id)


@dataclass
class Filters:
    """What the overview asks for; each is off when empty. All that are on must hold."""

    q: str = ""
    goal: int | None = None
    level: str = ""
    ends: tuple[date, date] | None = None
    without_indicators: bool = False
    responsible: int | None = None
    tag: str = ""

    @property
    def active(self) -> bool:
        return any(
            [
                self.q,
                self.goal,
                self.level,
                self.ends,
                self.without_indicators,
                self.responsible,
                self.tag,
            ]
        )

    def hit(self, node, level: str, area_goal: AreaGoal | None) -> bool:
        """Tell whether a node meets every filter; `level` is the level it belongs to."""
        tests = [
            not self.q or self.q.lower() in searchable(node),
            not self.goal or (area_goal is not None and area_goal.pk == self.goal),
            not self.level or (level == self.level and not isinstance(node, Direction | AreaGoal)),
            not self.ends
            or (isinstance(node, Activity) and self.ends[0] <= node.end <= self.ends[1]),
            not self.without_indicators
            or (isinstance(node, AreaGoal | BoardGoal) and not node.indicator_list),
            not self.responsible or node.responsible_id == self.responsible,
            not self.tag or any(tag.slug == self.tag for tag in node.tag_list),
        ]
        return all(tests)


@dataclass
class FilterProblem:
    """A filter value that could not be read: the input it came from, and what is wrong."""

    field: str  # the id of the filter's input on the page, which the message links to
    message: str


LEVELS = {"council", "board"}


def filters_read(query, *, goals: list, people: list, tags: list) -> tuple[Filters, list]:
    """Read the overview's filters from the query string, and the values that could not be.

    A value that cannot be read (a month 13, a goal the plan lacks, a person by a name rather
    than a number) leaves its filter off, and the page says so beside the form: the user should
    not take the whole plan for what they asked.
    """
    problems: list[FilterProblem] = []

    def chosen(name: str, field: str, known: dict, message: str):
        text = query.get(name, "").strip()
        if not text:
            return None
        if text in known:
            return known[text]
        problems.append(FilterProblem(field, message % {"value": text}))
        return None

    goal = chosen(
        "mal",
        "filter-goal",
        {str(g.pk): g.pk for g in goals},
        _("The plan has no area goal “%(value)s”: choose one from the list."),
    )
    level = chosen(
        "niva",
        "filter-level",
        {name: name for name in LEVELS},
        _("“%(value)s” is not a level: choose the council's, the board's or both."),
    )
    responsible = chosen(
        "ansvarig",
        "filter-responsible",
        {str(person.pk): person.pk for person in people},
        _("“%(value)s” is not one of the people responsible in the plan: choose from the list."),
    )
    tag = chosen(
        "tagg",
        "filter-tag",
        {t.slug: t.slug for t in tags},
        _("There is no tag “%(value)s”: choose one from the list."),
    )
    ends_text = query.get("slutar", "").strip()
    ends = period(ends_text) if ends_text else None
    if ends_text and ends is None:
        problems.append(
            FilterProblem(
                "filter-ends",
                _("“%(value)s” is neither a month such as 2013-06 nor a quarter such as 2013-Q2.")
                % {"value": ends_text},
            )
        )
    filters = Filters(
        q=query.get("q", "").strip(),
        goal=goal,
        level=level or "",
        ends=ends,
        without_indicators=query.get("utan_indikatorer") == "1",
        responsible=responsible,
        tag=tag or "",
    )
    return filters, problems


def searchable(node) -> str:
    texts = [getattr(node, name, "") for name in ("number", "title", "name", "description")]
    return " ".join(text for text in texts if text).lower()


def filter_tree(directions: list[Direction], filters: Filters) -> int:
    """Mark each node `shown` if it meets the filters or leads to one that does; count hits."""
    hits = 0

    def mark(node, level: str, area_goal, children: list) -> bool:
        nonlocal hits
        hit = filters.hit(node, level, area_goal)
        hits += hit
        node.hit = hit and filters.active
        node.shown = hit or any(child.shown for child in children) or not filters.active
        return node.shown

    for direction in directions:
        for goal in direction.goal_list:
            for board_goal in goal.board_goal_list:
                for item in [*board_goal.indicator_list, *board_goal.activity_list]:
                    mark(item, Level.BOARD, goal, [])
                mark(
                    board_goal,
                    Level.BOARD,
                    goal,
                    [*board_goal.indicator_list, *board_goal.activity_list],
                )
            for item in [*goal.indicator_list, *goal.activity_list]:
                mark(item, Level.COUNCIL, goal, [])
            mark(
                goal,
                Level.COUNCIL,
                goal,
                [*goal.indicator_list, *goal.activity_list, *goal.board_goal_list],
            )
        mark(direction, Level.COUNCIL, None, direction.goal_list)
    return hits


def period(text: str) -> tuple[date, date] | None:
    """Read "2013-06" (a month) or "2013-Q2" (a quarter) as its first and last day."""
    try:
        year_text, part = text.split("-")
        year = int(year_text)
        if part.upper().startswith("Q"):
            quarter = int(part[1:])
            first, last = (3 * quarter - 2, 3 * quarter) if 1 <= quarter <= 4 else (0, 0)
        else:
            first = last = int(part)
        return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])
    except (ValueError, IndexError, OverflowError):  # a year too large for a date overflows
        return None
