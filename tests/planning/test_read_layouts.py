"""Plans of other boards in the Stockholm layout read as written, and what cannot be placed is
never passed over in silence: it is a problem (refused) or a warning (shown), at its line."""

from decimal import Decimal

import pytest

from styr.planning.choices import TargetKind
from styr.planning.consistency import check_document
from styr.planning.parsing import read_plan

HEAD = """Verksamhetsplan 2013 för Farsta stadsdelsnämnd
KF:S INRIKTNINGSMÅL 1:
1. Stockholm ska vara en attraktiv stad
Förvaltningen arbetar för en attraktiv stadsdel.
KF:S MÅL FÖR VERKSAMHETSOMRÅDET:
1.1 Stockholmarna är nöjda
Förvaltningen följer upp hur nöjda invånarna är med verksamheten i stadsdelen.
"""
BUDGET = """Nämndens ekonomiska förutsättningar 2013
Farsta stadsdelsförvaltning Kostnader Intäkter Netto
Driftverksamhet (mnkr)
Förskola 300,00 -20,00 280,00
Äldreomsorg 200,00 -10,00 190,00
Nämndens förslag till budget 500,00 -30,00 470,00
"""
COUNCIL_TABLE = "KF:s indikatorer Årsmål KF:s årsmål Periodicitet\n"
BOARD_GOAL = "NÄMNDMÅL:\nBesökarna är nöjda\nFörvaltningen frågar besökarna varje år.\n"
BOARD_TABLE = "Nämndens indikatorer Årsmål Periodicitet\n"
ACTIVITIES = "Nämndens aktiviteter Startdatum Slutdatum\n"


pytestmark = pytest.mark.usefixtures("in_english")


def read(body: str, budget: str = BUDGET, head: str = HEAD):
    return read_plan((head + body + budget).encode())


def line_of(text: str, body: str, head: str = HEAD) -> str:
    """Return the place of the first line of the document that is `text`."""
    lines = (head + body).splitlines()
    return f"line {lines.index(text) + 1}"


def messages(problems) -> list[str]:
    return [str(problem) for problem in problems]


def indicators(reading):
    return list(reading.document.indicators())


def only_indicator(body: str):
    reading = read(body)
    assert reading.ok, messages(reading.problems)
    [indicator] = indicators(reading)
    return indicator


# Targets


def test_a_target_with_spaces_between_thousands_is_one_number_with_its_unit():
    indicator = only_indicator(
        COUNCIL_TABLE + "Antal besök på fritidsgårdarna 1 150 st 12 500 st År\n"
    )
    assert indicator.name == "Antal besök på fritidsgårdarna"
    board, council = indicator.board_target, indicator.council_target
    assert (board.text, board.value, board.unit) == ("1 150 st", Decimal(1150), "st")
    assert (council.text, council.value, council.unit) == ("12 500 st", Decimal(12500), "st")


def test_a_board_table_reads_an_amount_with_thousands_and_decimals():
    indicator = only_indicator(BOARD_GOAL + BOARD_TABLE + "Kostnad per plats 1 385,50 kr År\n")
    assert indicator.board_target.value == Decimal("1385.50")
    assert indicator.name == "Kostnad per plats"


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("öka", TargetKind.INCREASE),
        ("ökad", TargetKind.INCREASE),
        ("ökning", TargetKind.INCREASE),
        ("minska", TargetKind.DECREASE),
        ("minskad", TargetKind.DECREASE),
        ("minskning", TargetKind.DECREASE),
        ("oförändrad", TargetKind.UNCHANGED),
        ("bibehållen", TargetKind.UNCHANGED),
        ("bibehålla", TargetKind.UNCHANGED),
        ("tas fram av nämnden", TargetKind.SET_BY_BOARD),
    ],
)
def test_a_verbal_target_is_a_target_and_not_part_of_the_indicators_name(word, kind):
    indicator = only_indicator(BOARD_GOAL + BOARD_TABLE + f"Andel nöjda besökare {word} År\n")
    assert indicator.name == "Andel nöjda besökare"
    assert (indicator.board_target.text, indicator.board_target.kind) == (word, kind)
    assert indicator.board_target.value is None


@pytest.mark.parametrize(
    ("written", "kind", "value", "upper"),
    [
        ("minst 90 %", TargetKind.AT_LEAST, "90", None),
        ("lägst 90 %", TargetKind.AT_LEAST, "90", None),
        ("≥ 85 %", TargetKind.AT_LEAST, "85", None),
        ("≥85 %", TargetKind.AT_LEAST, "85", None),
        ("högst 5 %", TargetKind.AT_MOST, "5", None),
        ("max 5 %", TargetKind.AT_MOST, "5", None),
        ("≤ 5 %", TargetKind.AT_MOST, "5", None),
        ("> 85 %", TargetKind.ABOVE, "85", None),
        ("över 85 %", TargetKind.ABOVE, "85", None),
        ("< 5 %", TargetKind.BELOW, "5", None),
        ("under 5 %", TargetKind.BELOW, "5", None),
        ("80–90 %", TargetKind.RANGE, "80", "90"),
        ("80-90 %", TargetKind.RANGE, "80", "90"),
        ("80 – 90 %", TargetKind.RANGE, "80", "90"),
        ("4,5–5,5 %", TargetKind.RANGE, "4.5", "5.5"),
    ],
)
def test_a_bound_or_a_range_is_read_as_its_kind_with_its_numbers(written, kind, value, upper):
    indicator = only_indicator(BOARD_GOAL + BOARD_TABLE + f"Andel nöjda besökare {written} År\n")
    target = indicator.board_target
    assert indicator.name == "Andel nöjda besökare"
    assert (target.text, target.kind, target.value, target.unit) == (
        written,
        kind,
        Decimal(value),
        "%",
    )
    assert target.upper == (None if upper is None else Decimal(upper))


def test_a_range_keeps_its_upper_bound_in_the_json():
    indicator = only_indicator(BOARD_GOAL + BOARD_TABLE + "Andel nöjda besökare 80–90 % År\n")
    assert indicator.board_target.to_json() == {
        "text": "80–90 %",
        "kind": "range",
        "value": "80",
        "unit": "%",
        "upper": "90",
    }


def test_a_council_row_has_the_boards_target_then_the_councils():
    indicator = only_indicator(
        COUNCIL_TABLE + "Andel ungdomar som är nöjda med utbudet\nminst 90 % > 85 % År\n"
    )
    assert indicator.name == "Andel ungdomar som är nöjda med utbudet"
    assert indicator.board_target.kind == TargetKind.AT_LEAST
    assert indicator.council_target.kind == TargetKind.ABOVE


def test_a_board_row_has_one_target_and_a_number_before_it_stays_in_the_name():
    indicator = only_indicator(
        BOARD_GOAL + BOARD_TABLE + "Antal dygn över normvärdet för PM10 i luft 20 st År\n"
    )
    assert indicator.name == "Antal dygn över normvärdet för PM10 i luft"
    assert indicator.board_target.value == Decimal(20)


def test_a_council_target_that_may_be_two_targets_is_warned_about():
    body = COUNCIL_TABLE + "Antal besök per dag 25 100 År\n"
    reading = read(body)
    [indicator] = indicators(reading)
    assert indicator.council_target.value == Decimal(25100)
    where = line_of("Antal besök per dag 25 100 År", body)
    assert any(w.where == where and "25 100" in w.message for w in reading.warnings)


# Wrapped titles and names


def test_an_area_goal_title_that_wraps_to_a_capital_is_one_title():
    body = (
        "KF:S MÅL FÖR VERKSAMHETSOMRÅDET:\n"
        "1.2 Stockholmarna ska vara nöjda med kultur- och idrottsmöjligheterna i\n"
        "Stockholm\n"
        "Förvaltningen ska erbjuda ett varierat utbud av kultur och idrott för barn och unga\n"
        "i samarbete med föreningslivet och biblioteken i stadsdelen.\n"
    )
    reading = read(body)
    goal = reading.document.directions[0].goals[1]
    assert goal.title == (
        "Stockholmarna ska vara nöjda med kultur- och idrottsmöjligheterna i Stockholm"
    )
    assert goal.description.startswith("Förvaltningen ska erbjuda")
    [warning] = reading.warnings
    assert warning.where == line_of("Stockholm", body)


def test_a_board_goal_title_that_wraps_to_a_capital_is_one_title():
    body = (
        "NÄMNDMÅL:\n"
        "Förvaltningen ska vara en förebild i miljöarbetet för\n"
        "Stockholms stads övriga förvaltningar\n"
        "Förvaltningen minskar sin egen klimatpåverkan genom att resa med kollektivtrafik\n"
        "och cykel i tjänsten.\n"
    )
    goal = read(body).document.directions[0].goals[0].board_goals[0]
    assert goal.title == (
        "Förvaltningen ska vara en förebild i miljöarbetet för Stockholms stads övriga "
        "förvaltningar"
    )
    assert goal.description.startswith("Förvaltningen minskar")


@pytest.mark.parametrize(
    "title",
    [
        # A title that ends a sentence ends there.
        "Det är lätt för företag att delta i stadens upphandlingar.",
        # A title on one line, before a description that runs the full width.
        "Besökarna är nöjda",
    ],
)
def test_a_description_that_begins_with_a_capital_is_not_joined_to_the_title(title):
    body = (
        f"NÄMNDMÅL:\n{title}\n"
        "Kontoret arbetar med att förenkla förfrågningsunderlagen för stadens alla nämnder\n"
        "och bolag, så att fler företag lämnar anbud.\n"
    )
    reading = read(body)
    goal = reading.document.directions[0].goals[0].board_goals[0]
    assert goal.title == title
    assert goal.description.startswith("Kontoret arbetar")
    assert reading.warnings == []


def test_a_budget_line_name_that_wraps_is_one_name():
    budget = BUDGET.replace(
        "Äldreomsorg 200,00 -10,00 190,00\n",
        "Förvaltningsövergripande\nverksamhet 200,00 -10,00 190,00\n",
    )
    reading = read("", budget)
    assert [line.name for line in reading.document.budget.lines] == [
        "Förskola",
        "Förvaltningsövergripande verksamhet",
    ]
    assert reading.ok and reading.warnings == []


# Rows without their end


def test_an_indicator_row_without_periodicity_is_a_problem_and_the_next_row_is_read_alone():
    body = (
        BOARD_GOAL
        + BOARD_TABLE
        + "Antal dygn över normvärdet för kvävedioxid i luft 25\n"
        + "Antal dygn över normvärdet för PM10 i luft 20 År\n"
    )
    reading = read(body)
    assert not reading.ok
    [problem] = reading.problems
    assert problem.where == line_of("Antal dygn över normvärdet för kvävedioxid i luft 25", body)
    assert "does not end with a periodicity" in problem.message
    assert [i.name for i in indicators(reading)] == ["Antal dygn över normvärdet för PM10 i luft"]


def test_a_periodicity_on_a_line_of_its_own_ends_its_row():
    indicator = only_indicator(COUNCIL_TABLE + "Antal praktikplatser\n3 st 1 600 st\nTertial\n")
    assert indicator.council_target.value == Decimal(1600)


@pytest.mark.parametrize(
    "row", ["Ta fram en resepolicy 2013-01-01", "Ta fram en resepolicy för förvaltningen."]
)
def test_an_activity_row_without_its_dates_is_a_problem_and_not_merged_with_the_next(row):
    body = (
        BOARD_GOAL
        + ACTIVITIES
        + f"{row}\n"
        + "Kartlägga bullret vid förskolor 2013-02-01 2013-09-30\n"
    )
    reading = read(body)
    [problem] = reading.problems
    assert problem.where == line_of(row, body)
    assert "does not end with a start and an end date" in problem.message
    [activity] = reading.document.activities()
    assert activity.title == "Kartlägga bullret vid förskolor"


# Numbering


def test_area_goals_numbered_with_gaps_are_read_as_written_without_a_warning():
    head = HEAD.replace("1.1 Stockholmarna är nöjda", "1.3 Stockholmarna är nöjda")
    body = "KF:S MÅL FÖR VERKSAMHETSOMRÅDET:\n1.7 Stockholm är tryggt\n"
    reading = read(body + "Förvaltningen arbetar för trygghet.\n", head=head)
    assert reading.ok and reading.warnings == []
    assert [g.number for g in reading.document.directions[0].goals] == ["1.3", "1.7"]


def test_an_area_goal_under_the_wrong_direction_goal_is_a_problem():
    body = "KF:S MÅL FÖR VERKSAMHETSOMRÅDET:\n2.1 Valfriheten ökar\nText om valfrihet.\n"
    reading = read(body)
    [problem] = reading.problems
    assert problem.where == line_of("KF:S MÅL FÖR VERKSAMHETSOMRÅDET:", body + "x").replace(
        "line 5", f"line {len(HEAD.splitlines()) + 1}"
    )
    assert "2.1 stands under direction goal 1" in problem.message


# Never silent


def test_text_after_a_tables_last_row_is_a_problem_at_its_line():
    body = (
        BOARD_GOAL
        + BOARD_TABLE
        + "Andel nöjda besökare 90 % År\n"
        + "Förvaltningen redovisar resultatet i tertialrapporten\n"
    )
    reading = read(body)
    [problem] = reading.problems
    assert problem.where == line_of("Förvaltningen redovisar resultatet i tertialrapporten", body)


def test_a_table_heading_without_rows_is_a_warning():
    body = BOARD_GOAL + BOARD_TABLE + ACTIVITIES + "Ta fram en resepolicy 2013-01-01 2013-05-31\n"
    reading = read(body)
    assert reading.ok
    [warning] = reading.warnings
    assert warning.where == line_of(BOARD_TABLE.strip(), body)
    assert "has no rows" in warning.message


def test_a_document_that_ends_after_a_table_heading_is_refused():
    body = BOARD_GOAL + ACTIVITIES
    reading = read(body, budget="")
    assert any(
        p.where == line_of(ACTIVITIES.strip(), body) and "cut off" in p.message
        for p in reading.problems
    )


def test_a_table_cut_in_the_middle_of_its_last_row_is_refused():
    body = BOARD_GOAL + BOARD_TABLE + "Andel nöjda besökare 90 % År\nAndel tjänsteresor med\n"
    reading = read(body, budget="")
    assert not reading.ok
    assert reading.problems[0].where == line_of("Andel tjänsteresor med", body)


def test_a_budget_heading_without_budget_lines_is_refused():
    reading = read("", "Nämndens ekonomiska förutsättningar 2013\n")
    [problem] = reading.problems
    assert problem.where == f"line {len(HEAD.splitlines()) + 1}"
    assert "no budget lines" in problem.message


def test_a_budget_without_its_total_is_imported_with_a_warning():
    reading = read("", BUDGET.replace("Nämndens förslag till budget 500,00 -30,00 470,00\n", ""))
    assert reading.ok
    [warning] = reading.warnings
    assert "no total" in warning.message
    assert len(reading.document.budget.lines) == 2


def test_a_budget_line_without_amounts_is_a_warning_and_amounts_without_a_name_a_problem():
    budget = BUDGET.replace("Förskola 300,00", "Förskoleverksamheten\nFörskola 300,00")
    reading = read("", budget)
    assert "Förskoleverksamheten" in reading.warnings[0].message
    heading, rest = BUDGET.split("\n", 1)
    reading = read("", f"{heading}\n12,00\n{rest}")
    assert reading.problems[0].where == f"line {len(HEAD.splitlines()) + 2}"
    assert "amounts without a line name" in reading.problems[0].message


def test_a_plan_without_a_budget_is_imported_with_a_warning():
    reading = read("", budget="")
    assert reading.ok
    assert any("no budget" in w.message for w in reading.warnings)


def test_a_document_that_ends_in_the_middle_of_a_sentence_is_warned_about():
    body = BUDGET + "Särskilda redovisningar\nFörvaltningen redovisar under året hur\n"
    reading = read(body, budget="")
    assert any("middle of a sentence" in w.message for w in reading.warnings)


def test_an_office_note_inside_the_plan_is_warned_about():
    reading = read("BEREDNING\nÄrendet har beretts av förvaltningen.\n")
    assert any("BEREDNING" in w.message for w in reading.warnings)


@pytest.mark.parametrize(
    "row",
    [
        "Inventera lekplatserna i stadsdelen. 2013-01-01 2013-06-30",
        "Andel nöjda besökare 90 % År",
    ],
    ids=["an activity", "an indicator"],
)
def test_rows_whose_table_heading_is_lost_are_a_warning_not_prose(row):
    body = BOARD_GOAL + row + "\n"
    reading = read(body)
    assert reading.ok, messages(reading.problems)
    assert [w.where for w in reading.warnings] == [line_of(row, body)]
    assert "is the table's heading missing" in reading.warnings[0].message


def test_a_budget_total_cut_off_after_its_costs_is_refused():
    cut = BUDGET.replace(
        "Nämndens förslag till budget 500,00 -30,00 470,00", "Nämndens förslag till budget 500,00"
    )
    reading = read("", budget=cut)
    reading.document.municipality = "Stockholms stad"
    problems = messages(check_document(reading.document))
    assert problems == [
        f"{line_of('Nämndens förslag till budget 500,00', cut, head=HEAD)}: the total “Nämndens "
        "förslag till budget” has no revenues, but the lines have: is the row cut off?",
        f"{line_of('Nämndens förslag till budget 500,00', cut, head=HEAD)}: the total “Nämndens "
        "förslag till budget” has no net, but the lines have: is the row cut off?",
    ]
