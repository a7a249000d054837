"""The synthetic city: plans that pass the checks and import, for benchmarks and tests."""

from collections import Counter

from styr.planning.choices import TargetKind
from styr.planning.consistency import check_document
from styr.planning.models import Plan
from styr.planning.services import plan_import
from styr.planning.synthetic import synthetic_city, synthetic_plan


def plan(items: int = 150, seed: int = 7):
    return synthetic_plan(organisation="Kulturnämnden", year=2024, items=items, seed=seed)


def test_a_synthetic_plan_is_consistent_and_has_about_the_items_asked_for():
    for items in (10, 150, 600):
        document = plan(items)
        assert check_document(document) == []
        counts = document.counts()
        made = sum(counts[kind] for kind in ("area_goals", "board_goals", "indicators"))
        assert abs(made + counts["activities"] - items) <= 10
        assert counts["directions"] == 3
        assert 8 <= counts["budget_lines"] <= 15


def test_a_synthetic_plan_has_every_kind_of_target_and_dates_inside_its_year():
    document = plan()
    targets = [
        target
        for indicator in document.indicators()
        for target in (indicator.board_target, indicator.council_target)
        if target
    ]
    assert {target.kind for target in targets} == set(TargetKind)
    assert any(target.unit for target in targets)
    assert all(a.start.year == a.end.year == 2024 for a in document.activities())


def test_the_same_seed_gives_the_same_plan():
    assert plan(seed=3) == plan(seed=3)
    assert plan(seed=3) != plan(seed=4)


def test_a_synthetic_plan_imports(db):
    saved = plan_import(document=plan())
    assert saved.directions.count() == 3
    assert saved.budget_lines.count() == len(plan().budget.lines)


def test_the_city_has_a_plan_per_board_and_year(db):
    documents = synthetic_city(boards=4, items=30, years=[2023, 2024, 2025])
    assert len(documents) == 12
    assert len({(d.organisation, d.year) for d in documents}) == 12
    for document in documents:
        plan_import(document=document)
    assert Plan.objects.count() == 12
    per_board = Counter(Plan.objects.values_list("organisation__name", flat=True))
    assert set(per_board.values()) == {3}
