"""Every view of the site, asked with generated addresses, queries and forms: never a 5xx.

The patterns come from the resolver, so a page added later is fuzzed too. The database holds
the sample plan adopted through the services, its T1 report with values submitted and one
returned, and a draft for 2014 with a decision being recorded; a crawl of the site's own
pages finds real values for each pattern's arguments and the forms that post to it. Each
example then asks one view as one role (a citizen, the board's planner, the central office):
a GET with a generated query, or a POST built from the view's own forms (fields left out,
odd values, unknown names), sometimes as htmx. No answer may be a server error, and no GET
may write a row of the record, its history or its events.
"""

import os
import traceback
from io import StringIO
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from hypothesis import given
from hypothesis import strategies as st

from styr.accounts.models import User
from styr.decisions.document import AmendmentDoc
from styr.decisions.services import (
    amendment_add,
    case_record,
    decision_point_add,
    plan_adopt,
    reservation_add,
)
from styr.followup.choices import Period
from styr.followup.services import report_open
from styr.organisations.services import organisation_get_or_create
from styr.planning.editing import plan_create
from styr.planning.lifecycle import plan_step
from styr.planning.services import plan_import
from tests import test_demo_pages
from tests.conftest import person
from tests.hostile.web import (
    ODD_VALUES,
    Site,
    address,
    fingerprint,
    fingerprint_sql,
    leaves,
    parameters_read,
    targets,
)

PATTERNS = leaves()
# One test per view; the views of a model's admin share one (they share its code).
TARGETS = targets(PATTERNS)

# `make test` asks as three roles; `make test-long` adds the board's reader and another board.
# A model's admin sends everyone but the central office to the login before any of its code
# runs, so `make test` asks it as the central office only.
LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"
ROLES = ["anonymous", "planerare", "centralen", *(["ledamot", "annan"] if LONG else [])]
MODEL_ADMIN_ROLES = ROLES if LONG else ["centralen"]


def world(sample_document) -> None:
    """Build the state the views are asked about, through the services."""
    quiet = {"stdout": StringIO(), "stderr": StringIO()}
    plan = plan_import(document=sample_document)
    call_command("demo-users", **quiet)
    plan_adopt(plan=plan)
    plan.refresh_from_db()
    test_demo_pages.comment_every_kind(report_open(plan=plan, period=Period.T1))
    draft = plan_create(organisation=plan.organisation, year=2014, copy_from=plan)
    proposal = plan_step(plan=draft, step="propose", actor=None)
    case = case_record(plan=proposal, fields={"title": "Verksamhetsplan 2014", "decided_by": "KS"})
    decision_point_add(case=case, text="Verksamhetsplanen godkänns.")
    decision_point_add(case=case, text="Ärendet förklaras omedelbart justerat.")
    reservation_add(case=case, forum="KS", party="Partiet", members=["Anna Andersson"])
    survey = AmendmentDoc(2, "remove_activity", "2.4", activity="Genomföra medarbetarenkäten.")
    amendment_add(case=case, amendment=survey)
    board = organisation_get_or_create(
        municipality_name="Stockholms stad", name="Utbildningsnämnden"
    )
    person("annan", organisation=board, role="planner")


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker, sample_document):
    """The state and the crawl, made once for the module and undone after it."""
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), transaction.atomic(), fast:
        world(sample_document)
        found = Site(PATTERNS, read=parameters_read(), fingerprint_query=fingerprint_sql())
        for username in ROLES[1:]:
            client = Client()
            client.force_login(User.objects.get(username=username))
            found.cookies[username] = client.cookies
        crawler = found.client("centralen", raise_request_exception=False)
        found.crawl(crawler, ["/", "/admin/", "/handelser/", "/konto/logga-in/"])
        yield found
        transaction.set_rollback(True)


HOSTILE = [
    "",
    " ",
    "²",
    "١٢",
    "\u0663.\u0665",  # 3.5 in Arabic-Indic digits
    "१२३",
    "1" * 26,
    "-" + "9" * 26,
    "0." + "1" * 25,
    str(2**63),
    "-1",
    "0",
    "1e400",
    "NaN",
    "Infinity",
    "1,5",
    "1 000",
    "2013-02-30",
    "2013-13-01",
    "0000-00-00",
    "99999-01-01",
    "2013-Q5",
    "\x00",
    "a\x00b",
    "%00",
    "%",
    "%zz",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    "x" * 5000,
    "\u202e\ufeff\u200b",
    "\ud7ff\U0001f600",
]
TEXT = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=30), st.integers().map(str))


def field_value(form_field) -> st.SearchStrategy:
    """Return a strategy for what a field is sent: its own value or option, or something odd."""
    own = [form_field.value, *form_field.options]
    if form_field.kind == "date":
        own += ["2013-02-30", "2013-2-3", "9999-12-31"]
    return st.one_of(st.sampled_from(own), TEXT)


def post_data(site, pattern_id: str, data) -> dict:
    """Draw a form body: fields of a form posting to the view, left out or odd; unknown names."""
    body = {}
    forms = site.forms.get(pattern_id, [])
    if forms:
        form = data.draw(st.sampled_from(forms), label="form")
        for form_field in form.fields:
            if data.draw(st.integers(0, 5)) == 0:
                continue  # left out, hidden version fields too
            if form_field.kind == "file":
                content = data.draw(st.binary(max_size=200))
                name = data.draw(st.sampled_from(["utfall.xlsx", "x.txt", "²"]))
                body[form_field.name] = SimpleUploadedFile(name, content)
                continue
            values = data.draw(st.lists(field_value(form_field), min_size=1, max_size=2))
            body[form_field.name] = values if len(values) > 1 else values[0]
    extra = data.draw(st.dictionaries(st.text(min_size=1, max_size=8), TEXT, max_size=2))
    return {**extra, **body}


def query(site, pattern_id: str, data) -> str:
    """Draw a query string from the names the code and the pages read, and any others."""
    known = sorted(site.read | site.parameters.get(pattern_id, set()))
    name = st.one_of(st.sampled_from(known), st.text(min_size=1, max_size=8))
    pairs = data.draw(st.lists(st.tuples(name, TEXT), max_size=5), label="query")
    raw = data.draw(st.sampled_from(["", "&%", "&a=%zz", "&%ff%fe=1", "&mal=%00", "&&="]))
    return urlencode(pairs) + raw


def path(site, pattern, data) -> str:
    """Draw the view's address: real values of its arguments, one of them maybe odd."""
    values = dict(data.draw(st.sampled_from(site.samples(pattern)), label="values"))
    arguments = site.arguments(pattern)
    if arguments and data.draw(st.booleans()):
        name = data.draw(st.sampled_from(sorted(arguments)))
        values[name] = data.draw(st.sampled_from(arguments[name] + ODD_VALUES), label=name)
    return address(pattern, values)


def ask(client: Client, method: str, url: str, body, htmx: bool):
    headers = {"HX-Request": "true"} if htmx else {}
    if method == "GET":
        return client.get(url, headers=headers)
    if isinstance(body, str):
        kind = "application/x-www-form-urlencoded"
        return client.post(url, body, content_type=kind, headers=headers)
    return client.post(url, body, headers=headers)


@pytest.mark.hostile
@pytest.mark.parametrize("target", TARGETS, ids=list(TARGETS))
@given(data=st.data())
def test_no_view_answers_a_server_error_and_no_get_writes(site, db, target, data):
    patterns = TARGETS[target]
    for pattern in patterns:
        unfilled = site.unfilled(pattern)
        assert not unfilled, (
            f"{pattern.id}: nothing on the site gives a value for {unfilled}; link to it from "
            "a page, or say where its values come from in tests/hostile/web.py (UNLINKED)"
        )
    pattern = data.draw(st.sampled_from(patterns), label="pattern")
    roles = MODEL_ADMIN_ROLES if target.startswith("admin ") and target != "admin site" else ROLES
    role = data.draw(st.sampled_from(roles), label="role")
    method = data.draw(st.sampled_from(["GET", "POST"]), label="method")
    url = path(site, pattern, data) + "?" + query(site, pattern.id, data)
    body = post_data(site, pattern.id, data) if method == "POST" else None
    if body and data.draw(st.booleans()) and not any(hasattr(v, "read") for v in body.values()):
        body = urlencode(body, doseq=True)
    htmx = data.draw(st.booleans(), label="htmx")
    client = site.client(role)
    with transaction.atomic():
        before = fingerprint(site.fingerprint_query)
        try:
            response = ask(client, method, url, body, htmx)
        except Exception:
            pytest.fail(f"{method} {url} as {role} raised:\n{traceback.format_exc()}")
        assert response.status_code < 500, f"{method} {url} as {role}: {response.status_code}"
        if method == "GET":
            assert fingerprint(site.fingerprint_query) == before, f"GET {url} as {role} wrote"
        transaction.set_rollback(True)
