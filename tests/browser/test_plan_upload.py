"""Uploading a plan in the browser: the central office previews a document with a warning and
imports it; a document with problems is refused with every problem listed, and nothing saved.

Pages are found by their addresses, ids and fields, so that the tests do not depend on how the
new words are translated; axe-core checks each page.
"""

import pytest
from playwright.sync_api import expect

from styr.decisions.models import Case
from styr.organisations.services import organisation_get_or_create
from styr.planning.models import Plan
from tests.browser.axe import assert_accessible
from tests.browser.conftest import log_in
from tests.conftest import person

UPLOAD = "/planer/importera/"


@pytest.fixture
def board(transactional_db):
    return organisation_get_or_create(municipality_name="Stockholms stad", name="Kommunstyrelsen")


@pytest.fixture
def central(page, board):
    """The page, logged in as the central office."""
    log_in(page, person("centralen", superuser=True))
    return page


def upload(page, board, name: str, content: bytes, mime: str) -> None:
    page.goto(UPLOAD)
    page.set_input_files(
        "#id_document", files=[{"name": name, "mimeType": mime, "buffer": content}]
    )
    page.select_option("#id_organisation", str(board.pk))
    page.locator("main form.form button[type=submit]").click()
    page.wait_for_load_state()


TOTAL = "KS förslag till budget 1 385,60 -46,60 1 339,00 \n"


def test_a_plan_with_a_warning_is_previewed_and_imported_on_confirmation(
    central, board, sample_text, sample_document
):
    page = central
    upload(page, board, "plan.txt", sample_text.replace(TOTAL, "", 1).encode(), "text/plain")
    warnings = page.locator("section.import-warnings")
    expect(warnings).to_contain_text("rad 2172")
    expect(warnings).to_contain_text("budgeten har ingen summarad")
    expect(page.locator(".import-counts")).to_contain_text("30")
    expect(page.locator(".import-tree")).to_contain_text(sample_document.directions[0].title)
    assert not Plan.objects.exists()
    assert_accessible(page)
    page.locator("form[action$='/importera/spara/'] button[type=submit]").click()
    page.wait_for_load_state()
    plan = Plan.objects.get(organisation=board)
    assert page.url.endswith(plan.get_absolute_url())
    expect(page.locator(".messages")).to_contain_text("plan.txt")
    assert plan.status == "proposal"
    assert_accessible(page)


def test_a_refused_plan_lists_every_problem_and_saves_nothing(central, board, sample_text):
    page = central
    broken = sample_text.replace(
        "dens medarbetare. \n\n2013-01-01 2013-12-31", "dens medarbetare.", 1
    ).replace(
        "Verksamhetsplan 2013 för kommunstyrelsen", "Verksamhetsplan 2013 för utbildningsnämnden", 1
    )
    upload(page, board, "plan.txt", broken.encode(), "text/plain")
    problems = page.locator("#problems")
    expect(problems).to_be_focused()
    expect(problems).to_contain_text("slutar inte med ett startdatum och ett slutdatum")
    expect(problems).to_contain_text("inte för Kommunstyrelsen")
    expect(page.locator("form[action$='/importera/spara/']")).to_have_count(0)
    expect(page.locator("#id_document")).to_be_visible()
    assert_accessible(page)
    assert not Plan.objects.exists() and not Case.objects.exists()
