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
