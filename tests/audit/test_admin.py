"""The admin shows the events to read; nobody adds, changes or removes one there."""

import pytest

from styr.audit.models import Event
from styr.audit.services import event_log


@pytest.fixture
def staff(administrator):
    """The central office's administrator, who also uses the admin."""
    administrator.is_staff = True
    administrator.save()
    return administrator


@pytest.fixture
def event(administrator):
    return event_log("plan.adopted", actor=administrator, reason="Beslut")


def test_the_events_are_listed_and_shown_read_only(client, staff, event):
    client.force_login(staff)
    assert client.get("/admin/audit/event/").status_code == 200
    page = client.get(f"/admin/audit/event/{event.pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()


def test_nobody_adds_changes_or_removes_an_event_in_the_admin(client, staff, event):
    client.force_login(staff)
    assert client.get("/admin/audit/event/add/").status_code == 403
    client.post(f"/admin/audit/event/{event.pk}/change/", {"action": "plan.revised"})
    assert client.post(f"/admin/audit/event/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    event.refresh_from_db()
    assert event.action == "plan.adopted"
    # The attempts are refusals, and logged as such.
    assert Event.objects.filter(refused=True).count() == 2
