"""People log in with a user name and password; guessing is stopped after a few tries."""

import pytest
from django.core.management import call_command

from styr.audit.models import Event
from tests.conftest import person


@pytest.fixture
def user(db):
    return person("planeraren")


def log_in(client, password: str):
    return client.post(
        "/konto/logga-in/", {"username": "planeraren", "password": password, "next": "/"}
    )


def test_a_user_logs_in_and_out(client, user):
    assert log_in(client, "lösenord-för-test")["Location"] == "/"
    assert client.get("/").context["user"] == user
    client.post("/konto/logga-ut/")
    assert not client.get("/").context["user"].is_authenticated


def test_a_wrong_password_is_refused_with_a_message(client, user):
    response = log_in(client, "fel")
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_after_five_failures_even_the_right_password_is_refused(client, user):
    for _attempt in range(5):
        log_in(client, "fel")
    response = log_in(client, "lösenord-för-test")
    assert response.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in response.templates]
    assert not client.get("/").context["user"].is_authenticated


def test_demo_users_can_log_in_in_each_role(client, sample_plan, capsys):
    call_command("demo-users")
    printed = capsys.readouterr().out
    assert "användarnamn planerare  lösenord demo-planerare" in printed
    for username in ("centralen", "planerare", "ledamot"):
        password = f"demo-{username}"
        response = client.post("/konto/logga-in/", {"username": username, "password": password})
        assert response.status_code == 302, username
        client.post("/konto/logga-ut/")


def log_in_as(client, username: str, *, right: bool = False, address: str = "192.0.2.1"):
    """Log in from an address, with the right password (planeraren's) or a wrong one."""
    password = "lösenord-för-test" if right else "fel"
    return client.post(
        "/konto/logga-in/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_an_address_that_fails_with_many_user_names_is_locked_out(client, user):
    for n in range(29):
        assert log_in_as(client, f"gissning{n}").status_code == 200
    assert log_in_as(client, "gissning29").status_code == 429
    locked = Event.objects.get(action="login.locked_out")
    assert locked.data == {"username": "gissning29", "ip": "192.0.2.1"}
    assert log_in_as(client, "planeraren", right=True).status_code == 429
    assert log_in_as(client, "planeraren", right=True, address="192.0.2.2").status_code == 302


def test_an_office_behind_one_address_survives_its_peoples_mistakes(client, user):
    for n in range(10):
        for _attempt in range(2):
            log_in_as(client, f"kollega{n}")
    assert log_in_as(client, "planeraren", right=True).status_code == 302


def test_a_login_does_not_forget_the_failures_of_its_address(client, user):
    for n in range(29):
        log_in_as(client, f"gissning{n}")
    assert log_in_as(client, "planeraren", right=True).status_code == 302
    client.post("/konto/logga-ut/")
    assert log_in_as(client, "gissning29").status_code == 429
