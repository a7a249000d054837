"""Shared fixtures: the sample plan (the Stockholm executive board's plan for 2013)."""

import os
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from styr.planning.parsing import read_plan_file
from styr.planning.services import plan_import

# Hostile-input tests: a modest number of examples in `make test`, many more in `make test-long`.
# Examples share a test's database fixtures, each inside its own rolled-back transaction.
_HYPOTHESIS_SHARED = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    "derandomize": True,
}
hypothesis_settings.register_profile("default", max_examples=25, **_HYPOTHESIS_SHARED)
hypothesis_settings.register_profile(
    "long", max_examples=500, **{**_HYPOTHESIS_SHARED, "derandomize": False}
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

SAMPLE = (
    Path(__file__).resolve().parent.parent / "styr/samples/stockholm-ks-verksamhetsplan-2013.txt"
)


@pytest.fixture(autouse=True)
def default_language():
    """Start each test in the site's language: a page asked for in English leaves English on."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture
def in_english():
    """Read messages in English, whatever the Swedish catalogue holds: a module that checks
    what a reader or a service says marks itself with `usefixtures("in_english")`."""
    with translation.override("en"):
        yield


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_document():
    """The sample read into a PlanDocument; read once, not to be changed by tests."""
    reading = read_plan_file(SAMPLE)
    assert reading.ok, reading.problems
    reading.document.municipality = "Stockholms stad"
    return reading.document


@pytest.fixture
def sample_plan(db, sample_document):
    """The sample saved as a plan."""
    return plan_import(document=sample_document)


@pytest.fixture
def adopted_plan(sample_plan):
    """The sample plan as adopted by its decision, with the decision's amendments carried out:
    what every visitor, logged in or not, may read."""
    from styr.decisions.services import plan_adopt
    from styr.planning.choices import PlanStatus

    sample_plan.refresh_from_db()
    if sample_plan.status != PlanStatus.ADOPTED:
        plan_adopt(plan=sample_plan)
        sample_plan.refresh_from_db()
    return sample_plan


@pytest.fixture
def year_of_reports(adopted_plan):
    """T1, T2 and the annual report, each filled with made-up values and approved."""
    from styr.followup.choices import Period
    from styr.followup.services import report_open
    from styr.followup.synthetic import report_fill

    return {
        period: report_fill(report_open(plan=adopted_plan, period=period), seed=n, approved=True)
        for n, period in enumerate(Period, start=1)
    }


class Run:
    """The outcome of a management command: its output, or the error it stopped with."""

    def __init__(self, *args: str):
        self.stdout, self.stderr = StringIO(), StringIO()
        self.error = None
        try:
            call_command(*args, stdout=self.stdout, stderr=self.stderr)
        except Exception as error:  # the test looks at what was raised
            self.error = error
        self.out = self.stdout.getvalue()
        self.err = self.stderr.getvalue()


@pytest.fixture
def styr():
    """Run a styr command in the test database: styr("import-plan", path)."""
    return Run


def person(username: str, *, organisation=None, role: str = "", superuser: bool = False):
    """Create a user, with a role in an organisation if given."""
    from styr.accounts.models import Membership, User

    user = User.objects.create_user(
        username, f"{username}@example.se", "lösenord-för-test", is_superuser=superuser
    )
    if organisation is not None:
        Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def administrator(db):
    """Someone at the central office: may do everything."""
    return person("centralen", superuser=True)


@pytest.fixture
def planner(sample_plan):
    """A planner at the office that serves the executive board."""
    return person("planeraren", organisation=sample_plan.organisation, role="planner")


@pytest.fixture
def reader(sample_plan):
    """A politician of the executive board: reads its drafts."""
    return person("ledamoten", organisation=sample_plan.organisation, role="reader")


@pytest.fixture
def outsider(sample_plan):
    """A planner of another board, who has no business with the executive board's drafts."""
    from styr.organisations.services import organisation_get_or_create

    board = organisation_get_or_create(
        municipality_name="Stockholms stad", name="Utbildningsnämnden"
    )
    return person("annan", organisation=board, role="planner")


@pytest.fixture
def as_role(client, request):
    """Log the test client in as a persona by name; a citizen is not logged in."""

    def log_in(role: str):
        if role != "citizen":
            client.force_login(request.getfixturevalue(role))
        return client

    return log_in


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hash test passwords quickly; production keeps Django's slow, safe hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def staff(client, django_user_model):
    """A client logged in as a superuser, for the admin."""
    user = django_user_model.objects.create_superuser("admin", "admin@example.se", "secret")
    client.force_login(user)
    client.user = user
    return client
