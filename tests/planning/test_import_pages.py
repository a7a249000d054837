"""The upload page: a plan document is previewed with all it holds and every problem, and
saved only when the user confirms, exactly as previewed, by someone who may add the plan."""

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from styr.audit.models import Event
from styr.decisions.models import Case
from styr.decisions.services import plan_adopt
from styr.organisations.services import organisation_get_or_create
from styr.planning import import_payload
from styr.planning.import_payload import Previewed, payload_dumps
from styr.planning.models import Activity, Indicator, Plan
from tests.conftest import person
from tests.planning.pdfs import pdf_of
from tests.planning.words import docx_of

UPLOAD = "/planer/importera/"
CONFIRM = "/planer/importera/spara/"
ROLES = ["citizen", "reader", "outsider", "board_planner", "administrator"]
MAY_UPLOAD = {"outsider", "board_planner", "administrator"}
MAY_IMPORT_FOR_BOARD = {"board_planner", "administrator"}


pytestmark = pytest.mark.usefixtures("in_english")


@pytest.fixture
def board(db):
    """The executive board, with no plan yet."""
    return organisation_get_or_create(municipality_name="Stockholms stad", name="Kommunstyrelsen")


@pytest.fixture
def board_planner(board):
    return person("planeraren", organisation=board, role="planner")


@pytest.fixture
def reader(board):
    return person("ledamoten", organisation=board, role="reader")


@pytest.fixture
def outsider(db):
    other = organisation_get_or_create(
        municipality_name="Stockholms stad", name="Utbildningsnämnden"
    )
    return person("annan", organisation=other, role="planner")


@pytest.fixture
def log_in(client, request, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    def log_in(role: str):
        if role != "citizen":
            client.force_login(request.getfixturevalue(role))
        return client

    return log_in


def upload(client, organisation, content, *, name="plan.txt", year=""):
    if isinstance(content, str):
        content = content.encode()
    document = SimpleUploadedFile(name, content)
    data = {"document": document, "organisation": organisation.pk, "year": year}
    return client.post(UPLOAD, data)


def rows() -> tuple[int, int, int]:
    return Plan.objects.count(), Case.objects.count(), Event.objects.count()


def text(response) -> str:
    return re.sub(r"[ \t\r\n]+", " ", response.content.decode())


def test_the_preview_shows_what_the_document_holds_and_saves_nothing(
    log_in, board, administrator, sample_text
):
    client = log_in("administrator")
    before = rows()
    response = upload(client, board, sample_text)
    assert response.status_code == 200
    assert rows() == before
    page = text(response)
    assert '<td class="number">30</td>' in page  # indicators
    assert '<td class="number">90</td>' in page  # activities
    summary = response.context["summary"]
    assert summary.ok and not summary.problems
    first = summary.document.directions[0]
    assert f"{first.number}: {first.title}" in page
    assert f"{first.goals[0].number} {first.goals[0].title}" in page
    assert summary.total.net in page and "\u00a0" in summary.total.net
    assert '<li value="1">' in page
    assert "Borgarrådsberedningen: S, MP" in page
    assert 'name="payload"' in page


def test_confirming_saves_exactly_the_previewed_plan_and_decision_as_the_user(
    log_in, board, administrator, sample_text
):
    client = log_in("administrator")
    preview = upload(client, board, sample_text)
    document = preview.context["summary"].document
    response = client.post(CONFIRM, {"payload": preview.context["payload"]})
    plan = Plan.objects.get(organisation=board, year=document.year)
    assert response.status_code == 302 and response.url == plan.get_absolute_url()
    assert plan.status == "proposal"
    assert Indicator.objects.count() == len(document.indicators()) == 30
    assert Activity.objects.count() == 90
    case = plan.cases.get()
    assert case.decision_points.filter(reservation=None).count() == 7
    assert case.amendments.count() == 3
    imported = Event.objects.get(action="plan.imported")
    assert imported.actor == administrator and imported.target_id == plan.pk


def test_a_planner_imports_the_plan_but_the_central_office_records_its_decision(
    log_in, board, board_planner, sample_text
):
    client = log_in("board_planner")
    preview = upload(client, board, sample_text)
    assert "Only the central office records decisions" in text(preview)
    client.post(CONFIRM, {"payload": preview.context["payload"]})
    plan = Plan.objects.get(organisation=board)
    assert not plan.cases.exists()
    assert Event.objects.get(action="plan.imported").actor == board_planner


def corrupt(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new, 1)


def test_a_refused_document_shows_the_readers_and_the_imports_problems_at_once(
    log_in, administrator, sample_plan, sample_text
):
    """The board's plan for the year is adopted (only a decision changes it), and a table
    row lacks its dates: both are shown, nothing is saved, and nothing can be confirmed."""
    plan_adopt(plan=sample_plan)
    client = log_in("administrator")
    broken = corrupt(
        sample_text, "dens medarbetare. \n\n2013-01-01 2013-12-31", "dens medarbetare."
    )
    before = rows()
    response = upload(client, sample_plan.organisation, broken)
    assert rows() == before
    problems = [str(p) for p in response.context["summary"].problems]
    assert any("does not end with a start and an end date" in p for p in problems)
    assert any(f"plan {sample_plan.pk} is adopted" in p for p in problems)
    page = text(response)
    assert "Nothing can be imported: the document has" in page
    assert 'name="payload"' not in page
    assert 'type="file"' in page  # the form, to upload it again


def test_a_document_of_another_body_than_the_chosen_is_refused(
    log_in, administrator, outsider, sample_text
):
    other = outsider.memberships.get().organisation
    response = upload(log_in("administrator"), other, sample_text)
    problems = [str(p) for p in response.context["summary"].problems]
    assert "the document is the plan of Kommunstyrelsen, not of Utbildningsnämnden" in problems
    assert not Plan.objects.exists()


def test_a_plan_not_adopted_yet_is_offered_for_replacement(
    log_in, administrator, sample_plan, sample_text
):
    client = log_in("administrator")
    preview = upload(client, sample_plan.organisation, sample_text)
    assert preview.context["replace"]
    assert "confirming replaces its content" in text(preview)
    Case.objects.filter(plan=sample_plan).delete()
    client.post(CONFIRM, {"payload": preview.context["payload"]})
    assert Plan.objects.get().pk == sample_plan.pk
    assert Indicator.objects.count() == 30


def test_a_file_over_the_limit_is_named_in_an_error_summary_linked_to_its_field(
    log_in, board, administrator, settings
):
    settings.STYR_UPLOAD_MAX_BYTES = 100
    response = upload(log_in("administrator"), board, "x" * 200)
    page = text(response)
    assert '<a href="#id_document">' in page
    assert "plan.txt is 200" in page
    assert "summary" not in response.context


def payload_for(user, board, sample_document) -> str:
    document = sample_document
    document.municipality = "Stockholms stad"
    return payload_dumps(Previewed(document, None, board.pk, False, "plan.txt", []), user=user)


def test_a_changed_payload_is_refused_with_a_message(log_in, board, administrator, sample_document):
    client = log_in("administrator")
    payload = payload_for(administrator, board, sample_document)
    response = client.post(CONFIRM, {"payload": payload[:-3] + "abc"}, follow=True)
    assert "The preview was changed or is not yours" in text(response)
    assert not Plan.objects.exists()


def test_a_payload_previewed_by_someone_else_is_refused(
    log_in, board, administrator, board_planner, sample_document
):
    client = log_in("board_planner")
    payload = payload_for(administrator, board, sample_document)
    response = client.post(CONFIRM, {"payload": payload}, follow=True)
    assert "The preview was changed or is not yours" in text(response)
    assert not Plan.objects.exists()


def test_an_expired_payload_is_refused_with_a_message(
    log_in, board, administrator, sample_document, monkeypatch
):
    client = log_in("administrator")
    payload = payload_for(administrator, board, sample_document)
    monkeypatch.setattr(import_payload, "MAX_AGE", -1)
    response = client.post(CONFIRM, {"payload": payload}, follow=True)
    assert "The preview is more than an hour old" in text(response)
    assert not Plan.objects.exists()


def test_a_json_plan_that_says_adopted_is_previewed_with_a_warning(
    log_in, board, administrator, sample_document
):
    data = sample_document.to_json() | {"status": "adopted"}
    response = upload(log_in("administrator"), board, json.dumps(data), name="plan.json")
    assert "the document says the plan is adopted" in text(response)
    assert "One warning" in text(response)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_open_the_upload_page(log_in, role, board, reader, outsider, board_planner):
    response = log_in(role).get(UPLOAD)
    assert response.status_code == (200 if role in MAY_UPLOAD else 403)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_preview_a_plan_for_the_board(
    log_in, role, board, reader, outsider, board_planner, administrator, sample_text
):
    response = upload(log_in(role), board, sample_text)
    if role not in MAY_UPLOAD:
        assert response.status_code == 403
        return
    assert response.status_code == 200
    # Another board's planner is not offered the board: the form refuses it.
    assert bool(response.context.get("payload")) == (role in MAY_IMPORT_FOR_BOARD)
    assert not Plan.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_who_may_confirm_a_plan_for_the_board(
    log_in, role, board, reader, outsider, board_planner, administrator, sample_document
):
    client = log_in(role)
    user = response_user(role, reader, outsider, board_planner, administrator)
    payload = payload_for(user, board, sample_document) if user else "x"
    response = client.post(CONFIRM, {"payload": payload})
    if role in MAY_IMPORT_FOR_BOARD:
        assert response.status_code == 302
        assert Plan.objects.filter(organisation=board).exists()
    else:
        assert response.status_code == 403
        assert not Plan.objects.exists()


def response_user(role, reader, outsider, board_planner, administrator):
    return {
        "reader": reader,
        "outsider": outsider,
        "board_planner": board_planner,
        "administrator": administrator,
    }.get(role)


def test_the_upload_page_takes_few_queries(
    log_in, board, board_planner, django_assert_max_num_queries
):
    client = log_in("board_planner")
    with django_assert_max_num_queries(15):
        assert client.get(UPLOAD).status_code == 200


def test_the_chosen_year_is_used_when_the_title_lacks_it(log_in, board, administrator, sample_text):
    untitled = corrupt(sample_text, "Verksamhetsplan 2013 för kommunstyrelsen", "Verksamhetsplan")
    client = log_in("administrator")
    refused = upload(client, board, untitled)
    assert any("found no title" in str(p) for p in refused.context["summary"].problems)
    response = upload(client, board, untitled, year="2013")
    summary = response.context["summary"]
    assert summary.ok, summary.problems
    assert (summary.document.organisation, summary.document.year) == ("Kommunstyrelsen", 2013)


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_a_pdf_or_word_plan_is_previewed_like_its_text(
    log_in, board, administrator, sample_text, sample_document, kind
):
    content = pdf_of(sample_text) if kind == "pdf" else docx_of(sample_text)
    response = upload(log_in("administrator"), board, content, name=f"plan.{kind}")
    summary = response.context["summary"]
    assert summary.ok, summary.problems
    assert summary.document.counts() == sample_document.counts()


def test_a_readers_warning_is_previewed_with_its_line_and_imported(
    log_in, board, administrator, sample_text
):
    total = "KS förslag till budget 1 385,60 -46,60 1 339,00 \n"
    client = log_in("administrator")
    preview = upload(client, board, corrupt(sample_text, total, ""))
    page = text(preview)
    assert "<td>line 2172</td><td>the budget has no total" in page
    assert "Sum of the lines" in page
    client.post(CONFIRM, {"payload": preview.context["payload"]})
    assert Plan.objects.get(organisation=board).budget_lines.count() == 13


def test_an_empty_file_is_refused_with_its_problem_and_nothing_else(log_in, board, administrator):
    response = upload(log_in("administrator"), board, b"  \n")
    page = text(response)
    assert "<td>–</td><td>the file is empty</td>" in page
    assert 'id="decision"' not in page and 'name="payload"' not in page
