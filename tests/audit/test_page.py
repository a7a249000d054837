"""The central office reads the events on /handelser/: newest first, a hundred a page, filtered
by organisation, kind, person, period and refusal, each linking to its object."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from styr.audit.models import Event
from styr.audit.services import event_log
from styr.followup.models import GoalAssessment, Outcome, Progress
from styr.organisations.models import Organisation

URL = "/handelser/"
ROLES = ["citizen", "outsider", "reader", "planner", "administrator"]


@pytest.mark.parametrize("role", ROLES)
def test_only_the_central_office_reads_the_events(as_role, role, sample_plan):
    response = as_role(role).get(URL)
    if role == "citizen":
        assert response.status_code == 302
        assert response["Location"].startswith("/konto/logga-in/?next=/handelser/")
    else:
        assert response.status_code == (200 if role == "administrator" else 403)


@pytest.mark.parametrize("role", ROLES)
def test_the_start_page_links_to_the_events_for_the_central_office_alone(as_role, role, record):
    page = as_role(role).get("/").content.decode()
    assert (f'href="{URL}"' in page) == (role == "administrator")


def rows(response) -> list[Event]:
    return [row.event for row in response.context["rows"]]


def test_the_events_are_listed_newest_first_with_their_labels_and_links(central, record):
    response = central.get(URL)
    events = rows(response)
    assert events == list(Event.objects.order_by("-created_at", "-pk"))
    page = response.content.decode()
    assert "Plan adopted" in page
    assert "<code>plan.adopted</code>" in page
    report = record.reports.get(period="T1")
    assert f'<a href="{record.get_absolute_url()}">{record.title}</a>' in page
    assert f'href="{report.get_absolute_url()}"' in page
    case = record.cases.get()
    assert f'href="/planer/kommunstyrelsen/2013/beslut/arenden/{case.pk}/"' in page
    assert "Redan godkänd" in page


def test_a_code_without_a_label_is_shown_as_it_is(central, administrator):
    event_log("something.new", actor=administrator)
    assert "something.new" in central.get(URL).content.decode()


def test_the_filters_select_by_organisation_kind_person_and_refusal(central, record, reader):
    other = Organisation.objects.create(
        municipality=record.organisation.municipality, name="Annan nämnd", slug="annan"
    )
    event_log("plan.proposed", actor=reader, organisation_id=other.pk)
    assert {e.organisation_id for e in rows(central.get(URL, {"organisation": "annan"}))} == {
        other.pk
    }
    adopted = rows(central.get(URL, {"handelse": "plan.adopted"}))
    assert [e.action for e in adopted] == ["plan.adopted"]
    by_reader = rows(central.get(URL, {"person": "LEDAMOTEN"}))
    assert [e.actor_name for e in by_reader] == ["ledamoten"]
    refused = rows(central.get(URL, {"nekade": "on"}))
    assert [(e.action, e.refused) for e in refused] == [("report.approved", True)]


def test_the_period_includes_both_its_days(central, record):
    old = Event.objects.get(action="plan.adopted")
    Event.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=10))
    today = timezone.localdate()
    recent = rows(central.get(URL, {"fran": today.isoformat(), "till": today.isoformat()}))
    assert recent and old not in recent
    before = (today - timedelta(days=10)).isoformat()
    assert rows(central.get(URL, {"fran": before, "till": before})) == [old]


def test_a_failed_login_is_found_by_the_user_name_tried(central, client, db):
    event_log(
        "login.failed", actor=None, data={"username": "nisse", "ip": "10.0.0.1"}, refused=True
    )
    page = central.get(URL, {"person": "nisse"})
    assert [e.action for e in rows(page)] == ["login.failed"]
    assert "10.0.0.1" in page.content.decode()


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"fran": "2013-13-01"}, "since"),
        ({"till": "igår"}, "until"),
        ({"fran": "2013-05-02", "till": "2013-05-01"}, "until"),
        ({"organisation": "finns-inte"}, "organisation"),
        ({"handelse": "<script>"}, "action"),
    ],
)
def test_a_filter_that_cannot_be_used_says_so(central, record, query, field):
    response = central.get(URL, query)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    page = response.content.decode()
    assert 'role="alert"' in page
    assert "The filter could not be used" in page
    assert "<table" not in page
    assert "<script>" not in page


def test_the_events_come_a_hundred_a_page(central, administrator):
    Event.objects.bulk_create(Event(action="plan.proposed", actor_name="x") for _ in range(150))
    first = central.get(URL, {"handelse": "plan.proposed"})
    assert len(rows(first)) == 100
    page = first.content.decode()
    assert "?handelse=plan.proposed&amp;sida=2" in page
    second = central.get(URL, {"handelse": "plan.proposed", "sida": "2"})
    assert len(rows(second)) == 50
    assert rows(first)[-1].pk > rows(second)[0].pk


def test_a_page_takes_a_few_queries_however_many_events_it_shows(
    central, record, administrator, django_assert_max_num_queries
):
    for n in range(40):
        event_log("login.failed", actor=None, data={"username": f"u{n}", "ip": "10.0.0.2"})
    report = record.reports.get(period="T1")
    for model in (Outcome, Progress, GoalAssessment):
        for entry in model.objects.filter(report=report)[:30]:
            event_log("value.returned", actor=administrator, target=entry, reason="Fel")
    assert Event.objects.count() > 100
    with django_assert_max_num_queries(15):
        response = central.get(URL)
    assert len(response.context["rows"]) == 100
    # Every object that still exists has its link; a value links to its report.
    assert all(row.address for row in response.context["rows"] if row.event.target_type)
    assert f'href="{report.get_absolute_url()}"' in response.content.decode()


def test_the_page_keeps_the_details_but_never_a_password(central, client, db):
    client.post("/konto/logga-in/", {"username": "nisse", "password": "hemligt-lösen-42"})
    event = Event.objects.get(action="login.failed")
    assert "hemligt" not in json.dumps(event.data)
    assert "hemligt" not in central.get(URL).content.decode()
