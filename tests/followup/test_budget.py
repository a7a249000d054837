"""Budget follow-up: deviations, adjustments, gross changes, adherence and forecast accuracy,
the entry of many lines at once, and the budget page with its permissions."""

from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from styr.followup.budget import (
    accuracy_of,
    budget_adjustment_add,
    budget_adjustment_remove,
    budget_outcomes_save,
    forecast_accuracy,
    gross_change_add,
    gross_change_remove,
    ledger,
    ledger_of_figures,
    period_lines,
    report_budget,
)
from styr.followup.choices import AdjustmentKind, Assessment, Period, ReportStatus
from styr.followup.models import BudgetAdjustment, BudgetOutcome, GrossChange
from styr.followup.services import Refused, report_open, report_update
from styr.organisations.models import Municipality
from styr.planning.models import BudgetLine, Plan

# The year's outcome for each line of the sample budget (costs, revenues), as an official
# would type it, and the deviation from the budget it gives (+ is a surplus).
YEAR_OUTCOMES = {
    "Stadsledning": ("52,10", "", "1.00"),
    "Förnyelseavdelning": ("81,30", "−24,00", "0.50"),
    "Kommunikationsstab": ("29,40", "", "-0.60"),
    "Finansavdelning": ("48,15", "", "2.00"),
    "IT-avdelning": ("95,75", "", "-3.00"),
    "Juridisk avdelning": ("36,00", "-9,50", "0.00"),
    "Personalstrategisk avdelning": ("82,00", "", "1.00"),
    "Administrativ avdelning": ("35,60", "−12,60", "-1.10"),
    "Förvaltningsövergripande": ("149,72", "−2,00", "2.00"),
    "Skönhetsråd": ("2,70", "", "0.00"),
    "Politikerorganisation": ("106,20", "", "0.50"),
    "Bidrag": ("563,88", "", "0.00"),
    "Stadsövergripande": ("102,00", "", "0.00"),
}


def lines_of(plan) -> dict[str, BudgetLine]:
    return {line.name: line for line in plan.budget_lines.all()}


def write(report, figures: dict[str, dict], user=None):
    """Save figures per line name through the service, as the entry page does."""
    by_name = lines_of(report.plan)
    read_at = dict(
        BudgetOutcome.objects.filter(report=report).values_list("budget_line", "version")
    )
    rows = [
        {"budget_line": by_name[name], "version": read_at.get(by_name[name].pk, 0), **values}
        for name, values in figures.items()
    ]
    return budget_outcomes_save(report=report, rows=rows, user=user)


def year_outcomes() -> dict[str, dict]:
    return {name: {"costs": c, "revenues": r} for name, (c, r, _d) in YEAR_OUTCOMES.items()}


def forecasts_on_budget(plan, *, extra: dict[str, Decimal] | None = None) -> dict[str, dict]:
    """A forecast equal to each line's budget, plus `extra` costs on the lines named."""
    extra = extra or {}
    return {
        line.name: {
            "forecast_costs": (line.costs or 0) + extra.get(line.name, 0),
            "forecast_revenues": line.revenues,
        }
        for line in plan.budget_lines.all()
    }


def outcomes_on_budget(plan, *, extra: dict[str, Decimal] | None = None) -> dict[str, dict]:
    extra = extra or {}
    return {
        line.name: {"costs": (line.costs or 0) + extra.get(line.name, 0), "revenues": line.revenues}
        for line in plan.budget_lines.all()
    }


def line_named(sheet, name: str):
    return next(line for line in sheet.lines if line.name == name)


@pytest.fixture
def year_report(adopted_plan):
    return report_open(plan=adopted_plan, period=Period.YEAR)


@pytest.fixture
def t2_report(adopted_plan):
    return report_open(plan=adopted_plan, period=Period.T2)


def adjustment(plan, amount: str, decided_on: date, line=None, **more):
    data = {
        "amount": Decimal(amount),
        "kind": AdjustmentKind.OPERATING,
        "budget_line": line,
        "funding_source": "CM 2 oförutsedda behov",
        "recommendation": "supported",
        "decision": "KS T1",
        "decided_on": decided_on,
        **more,
    }
    return budget_adjustment_add(plan=plan, data=data, user=None)


def gross_change(plan, amount: str, decided_on: date, line=None):
    data = {
        "amount": Decimal(amount),
        "budget_line": line,
        "description": "Fler sålda tjänster",
        "decision": "VP 2013 attsats 7",
        "decided_on": decided_on,
    }
    return gross_change_add(plan=plan, data=data, user=None)


# Deviations and totals -------------------------------------------------------------------


def test_the_year_end_sheet_shows_each_lines_deviation_and_the_totals(year_report):
    write(year_report, year_outcomes())

    sheet = report_budget(year_report)

    for name, (_c, _r, deviation) in YEAR_OUTCOMES.items():
        assert line_named(sheet, name).deviation == Decimal(deviation), name
    renewal = line_named(sheet, "Förnyelseavdelning")
    assert renewal.budget.net == Decimal("57.80")
    assert renewal.so_far.net == Decimal("57.30")
    assert renewal.forecast == renewal.so_far  # at year end the outcome is the year's
    assert sheet.total.name == "KS förslag till budget"
    assert sheet.total.budget.costs == Decimal("1385.60")
    assert sheet.total.budget.net == Decimal("1339.00")
    assert sheet.total.so_far.costs == Decimal("1384.80")
    assert sheet.total.so_far.revenues == Decimal("-48.10")
    assert sheet.total.so_far.net == Decimal("1336.70")
    assert sheet.total.deviation == Decimal("2.30")
    assert sheet.lacking == []


def test_a_total_is_not_known_while_a_line_lacks_its_figure(t1_report):
    figures = forecasts_on_budget(t1_report.plan)
    del figures["Skönhetsråd"]
    write(t1_report, figures)

    sheet = report_budget(t1_report)

    assert sheet.lacking == ["Skönhetsråd"]
    assert sheet.total.forecast.net is None
    assert sheet.total.deviation is None
    assert sheet.adherence is None
    assert line_named(sheet, "Bidrag").deviation == Decimal(0)


def test_an_adjustment_changes_the_adjusted_budget_and_the_deviation_from_its_day(
    t1_report, t2_report
):
    plan = t1_report.plan
    renewal = lines_of(plan)["Förnyelseavdelning"]
    write(t1_report, forecasts_on_budget(plan))
    write(t2_report, forecasts_on_budget(plan))
    adjustment(plan, "5.00", date(2013, 3, 20), renewal)
    adjustment(plan, "2.00", date(2013, 6, 15), renewal)  # after T1 closed on 30 April
    adjustment(plan, "9.00", date(2013, 3, 20), renewal, kind=AdjustmentKind.INVESTMENT)
    adjustment(plan, "-1.00", date(2013, 3, 20))  # names no line: the total only

    t1, t2 = report_budget(t1_report), report_budget(t2_report)

    assert line_named(t1, "Förnyelseavdelning").adjusted.net == Decimal("62.80")
    assert line_named(t1, "Förnyelseavdelning").deviation == Decimal("5.00")
    assert line_named(t2, "Förnyelseavdelning").adjusted.net == Decimal("64.80")
    assert line_named(t2, "Förnyelseavdelning").deviation == Decimal("7.00")
    assert t1.unallocated.adjustment == Decimal("-1.00")
    assert t1.total.adjustment == Decimal("4.00")
    assert t1.total.adjusted.net == Decimal("1343.00")
    assert t1.total.deviation == Decimal("4.00")
    assert [(a.amount, a.counted) for a in t1.adjustments] == [
        (Decimal("5.00"), True),
        (Decimal("9.00"), False),  # investments
        (Decimal("-1.00"), True),
    ]


def test_a_periods_pages_show_no_change_decided_after_its_end(client, t1_report, reader):
    plan = t1_report.plan
    adjustment(plan, "5.00", date(2013, 3, 20))
    adjustment(plan, "2.00", date(2013, 6, 15), decision="KS T2")  # after T1 closed on 30 April
    gross_change(plan, "1.00", date(2013, 4, 30))
    gross_change(plan, "3.00", date(2013, 5, 2))

    sheet = report_budget(t1_report)

    assert [a.amount for a in sheet.adjustments] == [Decimal("5.00")]
    assert [g.amount for g in sheet.gross_changes] == [Decimal("1.00")]
    client.force_login(reader)
    page = client.get(page_url(t1_report)).content.decode()
    assert "KS T2" not in page and "2013-06-15" not in page and "2013-05-02" not in page


def test_a_gross_change_raises_costs_and_revenues_and_leaves_the_net_alone(t1_report):
    plan = t1_report.plan
    write(t1_report, forecasts_on_budget(plan))
    gross_change(plan, "343.20", date(2013, 1, 15), lines_of(plan)["Förvaltningsövergripande"])

    sheet = report_budget(t1_report)

    common = line_named(sheet, "Förvaltningsövergripande")
    assert common.adjusted.costs == Decimal("494.92")
    assert common.adjusted.revenues == Decimal("-345.20")
    assert common.adjusted.net == Decimal("149.72") == common.budget.net
    assert common.deviation == Decimal(0)
    assert sheet.total.adjusted.costs == Decimal("1728.80")
    assert sheet.total.adjusted.net == Decimal("1339.00")


def test_a_gross_change_of_nothing_is_refused(adopted_plan):
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        gross_change(adopted_plan, "0", date(2013, 2, 1))
    assert "amount" in refused.value.message_dict
    assert not GrossChange.objects.exists()


def test_budget_adherence_before_and_after_carry_over(year_report):
    write(year_report, year_outcomes())
    sheet = report_budget(year_report)
    assert round(sheet.adherence, 2) == Decimal("99.83")  # 1 336,70 / 1 339,00
    assert sheet.adherence_after_carry_over == sheet.adherence  # nothing carried over

    report_update(report=year_report, data={"carry_over": Decimal("2.30")}, version=None)
    year_report.refresh_from_db()

    assert report_budget(year_report).adherence_after_carry_over == Decimal(100)


def test_adherence_at_a_tertial_is_on_the_forecast(t2_report):
    plan = t2_report.plan
    write(t2_report, forecasts_on_budget(plan, extra={"Bidrag": Decimal("13.39")}))
    assert report_budget(t2_report).adherence == Decimal(101)


# Forecast accuracy -----------------------------------------------------------------------


def set_accuracy(plan, base: str, tolerance: str = "1") -> None:
    Municipality.objects.filter(pk=plan.organisation.municipality_id).update(
        forecast_accuracy_base=base, forecast_accuracy_tolerance=Decimal(tolerance)
    )


@pytest.mark.parametrize(
    "base, outcome_off, forecast_off, per_cent, verdict",
    [
        # In per cent of the net budget, 1 339,00: 10,71 is 0,80 %, 20,09 is 1,50 %.
        ("budget", "0", "10.71", "0.80", Assessment.MET),
        ("budget", "0", "20.09", "1.50", Assessment.NOT_MET),
        ("budget", "0", "-20.09", "-1.50", Assessment.NOT_MET),
        # The year's net outcome 1 250,00: 10,00 is 0,80 %, 18,75 is 1,50 %.
        ("outcome", "-89.00", "-79.00", "0.80", Assessment.MET),
        ("outcome", "-89.00", "-70.25", "1.50", Assessment.NOT_MET),
        # 13,00 misses by 1,04 % of the outcome, but only 0,97 % of the budget.
        ("outcome", "-89.00", "-76.00", "1.04", Assessment.NOT_MET),
        ("budget", "-89.00", "-76.00", "0.97", Assessment.MET),
    ],
)
def test_forecast_accuracy_compares_the_t2_forecast_with_the_years_outcome(
    t2_report, year_report, base, outcome_off, forecast_off, per_cent, verdict
):
    plan = t2_report.plan
    set_accuracy(plan, base)
    write(year_report, outcomes_on_budget(plan, extra={"Bidrag": Decimal(outcome_off)}))
    write(t2_report, forecasts_on_budget(plan, extra={"Bidrag": Decimal(forecast_off)}))
    plan.organisation.municipality.refresh_from_db()

    accuracy = forecast_accuracy(plan)

    assert round(accuracy.value, 2) == Decimal(per_cent)
    assert accuracy.assessment == verdict
    assert accuracy.base == base
    expected_base = Decimal("1339.00") if base == "budget" else Decimal("1250.00")
    assert accuracy.base_amount == expected_base


def test_the_tolerance_is_the_municipalitys_setting(t2_report, year_report):
    plan = t2_report.plan
    set_accuracy(plan, "budget", tolerance="2")
    write(year_report, outcomes_on_budget(plan))
    write(t2_report, forecasts_on_budget(plan, extra={"Bidrag": Decimal("20.09")}))
    plan.organisation.municipality.refresh_from_db()

    assert forecast_accuracy(plan).assessment == Assessment.MET


def test_forecast_accuracy_is_not_assessed_without_a_t2_forecast(year_report):
    plan = year_report.plan
    write(year_report, year_outcomes())

    accuracy = forecast_accuracy(plan)

    assert accuracy.assessment == Assessment.NOT_ASSESSED
    assert accuracy.value is None
    assert accuracy.base == "budget"
    assert accuracy.outcome == Decimal("1336.70")
    with translation.override("en"):
        assert accuracy.reason == "No T2 forecast for every budget line."


def test_forecast_accuracy_on_the_budget_uses_the_adjusted_budget(t2_report, year_report):
    plan = t2_report.plan
    write(year_report, outcomes_on_budget(plan))
    write(t2_report, forecasts_on_budget(plan))
    adjustment(plan, "11.00", date(2013, 9, 20))

    assert forecast_accuracy(plan).base_amount == Decimal("1350.00")


def test_the_figures_read_in_two_queries_are_those_the_page_reads(t2_report, year_report):
    plan = t2_report.plan
    write(year_report, outcomes_on_budget(plan, extra={"Bidrag": Decimal("5.00")}))
    write(t2_report, forecasts_on_budget(plan, extra={"Bidrag": Decimal("13.39")}))
    adjustment(plan, "11.00", date(2013, 3, 20), line=lines_of(plan)["Bidrag"])
    adjustment(plan, "4.00", date(2013, 9, 20), kind=AdjustmentKind.INVESTMENT)
    gross_change(plan, "7.50", date(2013, 5, 2), line=lines_of(plan)["Stadsledning"])
    plan = Plan.objects.select_related("organisation__municipality").get(pk=plan.pk)

    with CaptureQueriesContext(connection) as queries:
        light = ledger_of_figures(plan)

    assert len(queries) == 2
    full = ledger(plan)
    for period in Period:
        assert period_lines(light, period)[2] == period_lines(full, period)[2]
    assert accuracy_of(light) == accuracy_of(full)
    assert len(light.adjustments) == 2 and len(light.gross_changes) == 1


# Saving many lines -----------------------------------------------------------------------


def test_swedish_numbers_are_read_and_saved_for_many_lines_at_once(t1_report):
    write(
        t1_report,
        {
            "Förnyelseavdelning": {
                "costs": "26,60",
                "revenues": "−7,33",
                "forecast_costs": "1 385,60",
                "forecast_revenues": "-22",
                "comment": "  Enligt plan. ",
            },
            "Bidrag": {"costs": "187,96", "forecast_costs": Decimal("563.88")},
        },
    )
    renewal = BudgetOutcome.objects.get(budget_line__name="Förnyelseavdelning")
    assert renewal.costs == Decimal("26.60")
    assert renewal.revenues == Decimal("-7.33")
    assert renewal.forecast_costs == Decimal("1385.60")
    assert renewal.forecast_revenues == Decimal("-22")
    assert renewal.comment == "Enligt plan."
    assert renewal.history.count() == 1
    assert BudgetOutcome.objects.get(budget_line__name="Bidrag").forecast_net == Decimal("563.88")


def test_a_bad_row_is_refused_with_its_line_named_and_nothing_saved(t1_report):
    lines = lines_of(t1_report.plan)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        write(
            t1_report,
            {
                "Stadsledning": {"costs": "17,70"},
                "Förnyelseavdelning": {"costs": "26,60", "revenues": "7,33"},
                "IT-avdelning": {"forecast_costs": "nittio"},
            },
        )
    errors = refused.value.message_dict
    renewal, it = lines["Förnyelseavdelning"].pk, lines["IT-avdelning"].pk
    assert errors == {
        f"line-{renewal}-revenues": [
            "“Förnyelseavdelning”, revenues so far: write revenues as negative numbers, "
            "such as −22,00."
        ],
        f"line-{it}-forecast_costs": [
            "“IT-avdelning”, forecast costs: write a number, such as 1 385,60."
        ],
    }
    assert not BudgetOutcome.objects.exists()


def test_a_figure_with_too_many_decimals_is_refused_by_name(t1_report):
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        write(t1_report, {"Bidrag": {"costs": "1,234"}})
    [(key, [message])] = refused.value.message_dict.items()
    assert key.endswith("-costs")
    assert message.startswith("“Bidrag”, costs so far: ")


def test_a_save_over_a_colleagues_newer_figures_is_refused(t1_report):
    write(t1_report, {"Bidrag": {"costs": "100", "version": 0}})
    write(t1_report, {"Bidrag": {"costs": "110", "version": 1}})

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        write(t1_report, {"Bidrag": {"costs": "120", "version": 1}, "Stadsledning": {"costs": "5"}})

    assert "someone else saved its figures" in str(refused.value)
    assert BudgetOutcome.objects.get().costs == Decimal("110")
    assert BudgetOutcome.objects.get().version == 2


def test_a_row_that_changes_nothing_is_left_alone(t1_report):
    write(t1_report, {"Bidrag": {"costs": "100"}, "Skönhetsråd": {"costs": ""}})
    saved = write(t1_report, {"Bidrag": {"costs": "100,00", "version": 1}})

    assert saved == []
    assert BudgetOutcome.objects.get().version == 1


def test_an_approved_report_refuses_new_figures(year_of_reports):
    report = year_of_reports[Period.T1]
    before = BudgetOutcome.objects.get(report=report, budget_line__name="Bidrag").costs
    with pytest.raises(Refused):
        write(report, {"Bidrag": {"costs": "100"}})
    assert BudgetOutcome.objects.get(report=report, budget_line__name="Bidrag").costs == before


def test_saving_takes_as_many_queries_however_many_lines(t1_report, t2_report):
    plan = t1_report.plan
    many_lines(plan, 20)
    counts = []
    for report, names in ((t1_report, ["Bidrag"]), (t2_report, list(lines_of(plan)))):
        with CaptureQueriesContext(connection) as queries:
            write(report, {name: {"costs": "1", "forecast_costs": "2"} for name in names})
        counts.append(len(queries))
    assert counts[0] == counts[1]


# Adjustments while the year is open ------------------------------------------------------


def test_an_adjustment_counted_in_an_approved_report_stays(t1_report, t2_report):
    plan = t1_report.plan
    early = adjustment(plan, "5.00", date(2013, 3, 20))
    late = gross_change(plan, "3.00", date(2013, 6, 1))
    t1_report.status = ReportStatus.APPROVED
    t1_report.save()

    with pytest.raises(Refused):
        budget_adjustment_remove(adjustment=early, user=None)
    with pytest.raises(Refused):
        adjustment(plan, "1.00", date(2013, 4, 30))
    gross_change_remove(change=late, user=None)
    adjustment(plan, "1.00", date(2013, 5, 2))

    assert BudgetAdjustment.objects.count() == 2
    assert not GrossChange.objects.exists()
    assert [a.locked for a in report_budget(t2_report).adjustments] == [True, False]


def test_nothing_is_added_or_removed_once_the_annual_report_is_approved(year_report):
    plan = year_report.plan
    granted = adjustment(plan, "5.00", date(2013, 10, 1))
    year_report.status = ReportStatus.APPROVED
    year_report.save()

    with translation.override("en"), pytest.raises(Refused) as refused:
        budget_adjustment_remove(adjustment=granted, user=None)
    assert str(refused.value) == (
        "The annual report for 2013 is approved, so the year's budget is closed."
    )
    with pytest.raises(Refused):
        gross_change(plan, "3.00", date(2013, 11, 1))


def test_an_adjustment_names_a_line_of_its_own_plan(adopted_plan, sample_document):
    from styr.planning.services import plan_import

    sample_document.year = 2014
    other = plan_import(document=sample_document)
    sample_document.year = 2013
    foreign = other.budget_lines.first()

    with pytest.raises(ValidationError) as refused:
        adjustment(adopted_plan, "5.00", date(2013, 3, 1), foreign)
    assert "budget_line" in refused.value.message_dict


# The page --------------------------------------------------------------------------------


def page_url(report) -> str:
    slug = report.period_choice.slug
    return f"/planer/kommunstyrelsen/{report.plan.year}/uppfoljning/{slug}/budget/"


def test_the_page_shows_the_budget_in_swedish_numbers_with_the_entry_form(
    client, t1_report, planner
):
    client.force_login(planner)
    write(t1_report, {"Förnyelseavdelning": {"costs": "26,60", "forecast_costs": "1 385,60"}})

    page = client.get(page_url(t1_report)).content.decode()

    assert '<td class="number">1\u00a0385,60</td>' in page  # the budget total
    assert '<td class="number">1\u00a0339,00</td>' in page
    assert "Förnyelseavdelning" in page
    assert 'value="1385,6"' in page  # what was typed, written back the Swedish way
    assert 'inputmode="decimal"' in page
    assert '<label class="visually-hidden" for="id_line-' in page
    assert 'name="action" value="outcomes"' in page
    assert 'name="action" value="adjustment"' in page
    assert 'name="action" value="gross_change"' in page


def test_a_planner_saves_the_figures_from_the_page(client, t1_report, planner):
    client.force_login(planner)
    line = lines_of(t1_report.plan)["Stadsledning"]
    prefix = f"line-{line.pk}"
    response = client.post(
        page_url(t1_report),
        {
            "action": "outcomes",
            f"{prefix}-version": "0",
            f"{prefix}-costs": "17,70",
            f"{prefix}-revenues": "",
            f"{prefix}-forecast_costs": "1 053,10",
            f"{prefix}-forecast_revenues": "",
            f"{prefix}-comment": "Som planerat.",
        },
    )
    assert response.status_code == 302
    saved = BudgetOutcome.objects.get()
    assert (saved.costs, saved.forecast_costs) == (Decimal("17.70"), Decimal("1053.10"))
    assert saved.history.get().history_user == planner


def test_a_refused_row_is_shown_with_what_was_typed_and_nothing_saved(client, t1_report, planner):
    client.force_login(planner)
    line = lines_of(t1_report.plan)["Förnyelseavdelning"]
    prefix = f"line-{line.pk}"
    with translation.override("en"):
        response = client.post(
            page_url(t1_report),
            {
                "action": "outcomes",
                f"{prefix}-version": "0",
                f"{prefix}-costs": "26,60",
                f"{prefix}-revenues": "7,33",
            },
            headers={"accept-language": "en"},
        )
    page = response.content.decode()
    assert response.status_code == 200
    assert f'<a href="#id_{prefix}-revenues">' in page
    assert "Förnyelseavdelning" in page
    assert f'aria-describedby="id_{prefix}-revenues-error"' in page
    assert 'value="7,33"' in page
    assert not BudgetOutcome.objects.exists()


def test_a_planner_records_and_removes_an_adjustment_from_the_page(client, t1_report, planner):
    client.force_login(planner)
    line = lines_of(t1_report.plan)["Förnyelseavdelning"]
    response = client.post(
        page_url(t1_report),
        {
            "action": "adjustment",
            "adjustment-amount": "2,50",
            "adjustment-kind": "operating",
            "adjustment-budget_line": str(line.pk),
            "adjustment-funding_source": "CM 2",
            "adjustment-recommendation": "supported",
            "adjustment-decision": "KS 2013-03-20",
            "adjustment-decided_on": "2013-03-20",
        },
    )
    assert response.status_code == 302
    granted = BudgetAdjustment.objects.get()
    assert (granted.amount, granted.budget_line) == (Decimal("2.50"), line)
    page = client.get(page_url(t1_report)).content.decode()
    assert '<td class="number">2,50</td>' in page

    client.post(page_url(t1_report), {"action": "remove_adjustment", "id": str(granted.pk)})
    assert not BudgetAdjustment.objects.exists()


@pytest.mark.parametrize(
    "action, prefix", [("adjustment", "adjustment"), ("gross_change", "gross")]
)
def test_a_change_decided_after_the_period_is_refused_on_its_page(
    client, t1_report, planner, action, prefix
):
    client.force_login(planner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    data = {
        "action": action,
        f"{prefix}-amount": "2,50",
        f"{prefix}-kind": "operating",
        f"{prefix}-recommendation": "supported",
        f"{prefix}-description": "Fler platser",
        f"{prefix}-decision": "KS 2013-05-15",
        f"{prefix}-decided_on": "2013-05-15",
    }
    response = client.post(page_url(t1_report), data)
    assert response.status_code == 200
    assert "This report counts what was decided by 2013-04-30" in response.content.decode()
    assert not BudgetAdjustment.objects.exists()
    assert not GrossChange.objects.exists()


def test_a_gross_change_of_zero_is_refused_on_the_page(client, t1_report, planner):
    client.force_login(planner)
    response = client.post(
        page_url(t1_report),
        {
            "action": "gross_change",
            "gross-amount": "0",
            "gross-description": "Ingenting",
            "gross-decision": "VP",
            "gross-decided_on": "2013-02-01",
        },
    )
    assert response.status_code == 200
    assert 'id="id_gross-amount"' in response.content.decode()
    assert not GrossChange.objects.exists()


def test_a_reader_sees_the_table_but_may_not_post(client, t1_report, reader):
    client.force_login(reader)
    page = client.get(page_url(t1_report)).content.decode()
    assert '<td class="number">1\u00a0385,60</td>' in page
    assert 'name="action"' not in page

    line = lines_of(t1_report.plan)["Bidrag"]
    response = client.post(
        page_url(t1_report), {"action": "outcomes", f"line-{line.pk}-costs": "1"}
    )
    assert response.status_code == 403
    assert not BudgetOutcome.objects.exists()


def test_a_citizen_sees_only_an_approved_report(client, t1_report):
    assert client.get(page_url(t1_report)).status_code == 403
    t1_report.status = ReportStatus.APPROVED
    t1_report.save()

    response = client.get(page_url(t1_report))

    assert response.status_code == 200
    assert 'name="action"' not in response.content.decode()


def test_an_approved_report_shows_no_forms_and_refuses_posts(client, year_of_reports, planner):
    client.force_login(planner)
    report = year_of_reports[Period.T1]
    before = list(BudgetOutcome.objects.filter(report=report).values_list("version", flat=True))

    assert 'name="action"' not in client.get(page_url(report)).content.decode()
    response = client.post(page_url(report), {"action": "outcomes"}, follow=True)
    assert "godkänd" in response.content.decode()
    after = BudgetOutcome.objects.filter(report=report).values_list("version", flat=True)
    assert list(after) == before


def many_lines(plan, count: int) -> None:
    BudgetLine.objects.bulk_create(
        BudgetLine(plan=plan, name=f"Enhet {n}", costs=Decimal(n), position=100 + n)
        for n in range(count)
    )


def test_the_page_takes_as_many_queries_however_many_lines(client, t1_report, planner):
    client.force_login(planner)
    plan = t1_report.plan
    counts = []
    for added in (0, 20):
        many_lines(plan, added)
        write(t1_report, forecasts_on_budget(plan))
        for line in list(plan.budget_lines.all())[:3]:
            adjustment(plan, "1.00", date(2013, 2, 1), line)
            gross_change(plan, "2.00", date(2013, 2, 1), line)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page_url(t1_report)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[0] <= 15


def test_the_service_saves_no_figures_sent_without_the_version_they_were_read_at(t1_report):
    line = lines_of(t1_report.plan)["Stadsledning"]
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        budget_outcomes_save(report=t1_report, rows=[{"budget_line": line, "costs": 1}], user=None)
    assert "This page is out of date" in refused.value.message_dict[f"line-{line.pk}"][0]
    assert not BudgetOutcome.objects.exists()


@pytest.mark.parametrize("version", [None, "", "²", "9" * 26])
def test_figures_without_the_version_they_were_opened_at_are_refused(
    client, t1_report, planner, version
):
    client.force_login(planner)
    line = lines_of(t1_report.plan)["Stadsledning"]
    prefix = f"line-{line.pk}"
    data = {"action": "outcomes", f"{prefix}-costs": "17,70", f"{prefix}-version": version}
    if version is None:
        del data[f"{prefix}-version"]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(page_url(t1_report), data)
    assert response.status_code == 200
    assert "This page is out of date" in response.content.decode()
    assert not BudgetOutcome.objects.exists()


@pytest.mark.parametrize("posted", ["²", "٣", "9" * 26])
def test_removing_a_change_named_by_no_number_is_not_found(client, t1_report, planner, posted):
    client.force_login(planner)
    response = client.post(page_url(t1_report), {"action": "remove_adjustment", "id": posted})
    assert response.status_code == 404
