"""Adopting refuses a decision whose points speak of changes when no amendment is recorded.

Carried out, such a decision would leave the plan as proposed, against what was decided; the
refusal holds on every path that adopts (the service, the command line, the web page).
"""

import dataclasses
import json
from datetime import date

import pytest

from styr.decisions.document import PointDoc
from styr.decisions.models import Case
from styr.decisions.services import DecisionError, amendment_add, case_import, plan_adopt
from styr.planning.models import Plan, PlanVersion
from styr.planning.parsing import read_plan_file

REFUSAL = (
    "Point 1 of the decision speaks of changes to the plan (“Verksamhetsplan för 2013 för "
    "kommunstyrelsen godkänns med ändringarna som omnämns i punkt 2, 3 och 4.”), but the "
    "decision "
    "has no amendments: record the amendments on the decision's page, then adopt."
)


pytestmark = pytest.mark.usefixtures("in_english")


@pytest.fixture(scope="module")
def decision(sample_path):
    return read_plan_file(sample_path).decision


def without_amendments(decision, points=None):
    """The sample's decision as if its amendments had not been read."""
    changed = {"amendments": []}
    if points is not None:
        changed["decision_points"] = points
    return dataclasses.replace(decision, **changed)


def test_adopting_a_decision_that_speaks_of_changes_without_amendments_is_refused(
    db, sample_plan, decision
):
    case_import(plan=sample_plan, decision=without_amendments(decision))

    with pytest.raises(DecisionError) as refused:
        plan_adopt(plan=sample_plan)

    assert str(refused.value) == REFUSAL
    assert Plan.objects.get(pk=sample_plan.pk).status == "proposal"
    assert not PlanVersion.objects.exists() and Case.objects.get().version is None


def test_a_point_that_reads_like_an_amendment_is_named_in_the_refusal(db, sample_plan, decision):
    points = [
        PointDoc(1, "Verksamhetsplan för 2013 för kommunstyrelsen godkänns."),
        PointDoc(2, "Nämndaktiviteten om idéburen stadsförbättring får slutdatum i juni."),
    ]
    case_import(plan=sample_plan, decision=without_amendments(decision, points))

    with pytest.raises(DecisionError, match=r"^Point 2 of the decision speaks of changes"):
        plan_adopt(plan=sample_plan)


def test_once_the_amendments_are_recorded_the_decision_adopts(db, sample_plan, decision):
    case = case_import(plan=sample_plan, decision=without_amendments(decision))
    for amendment in decision.amendments:
        amendment_add(case=case, amendment=amendment)

    plan_adopt(plan=sample_plan)

    assert Plan.objects.get(pk=sample_plan.pk).status == "adopted"


def test_a_decision_that_speaks_of_no_changes_adopts_without_amendments(db, sample_plan, decision):
    points = [PointDoc(1, "Verksamhetsplan för 2013 för kommunstyrelsen godkänns.")]
    case_import(plan=sample_plan, decision=without_amendments(decision, points))

    plan_adopt(plan=sample_plan)

    assert Plan.objects.get(pk=sample_plan.pk).status == "adopted"


def test_the_command_line_refuses_and_says_what_to_do(db, styr, sample_path):
    plan_id = json.loads(styr("import-plan", str(sample_path), "--json").out)["id"]
    Case.objects.get().amendments.all().delete()

    run = styr("adopt", str(plan_id))

    assert str(run.error) == REFUSAL
    assert Plan.objects.get(pk=plan_id).status == "proposal"


def test_a_decision_with_some_amendment_recorded_adopts_on_the_command_line(db, styr, sample_path):
    plan_id = json.loads(styr("import-plan", str(sample_path), "--json").out)["id"]
    Case.objects.get().amendments.exclude(point=2).delete()

    assert "adopted as version 2" in styr("adopt", str(plan_id)).out


def test_the_web_page_refuses_to_carry_it_out_and_says_what_to_do(
    db, client, administrator, styr, sample_path
):
    plan_id = json.loads(styr("import-plan", str(sample_path), "--json").out)["id"]
    case = Case.objects.get()
    case.amendments.all().delete()
    Case.objects.filter(pk=case.pk).update(meeting_date=date(2013, 1, 23))
    client.force_login(administrator)
    client.cookies["django_language"] = "en"

    page = client.post(
        f"/planer/kommunstyrelsen/2013/beslut/arenden/{case.pk}/verkstall/", follow=True
    )

    assert REFUSAL in [str(message) for message in page.context["messages"]]
    assert Plan.objects.get(pk=plan_id).status == "proposal"
