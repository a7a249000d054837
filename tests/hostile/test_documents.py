"""Plan documents mutated every way a clerk, a broken disk or an attacker might: each is read
and saved by the service functions `styr import-plan` uses (read_plan, plan_import and the
decision's case_import), and is either saved whole or refused with the importer's own
problems, never half-saved, never an exception, and always within seconds.

Every example starts from the sample plan: its text, its JSON export, a PDF of its text, or the
decision that opens it. Examples share the test's database, each inside a transaction rolled
back at its end.
"""

import json
import re
import time

import pytest
from django.apps import apps
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st

from styr.decisions.services import DecisionError, case_import
from styr.planning.choices import PlanStatus
from styr.planning.parsing import read_plan
from styr.planning.selectors import plan_document
from styr.planning.services import InvalidPlan, PlanExists, plan_import
from tests.planning.pdfs import pdf_of

SECONDS = 5
MODELS = [
    model
    for label in ("planning", "decisions", "organisations")
    for model in apps.get_app_config(label).get_models()
]
# Lines a plan or its decision is built of, in the sample's words, and worse.
HOSTILE_LINES = [
    "KF:S INRIKTNINGSMÅL 1:",
    "KF:S INRIKTNINGSMÅL 99999999999999999999999:",
    "KF:S MÅL FÖR VERKSAMHETSOMRÅDET:",
    "NÄMNDMÅL:",
    "KF:s indikatorer Periodicitet",
    "Nämndens aktiviteter Startdatum Slutdatum",
    "Nämndens ekonomiska förutsättningar 2013",
    "Investeringar",
    "Resultatenheter",
    "Ärendet",
    "ÄRENDET",
    "BEREDNING",
    "1.1 Ett mål",
    "99999999999.99999999999 Ett mål",
    "Andel nöjda 75 % 80 % År",
    "Ett mätetal 1e999 % 9" + "9" * 60 + " Tertial",
    "En aktivitet 2013-02-30 2013-13-01",
    "En aktivitet 0001-01-01 9999-12-31",
    "Kostnader Intäkter Netto",
    "Summa 1" + " 999" * 30,
    "Kontoret investerar 99999999999999999999999999 mnkr.",
    "Verksamhetsplan 9999 för " + "x" * 300,
    "PM 2013: RI (Dnr " + "1" * 80 + ")",
    "Borgarrådsberedningen föreslår att kommunstyrelsen beslutar följande.",
    "1. Aktiviteten ”X” under avsnitt 1.1 får slutdatum 2013-02-30.",
    "2. Aktiviteten ”X” under avsnitt 123456789.123456789 utgår.",
    "3. En ny aktivitet läggs till under avsnitt 1.1, aktiviteten lyder: " + "y" * 400,
    "Reservation anfördes av ledamoten " + "N" * 300 + " (" + "P" * 50 + ")",
    "Reservation anfördes av Ann (S) med hänvisning till reservationen av (S) i nämnden",
    "Jag föreslår att kommunstyrelsen beslutar",
    "Föredragande " + "b" * 200 + " " + "c" * 300 + " anför följande.",
    "Stockholm den 31 februari 2013",
    "Stockholm den 1 januari 99999",
    "enligt tjänsteutlåtande daterat den 40 mars 2013",
    "Ärendet har beretts av " + "k" * 300 + ".",
    "Bilagor",
    "1. " + "B" * 400,
    "ord-",
    "\uf0b7 punkt",
    "12",
    "",
]
texts = st.text(max_size=60)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**45), max_value=10**45)
    | st.floats(allow_nan=False, allow_infinity=False)
    | texts
    | st.sampled_from(["", "year", "2013-02-30", "99999-01-01", "1e999", "9" * 45, "\u0000"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=8,
)


def rows() -> dict:
    return {model._meta.label: model.objects.count() for model in MODELS}


@pytest.fixture
def sample_json(db, sample_document) -> dict:
    """The sample plan's JSON export, taken in a transaction undone after."""
    with transaction.atomic():
        exported = plan_document(plan_import(document=sample_document).pk).to_json()
        transaction.set_rollback(True)
    return exported


def import_checked(data: bytes, name: str) -> bool:
    """Import a document as `styr import-plan` does, in a transaction undone after: it is saved
    whole or refused by the importer with nothing saved, without an exception, within the time."""
    with transaction.atomic():
        before = rows()
        started = time.perf_counter()
        reading = read_plan(data, name=name)
        saved = None
        if reading.ok:
            reading.document.municipality = reading.document.municipality or "Stockholms stad"
            decision = reading.decision
            try:
                with transaction.atomic():
                    saved = plan_import(document=reading.document)
                    case = case_import(plan=saved, decision=decision) if decision else None
            except (InvalidPlan, DecisionError, PlanExists) as refusal:
                problems = getattr(refusal, "problems", [refusal])
                assert all(str(problem).strip() for problem in problems)
                saved = None
        else:
            assert reading.problems and all(str(p).strip() for p in reading.problems)
        elapsed = time.perf_counter() - started
        assert elapsed < SECONDS, f"{len(data)} bytes of {name} took {elapsed:.1f} s"
        if saved is None:
            assert rows() == before, "a refused document changed the database"
        else:
            assert_saved_whole(saved, reading.document, decision, case)
        transaction.set_rollback(True)
    return saved is not None


def assert_saved_whole(plan, document, decision, case) -> None:
    expected = document.to_json()
    if expected["status"] == PlanStatus.ADOPTED:
        expected["status"] = PlanStatus.PROPOSAL
    assert plan_document(plan.pk).to_json() == expected, "the plan saved is not what was read"
    if decision is not None:
        points = len(decision.decision_points) + sum(
            len(reservation.decision_points) for reservation in decision.reservations
        )
        assert case.decision_points.count() == points
        assert case.attachments.count() == len(decision.attachments)
        assert case.reservations.count() == len(decision.reservations)
        assert case.amendments.count() == len(decision.amendments)


def mutate_lines(lines: list[str], data, start: int = 0, end: int | None = None) -> list[str]:
    """Delete, duplicate, swap and garble lines between `start` and `end`, as drawn."""
    lines = list(lines)
    for _ in range(data.draw(st.integers(1, 6), label="mutations")):
        stop = len(lines) if end is None else min(end, len(lines))
        if stop <= start:
            break
        at = data.draw(st.integers(start, stop - 1), label="line")
        kind = data.draw(
            st.sampled_from(["delete", "duplicate", "swap", "number", "date", "insert", "text"]),
            label="kind",
        )
        if kind == "delete":
            del lines[at : at + data.draw(st.integers(1, 20), label="count")]
        elif kind == "duplicate":
            lines[at:at] = lines[at : at + data.draw(st.integers(1, 20), label="count")]
        elif kind == "swap":
            other = data.draw(st.integers(start, stop - 1), label="other")
            lines[at], lines[other] = lines[other], lines[at]
        elif kind == "number":
            lines[at] = garbled(lines[at], r"\d+", data, numbers)
        elif kind == "date":
            lines[at] = garbled(lines[at], r"\d{4}-\d{2}-\d{2}", data, dates)
        elif kind == "insert":
            lines.insert(at, data.draw(st.sampled_from(HOSTILE_LINES), label="inserted"))
        else:
            lines[at] = data.draw(texts, label="text")
    return lines


numbers = st.sampled_from(["0", "-1", "−0", "9" * 45, "1 000 000 000 000 000 000", "3,", ",5"]) | (
    st.integers(0, 10**30).map(str)
)
dates = st.sampled_from(["2013-02-30", "0000-00-00", "2013-13-01", "9999-12-31", "2013-1-1"])


def garbled(line: str, pattern: str, data, values) -> str:
    found = list(re.finditer(pattern, line))
    if not found:
        return line
    match = data.draw(st.sampled_from(found), label="match")
    return line[: match.start()] + data.draw(values, label="value") + line[match.end() :]


def damaged(data, base: bytes) -> bytes:
    """Cut the bytes off, or insert or replace some of them, as drawn."""
    damaged = bytearray(base)
    if data.draw(st.booleans(), label="cut"):
        damaged = damaged[: data.draw(st.integers(0, len(base) - 1), label="length")]
    for _ in range(data.draw(st.integers(0 if len(damaged) < len(base) else 1, 8), label="n")):
        place = data.draw(st.integers(0, len(damaged)), label="place")
        junk = data.draw(st.binary(min_size=1, max_size=8), label="bytes")
        if data.draw(st.booleans(), label="insert"):
            damaged[place:place] = junk
        else:
            damaged[place : place + len(junk)] = junk
    return bytes(damaged)


def plan_start(lines: list[str]) -> int:
    return next(index for index, line in enumerate(lines) if line.strip() == "ÄRENDET")


@pytest.mark.parametrize("kind", ["txt", "json", "pdf"])
def test_the_unchanged_sample_is_saved_whole(db, sample_text, sample_json, sample_pdf, kind):
    data = {
        "txt": sample_text.encode(),
        "json": json.dumps(sample_json).encode(),
        "pdf": sample_pdf,
    }[kind]

    assert import_checked(data, f"plan.{kind}")


@pytest.mark.hostile
@given(data=st.data())
def test_a_text_plan_changed_anywhere_is_saved_whole_or_refused(db, sample_text, data):
    lines = mutate_lines(sample_text.splitlines(), data)

    import_checked("\n".join(lines).encode(), "plan.txt")


@pytest.mark.hostile
@given(data=st.data())
def test_a_text_plan_cut_off_or_with_bytes_changed_is_saved_whole_or_refused(db, sample_text, data):
    import_checked(damaged(data, sample_text.encode()), "plan.txt")


@pytest.mark.hostile
@given(data=st.data())
def test_a_decision_changed_anywhere_is_saved_whole_or_refused(db, sample_text, data):
    lines = sample_text.splitlines()
    lines = mutate_lines(lines, data, end=plan_start(lines))

    import_checked("\n".join(lines).encode(), "plan.txt")


def mutate_json(document: dict, data) -> None:
    """Change a value somewhere in the document: its type, a key missing or extra, nesting."""
    for _ in range(data.draw(st.integers(1, 4), label="mutations")):
        node = document
        while True:
            keys = list(node) if isinstance(node, dict) else list(range(len(node)))
            if not keys:
                break
            key = data.draw(st.sampled_from(keys), label="key")
            child = node[key]
            if not isinstance(child, dict | list) or data.draw(st.booleans(), label="stop"):
                break
            node = child
        if not keys:
            continue
        kind = data.draw(
            st.sampled_from(["value", "delete", "extra", "nest", "string", "huge"]), label="kind"
        )
        if kind == "value":
            node[key] = data.draw(json_values, label="value")
        elif kind == "delete" and isinstance(node, dict):
            del node[key]
        elif kind == "delete":
            node.pop(key)
        elif kind == "extra" and isinstance(node, dict):
            node[data.draw(texts, label="extra key")] = data.draw(json_values, label="value")
        elif kind == "nest":
            for _ in range(data.draw(st.integers(1, 3000), label="depth")):
                node[key] = [node[key]] if data.draw(st.booleans(), label="list") else node[key]
        elif kind == "string":
            node[key] = json.dumps(node[key])
        else:
            node[key] = data.draw(
                st.sampled_from([10**40, -(10**40), 1e308, 5e-324, 10**39 + 0.5]), label="huge"
            )


@pytest.mark.hostile
@given(data=st.data())
def test_a_json_plan_changed_anywhere_is_saved_whole_or_refused(db, sample_json, data):
    document = json.loads(json.dumps(sample_json))
    mutate_json(document, data)
    try:
        text = json.dumps(document, ensure_ascii=data.draw(st.booleans(), label="ascii"))
    except RecursionError:
        return
    encoded = text.encode("utf-8", "surrogatepass")
    if data.draw(st.booleans(), label="damage"):
        encoded = damaged(data, encoded)

    import_checked(encoded, "plan.json")


@pytest.fixture(scope="module")
def sample_pdf(sample_text) -> bytes:
    return pdf_of(sample_text)


@pytest.mark.hostile
@given(data=st.data())
def test_a_pdf_plan_changed_anywhere_is_saved_whole_or_refused(db, sample_text, sample_pdf, data):
    if data.draw(st.booleans(), label="text"):
        lines = mutate_lines(sample_text.splitlines(), data)
        text = "\n".join(lines).encode("cp1252", "replace").decode("cp1252")
        pdf = pdf_of(text)
    else:
        pdf = damaged(data, sample_pdf)

    import_checked(pdf, "plan.pdf")
