"""A failed login is an event with the user name tried and the address, never the password;
a lockout by django-axes is one too."""

import json

from styr.audit.models import Event
from tests.conftest import person

PASSWORD = "lösenord-för-test"  # noqa: S105 (the test users' password)
WRONG = "hemligt-fel-lösen"


def log_in(client, username: str, password: str):
    return client.post(
        "/konto/logga-in/",
        {"username": username, "password": password},
        REMOTE_ADDR="192.0.2.7",
    )


def test_a_wrong_password_is_logged_with_the_name_and_address_but_not_the_password(client, db):
    person("planeraren")
    assert log_in(client, "planeraren", WRONG).status_code == 200
    event = Event.objects.get(action="login.failed")
    assert event.refused
    assert event.actor is None
    assert event.data == {"username": "planeraren", "ip": "192.0.2.7"}
    assert WRONG not in json.dumps(event.data) + event.reason + event.target_repr


def test_a_user_name_nobody_has_is_logged_too(client, db):
    log_in(client, "finns-inte", WRONG)
    assert Event.objects.get(action="login.failed").data["username"] == "finns-inte"


def test_a_lockout_is_logged(client, db):
    person("planeraren")
    for _attempt in range(5):
        log_in(client, "planeraren", WRONG)
    assert Event.objects.filter(action="login.failed").count() == 5
    locked = Event.objects.get(action="login.locked_out")
    assert locked.data == {"username": "planeraren", "ip": "192.0.2.7"}
    assert log_in(client, "planeraren", PASSWORD).status_code == 429
    assert Event.objects.filter(action="login.locked_out").count() == 2


def test_a_successful_login_logs_no_failure(client, db):
    person("planeraren")
    assert log_in(client, "planeraren", PASSWORD).status_code == 302
    assert not Event.objects.filter(action__startswith="login.").exists()
