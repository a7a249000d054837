"""The accessibility statement that the law asks for, and its way to report a problem."""

from django.core import mail

from styr.accessibility.models import Report


def test_the_statement_is_public_and_linked_from_every_page(client, db):
    assert client.get("/tillganglighet/").status_code == 200
    assert 'href="/tillganglighet/"' in client.get("/").content.decode()


def test_anyone_can_report_a_problem(client, db, settings):
    settings.ADMINS = [("Centralen", "centralen@example.se")]
    response = client.post(
        "/tillganglighet/",
        {
            "page": "/planer/kommunstyrelsen/2013/",
            "description": "Tabellen går inte att läsa med skärmläsare.",
            "contact": "",
        },
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.page == "/planer/kommunstyrelsen/2013/"
    assert mail.outbox[0].to == ["centralen@example.se"]


def test_a_report_needs_a_description(client, db):
    response = client.post("/tillganglighet/", {"page": "/", "description": ""})
    assert "description" in response.context["form"].errors
    assert not Report.objects.exists()


def report_from(
    client, address: str, description: str = "Knappen går inte att nå med tangentbordet."
):
    return client.post(
        "/tillganglighet/", {"page": "/", "description": description}, REMOTE_ADDR=address
    )


def test_a_report_longer_than_an_account_of_a_problem_is_refused(client, db):
    response = report_from(client, "192.0.2.1", "x" * 100_000)
    assert response.status_code == 200
    assert "description" in response.context["form"].errors
    assert not Report.objects.exists()


def test_one_address_sends_five_reports_an_hour_and_others_go_on(client, db):
    for _report in range(5):
        assert report_from(client, "192.0.2.1").status_code == 302
    refused = report_from(client, "192.0.2.1")
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "5 rapporter den senaste timmen" in page or "5 reports in the last hour" in page
    assert Report.objects.count() == 5
    assert report_from(client, "192.0.2.2").status_code == 302


def test_no_address_is_kept_with_a_report(client, db):
    report_from(client, "192.0.2.1")
    kept = Report.objects.values()[0]
    assert not any("192.0.2.1" in str(value) for value in kept.values())
