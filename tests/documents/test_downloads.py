"""Everyone who may read a plan or a report downloads it in every format its page lists, under
a name that says what it is; nobody else does, and a download never changes anything."""

import pytest

from styr.documents.exporters import exporter_for
from styr.documents.links import downloads_of, export_url
from styr.documents.models import Rendition
from styr.documents.subjects import DecisionSubject, PlanSubject, ReportSubject
from styr.followup.choices import Period
from styr.followup.services import report_open
from styr.planning.editing import item_update

ROLES = ["citizen", "outsider", "reader", "planner", "administrator"]
MEMBERS = {"reader", "planner", "administrator"}


def fast_downloads(subject):
    return [download for download in downloads_of(subject) if not download.slow]


@pytest.mark.parametrize("role", ROLES)
def test_a_draft_plan_downloads_only_for_its_members(as_role, sample_plan, role):
    client = as_role(role)
    for download in fast_downloads(PlanSubject(sample_plan)):
        status = client.get(download.url).status_code
        assert status == (200 if role in MEMBERS else 403), (download.label, status)


@pytest.mark.parametrize("role", ROLES)
def test_an_adopted_plan_and_its_approved_report_download_for_everyone(
    as_role, annual_report, role
):
    client = as_role(role)
    subjects = [PlanSubject(annual_report.plan), ReportSubject(annual_report)]
    for download in [d for subject in subjects for d in fast_downloads(subject)]:
        assert client.get(download.url).status_code == 200, download.label


@pytest.mark.parametrize("role", ROLES)
def test_a_report_in_draft_downloads_only_for_the_members(as_role, adopted_plan, role):
    report = report_open(plan=adopted_plan, period=Period.T1)
    client = as_role(role)
    for download in fast_downloads(ReportSubject(report)):
        status = client.get(download.url).status_code
        assert status == (200 if role in MEMBERS else 403), (download.label, status)


def test_the_file_is_named_for_what_it_is(client, adopted_plan, annual_report):
    plan = client.get("/planer/kommunstyrelsen/2013/ladda-ned/json/")
    assert plan["Content-Disposition"] == (
        'attachment; filename="kommunstyrelsen-2013-verksamhetsplan-antagen.json"'
    )
    report = client.get("/planer/kommunstyrelsen/2013/uppfoljning/ar/ladda-ned/json/")
    assert report["Content-Disposition"] == (
        'attachment; filename="kommunstyrelsen-2013-verksamhetsberattelse-godkand.json"'
    )


def test_a_kept_version_downloads_as_it_was_kept(client, adopted_plan):
    proposal = adopted_plan.versions.get(status="proposal")
    answer = client.get(f"/planer/kommunstyrelsen/2013/ladda-ned/json/?version={proposal.number}")
    assert answer.json() == proposal.document
    assert "verksamhetsplan-forslag-version" not in answer["Content-Disposition"]
    assert "verksamhetsplan-forslag.json" in answer["Content-Disposition"]
    assert client.get("/planer/kommunstyrelsen/2013/ladda-ned/json/?version=99").status_code == 404


def test_an_unknown_format_is_not_found(client, adopted_plan):
    assert client.get("/planer/kommunstyrelsen/2013/ladda-ned/mp3/").status_code == 404


def test_the_plan_and_report_pages_link_every_listed_download(client, annual_report):
    plan_page = client.get("/planer/kommunstyrelsen/2013/").content.decode()
    for download in downloads_of(PlanSubject(annual_report.plan)):
        assert f'href="{download.url.replace("&", "&amp;")}"' in plan_page, download.label
    report_page = client.get(annual_report.get_absolute_url()).content.decode()
    for download in downloads_of(ReportSubject(annual_report)):
        assert f'href="{download.url.replace("&", "&amp;")}"' in report_page, download.label


def slow_url(subject):
    """The address of the plan's PDF, a slow format: made in a task when asked for."""
    assert exporter_for("plan", "pdf").slow
    return export_url(subject, "pdf")


def test_a_slow_file_is_made_when_asked_for_not_on_a_visit(client, adopted_plan):
    url = slow_url(PlanSubject(adopted_plan))
    offer = client.get(url)
    assert offer.status_code == 200 and b'method="post"' in offer.content
    assert not Rendition.objects.exists(), "a GET made a file"
    asked = client.post(url)
    assert asked.status_code == 302 and asked["Location"] == url
    made = client.get(url)
    assert made.status_code == 200
    assert made["Content-Disposition"].startswith("attachment")
    assert Rendition.objects.count() == 1


def test_a_changed_plan_makes_a_new_file_in_place_of_the_old(client, planner, sample_plan):
    url = slow_url(PlanSubject(sample_plan))
    client.force_login(planner)
    client.post(url)
    assert client.get(url).status_code == 200
    goal = sample_plan.directions.first().goals.first()
    item_update(item=goal, data={"title": "Ett nytt namn på målet"}, version=goal.version)
    assert client.get(url).status_code == 200
    assert b'method="post"' in client.get(url).content
    client.post(url)
    assert Rendition.objects.count() == 1


@pytest.mark.parametrize("role", ROLES)
def test_the_decision_in_force_downloads_for_everyone(as_role, adopted_plan, role):
    [download] = downloads_of(DecisionSubject(adopted_plan.cases.get()))
    answer = as_role(role).get(download.url)
    assert answer.status_code == 200
    assert answer.json()["title"] == adopted_plan.cases.get().title
    page = as_role(role).get("/planer/kommunstyrelsen/2013/beslut/").content.decode()
    assert f'href="{download.url}"' in page


def test_a_decision_of_another_plan_is_not_found_under_this_one(client, adopted_plan):
    case = adopted_plan.cases.get()
    url = f"/planer/kommunstyrelsen/2012/beslut/{case.pk}/ladda-ned/json/"
    assert client.get(url).status_code == 404


def test_the_versions_page_links_each_kept_versions_documents(client, adopted_plan):
    page = client.get("/planer/kommunstyrelsen/2013/beslut/versioner/").content.decode()
    for version in adopted_plan.versions.all():
        for download in downloads_of(PlanSubject(adopted_plan, version), tables=False):
            assert f'href="{download.url}"' in page, (version.number, download.label)
    proposal = adopted_plan.versions.get(status="proposal")
    answer = client.get(f"/planer/kommunstyrelsen/2013/ladda-ned/json/?version={proposal.number}")
    assert answer.json() == proposal.document
