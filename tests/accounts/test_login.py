"""People log in with a user name and password; guessing is stopped after a few tries."""

import pytest
from django.core.management import call_command

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
