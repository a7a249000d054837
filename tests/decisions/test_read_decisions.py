"""Reading the decision part of plans of other boards, districts and committees than the sample.

Each example is written in the layout of the sample's memorandum: the memorandum line, the
title, the proposing and deciding sentence, the numbered points, the rapporteur's statement,
the signing line, the attachments and the reservations of each forum.
"""

import time

import pytest

from styr.decisions.parsing import read_decision
from styr.planning.parsing.lines import clean_lines

BOARD = "miljö- och hälsoskyddsnämnden"
PROPOSAL = (
    "Miljö- och hälsoskyddsnämndens beredning föreslår att miljö- och hälsoskyddsnämnden "
    "beslutar följande."
)
POINTS = "1. Verksamhetsplan för 2013 för miljö- och hälsoskyddsnämnden godkänns."


pytestmark = pytest.mark.usefixtures("in_english")


def read(*parts: str):
    """Read the decision of a memorandum made of `parts` (each one or more lines)."""
    text = "PM 2013: MHN (Dnr 2012-4711)\nVerksamhetsplan 2013 för miljö- och hälsoskyddsnämnden\n"
    return read_decision(clean_lines(text + "\n".join(parts) + "\nÄRENDET\n"))


def decided(*parts: str):
    """Read a decision that must read without problems, and return it."""
    reading = read(*parts)
    assert reading.problems == []
    return reading.decision


@pytest.mark.parametrize(
    "sentence, proposer, decider",
    [
        (PROPOSAL, "Miljö- och hälsoskyddsnämndens beredning", BOARD),
        (
            "Förvaltningen föreslår att stadsdelsnämnden i Farsta beslutar följande.",
            "Förvaltningen",
            "stadsdelsnämnden i Farsta",
        ),
        (
            "Miljö- och hälsoskyddsnämndens beredning föreslår att miljö- och\n"
            "hälsoskyddsnämnden beslutar följande.",
            "Miljö- och hälsoskyddsnämndens beredning",
            BOARD,
        ),
        (
            "Förvaltningen föreslår\natt stadsdelsnämnden i Farsta beslutar\nföljande.",
            "Förvaltningen",
            "stadsdelsnämnden i Farsta",
        ),
        (
            "Miljö- och\nhälsoskyddsnämndens beredning föreslår att miljö- och hälso-\n"
            "skyddsnämnden beslutar föl-\njande.",
            "Miljö- och hälsoskyddsnämndens beredning",
            BOARD,
        ),
        (
            "Kulturberedningen föreslår att kommunstyrelsen beslutar följande",
            "Kulturberedningen",
            "kommunstyrelsen",
        ),
    ],
    ids=["one line", "district", "wrapped", "split thrice", "name begins before", "no stop"],
)
def test_the_proposing_and_deciding_bodies_are_read_whatever_their_names_and_wrapping(
    sentence, proposer, decider
):
    decision = decided(sentence, POINTS, "2. Förvaltningsdirektören får omdisponera medel.")
    assert (decision.proposed_by, decision.decided_by) == (proposer, decider)
    assert [point.number for point in decision.decision_points] == [1, 2]


def test_the_rapporteurs_own_proposal_is_not_taken_for_the_decisions():
    decision = decided(
        PROPOSAL,
        POINTS,
        "Föredragande borgarrådet Anna Ek anför följande.",
        "Jag föreslår att miljö- och hälsoskyddsnämndens beredning föreslår att miljö- och",
        "hälsoskyddsnämnden beslutar följande.",
        "1. Något annat.",
    )
    assert decision.proposed_by == "Miljö- och hälsoskyddsnämndens beredning"
    assert [point.text for point in decision.decision_points] == [POINTS[3:].strip()]


@pytest.mark.parametrize(
    "lines, office",
    [
        ("Ärendet har beretts av Farsta stadsdelsförvaltning.", "Farsta stadsdelsförvaltning"),
        (
            "Ärendet har beretts av miljöförvaltningen och kulturförvaltningen.",
            "miljöförvaltningen och kulturförvaltningen",
        ),
        (
            "Ärendet har beretts av miljöförvaltningen och\nkulturförvaltningen.",
            "miljöförvaltningen och kulturförvaltningen",
        ),
    ],
    ids=["district office", "two offices", "wrapped"],
)
def test_the_preparing_office_is_read_with_every_word_of_its_name(lines, office):
    decision = decided(
        PROPOSAL, POINTS, "Föredragande tjänsteman Eva Ek anför följande.", "Beredning", lines
    )
    assert decision.preparing_office == office


@pytest.mark.parametrize(
    "rapporteur, expected",
    [
        ("Föredragande borgarrådet Sten Nordin anför följande.", ("borgarrådet", "Sten Nordin")),
        ("Föredragande tjänsteman Eva Ek anför följande.", ("tjänsteman", "Eva Ek")),
        ("Föredragande tjänsteman Eva Ek anför\nföljande.", ("tjänsteman", "Eva Ek")),
        ("", ("", "")),
    ],
    ids=["councillor", "official", "wrapped", "none"],
)
def test_the_rapporteur_is_read_with_their_title_or_left_empty(rapporteur, expected):
    decision = decided(PROPOSAL, POINTS, rapporteur, "Farsta den 9 januari 2013", "EVA EK")
    assert (decision.rapporteur_title, decision.rapporteur) == expected
    assert [p.text for p in decision.decision_points] == [POINTS[3:].strip()]


@pytest.mark.parametrize(
    "signed", ["Farsta den 9 januari 2013", "Hässelby-Vällingby den 9 januari 2013"]
)
def test_the_signing_date_is_read_whatever_the_place(signed):
    decision = decided(PROPOSAL, POINTS, signed, "ANNA ANDERSSON", "Stadsdelsdirektör")
    assert decision.proposal_date.isoformat() == "2013-01-09"
    assert [p.text for p in decision.decision_points] == [POINTS[3:].strip()]


def test_reservations_are_read_under_forum_headings_of_any_body():
    decision = decided(
        PROPOSAL,
        POINTS,
        "Reservation anfördes av Anna Berg (S) enligt följande.",
        "Vi vill mer.",
        "Miljö- och hälsoskyddsnämnden",
        "Reservation anfördes av Bo Ek (V) enligt följande.",
        "Vi vill annat.",
        "Kulturberedningen",
        "Reservation anfördes av Cecilia Dahl (MP) enligt följande.",
        "Vi vill mindre.",
        "Stadsdelsnämnden",
        "Reservation anfördes av David Fors (L).",
        "Nämnden",
        "Reservation anfördes av Erik Gran (C).",
    )
    assert [(r.forum, r.party, r.text) for r in decision.reservations] == [
        ("miljö- och hälsoskyddsnämndens beredning", "S", "Vi vill mer."),
        (BOARD, "V", "Vi vill annat."),
        ("kulturberedningen", "MP", "Vi vill mindre."),
        ("stadsdelsnämnden", "L", ""),
        ("nämnden", "C", ""),
    ]


def test_a_reservation_before_any_heading_is_the_deciding_bodys_when_an_office_proposes():
    decision = decided(
        "Förvaltningen föreslår att stadsdelsnämnden i Farsta beslutar följande.",
        POINTS,
        "Reservation anfördes av Anna Berg (S).",
        "Stadsdelsnämnden i Farsta",
        "Reservation anfördes av Bo Ek (V).",
    )
    assert [r.forum for r in decision.reservations] == [
        "stadsdelsnämnden i farsta",
        "stadsdelsnämnden i farsta",
    ]


@pytest.mark.parametrize(
    "head, members, titles, party",
    [
        ("ordföranden Anna Berg (S)", ["Anna Berg"], ["ordföranden"], "S"),
        ("vice ordföranden Anna Berg (S)", ["Anna Berg"], ["vice ordföranden"], "S"),
        ("andre vice ordföranden Anna Berg (S)", ["Anna Berg"], ["andre vice ordföranden"], "S"),
        ("2:e vice ordföranden Anna Berg (S)", ["Anna Berg"], ["2:e vice ordföranden"], "S"),
        ("ersättaren Anna Berg (S)", ["Anna Berg"], ["ersättaren"], "S"),
        (
            "tjänstgörande ersättaren Anna Berg (S)",
            ["Anna Berg"],
            ["tjänstgörande ersättaren"],
            "S",
        ),
        ("borgarrådet Karin Wanngård (S)", ["Karin Wanngård"], ["borgarrådet"], "S"),
        ("oppositionsborgarrådet Anna Berg (S)", ["Anna Berg"], ["oppositionsborgarrådet"], "S"),
        ("Anna Berg (S)", ["Anna Berg"], [""], "S"),
        # A plural title holds for each name it names.
        (
            "borgarråden Anna Berg och Bo Ek (båda S)",
            ["Anna Berg", "Bo Ek"],
            ["borgarrådet", "borgarrådet"],
            "S",
        ),
        (
            "ordföranden Anna Berg och ledamoten Bo Ek (båda S)",
            ["Anna Berg", "Bo Ek"],
            ["ordföranden", "ledamoten"],
            "S",
        ),
        # A singular title holds only for its own name.
        (
            "ordföranden Anna Berg och Bo Ek (båda S)",
            ["Anna Berg", "Bo Ek"],
            ["ordföranden", ""],
            "S",
        ),
        (
            "vice ordföranden Anna Berg, ledamöterna Bo Ek och Cecilia Dahl (alla KD)",
            ["Anna Berg", "Bo Ek", "Cecilia Dahl"],
            ["vice ordföranden", "ledamoten", "ledamoten"],
            "KD",
        ),
        (
            "ledamöterna Anna Berg och Bo Ek och ersättaren Cecilia Dahl (alla MP)",
            ["Anna Berg", "Bo Ek", "Cecilia Dahl"],
            ["ledamoten", "ledamoten", "ersättaren"],
            "MP",
        ),
        (
            "Vice  Ordföranden Anna Berg (S)",
            ["Anna Berg"],
            ["vice ordföranden"],
            "S",
        ),
    ],
)
def test_members_titles_are_kept_apart_from_their_names_and_beside_them(
    head, members, titles, party
):
    decision = decided(PROPOSAL, POINTS, f"Reservation anfördes av {head} enligt följande.")
    assert [(r.members, r.titles, r.party) for r in decision.reservations] == [
        (members, titles, party)
    ]


def test_a_member_list_wrapping_over_lines_is_read_whole():
    decision = decided(
        PROPOSAL,
        POINTS,
        "Reservation anfördes av ordföranden Anna Berg, ledamoten Bo Ek och ersät-",
        "taren Cecilia Dahl (alla S) med hänvisning till reservationen av (S) i miljö- och",
        "hälsoskyddsnämndens beredning.",
    )
    [reservation] = decision.reservations
    assert reservation.members == ["Anna Berg", "Bo Ek", "Cecilia Dahl"]
    assert reservation.titles == ["ordföranden", "ledamoten", "ersättaren"]
    assert reservation.refers_to == {
        "party": "S",
        "forum": "miljö- och hälsoskyddsnämndens beredning",
    }


def test_a_reference_to_a_reservation_in_a_forum_of_several_words_is_read():
    decision = decided(
        "Förvaltningen föreslår att stadsdelsnämnden i Farsta beslutar följande.",
        POINTS,
        "Arbetsutskottet",
        "Reservation anfördes av Anna Berg (S) enligt följande.",
        "Vi vill mer.",
        "Stadsdelsnämnden",
        "Reservation anfördes av ledamöterna Anna Berg och Bo Ek (båda S) med hänvisning till",
        "reservationen av (S) i arbetsutskottet.",
        "Reservation anfördes av Cecilia Dahl (V) med hänvisning till reservationen av (V) i",
        "stadsdelsnämnden i Farsta.",
    )
    assert [(r.forum, r.refers_to) for r in decision.reservations] == [
        ("arbetsutskottet", None),
        ("stadsdelsnämnden", {"party": "S", "forum": "arbetsutskottet"}),
        ("stadsdelsnämnden", {"party": "V", "forum": "stadsdelsnämnden i farsta"}),
    ]


# Never silent.


def test_a_decision_without_its_proposing_sentence_is_refused_at_the_memorandum():
    reading = read("Miljö- och hälsoskyddsnämnden tycker att följande gäller.", POINTS)
    assert [(p.where, p.message) for p in reading.problems] == [
        (
            "line 1",
            "the decision names no proposing and deciding body (a sentence such as "
            "“Förvaltningen föreslår att nämnden beslutar följande.”), so none of its points "
            "could be read",
        )
    ]
    assert reading.decision.decision_points == []


def test_a_proposing_sentence_without_points_is_refused_at_its_line():
    reading = read(PROPOSAL, "Föredragande tjänsteman Eva Ek anför följande.")
    assert [(p.where, p.message) for p in reading.problems] == [
        ("line 3", f"no decision points (“1. …”) follow “{PROPOSAL}”")
    ]


def test_amendments_announced_but_not_read_are_refused_naming_the_points():
    reading = read(
        PROPOSAL,
        "1. Verksamhetsplanen godkänns med ändringarna som omnämns i punkt 2, 3 och 4.",
        "2. Aktiviteten ”Inventera förorenade områden” under avsnitt 3.1 utgår.",
        "3. Nämnden ska se över sina lokaler.",
        "4. Stadsdirektören får omdisponera medel.",
    )
    assert [(p.where, p.message) for p in reading.problems] == [
        (
            "line 4",
            "point 1 announces amendments in points 2, 3, 4, but none could be read from "
            "points 3, 4",
        )
    ]
    assert [a.point for a in reading.decision.amendments] == [2]


@pytest.mark.parametrize(
    "announcing",
    [
        "Verksamhetsplanen godkänns med följande ändringar.",
        "Verksamhetsplanen godkänns med de ändringar som framgår av bilaga 2.",
    ],
)
def test_amendments_announced_without_point_numbers_need_at_least_one_read(announcing):
    reading = read(PROPOSAL, f"1. {announcing}", "2. Nämnden ska se över sina lokaler.")
    [problem] = reading.problems
    assert problem.where == "line 4"
    assert problem.message.startswith("point 1 announces amendments (“med ")
    read_one = read(
        PROPOSAL,
        f"1. {announcing}",
        "2. Nämndmålet ”Luften är ren” under avsnitt 1.1 utgår.",
    )
    assert read_one.problems == []


def test_announced_points_may_be_a_range():
    reading = read(
        PROPOSAL,
        "1. Verksamhetsplanen godkänns med de ändringar som framgår av punkterna 2–3.",
        "2. Aktiviteten ”Inventera förorenade områden” under avsnitt 3.1 utgår.",
        "3. Indikatorn ”Andel inspekterade verksamheter” under avsnitt 3.2 utgår.",
    )
    assert reading.problems == []
    assert [(a.point, a.operation) for a in reading.decision.amendments] == [
        (2, "remove_activity"),
        (3, "remove_indicator"),
    ]


@pytest.mark.parametrize(
    "point",
    [
        "Aktiviteten om förorenade områden utgår.",
        "Indikatorn ”Andel inspekterade verksamheter” ändras till 95 %.",
        "Nämndaktiviteten ”Inventera” under avsnitt 3.1 får slutdatum 2013-02-30.",
        "En ny aktivitet läggs till: Inventera förorenade områden.",
    ],
    ids=["no quotes", "unknown change", "no such date", "no section"],
)
def test_a_point_that_reads_like_an_amendment_but_is_not_read_as_one_is_refused(point):
    reading = read(PROPOSAL, "1. Verksamhetsplanen godkänns.", f"2. {point}")
    assert [(p.where, p.message.split(":")[0]) for p in reading.problems] == [
        ("line 5", "point 2 reads like an amendment of the plan but could not be read as one")
    ]
    assert reading.decision.amendments == []


def test_text_that_cannot_be_placed_is_a_warning_at_its_first_line():
    reading = read(
        PROPOSAL,
        POINTS,
        "Farsta den 9 januari 2013",
        "ANNA ANDERSSON",
        "Bilagor",
        "1. Budget 2013",
        "Det här stycket hör inte hemma här och har ingen plats i beslutet.",
        "Inte heller den här raden.",
        "Stadsdelsnämnden",
        "Reservation anfördes av Anna Berg (S).",
    )
    assert reading.problems == []
    assert [(p.where, p.message) for p in reading.warnings] == [
        (
            "line 9",
            "text of the decision that could not be placed: “Det här stycket hör inte hemma "
            "här och har ingen plats i bes…”",
        )
    ]
    assert len(reading.decision.reservations) == 1


def test_the_statement_signature_attachments_and_endorsement_are_placed_without_warnings():
    reading = read(
        PROPOSAL,
        POINTS,
        "Föredragande tjänsteman Eva Ek anför följande.",
        "Ärendet",
        "Verksamhetsplanen ska upprättas.",
        "Stockholm den 9 januari 2013",
        "EVA EK",
        "Miljödirektör",
        "Bilagor",
        "1. Budget 2013",
        "2. Internkontrollplan 2013",
        "Miljö- och hälsoskyddsnämndens beredning tillstyrker föredragande tjänstemannens",
        "förslag.",
        "Reservation anfördes av Anna Berg (S).",
    )
    assert (reading.problems, reading.warnings) == ([], [])
    assert [a.title for a in reading.decision.attachments] == [
        "Budget 2013",
        "Internkontrollplan 2013",
    ]


# Amendments beyond the sample's three.


@pytest.mark.parametrize(
    "point, expected",
    [
        (
            "Indikatorn ”Andel inspekterade verksamheter” under avsnitt 3.2 utgår.",
            ("remove_indicator", "3.2", {"indicator": "Andel inspekterade verksamheter"}),
        ),
        (
            "Nämndmålet ”Luften i Stockholm är ren” under avsnitt 1.1 utgår.",
            ("remove_board_goal", "1.1", {"board_goal": "Luften i Stockholm är ren"}),
        ),
        (
            "Ett nytt nämndmål läggs till under avsnitt 1.1, nämndmålet lyder: Bullret minskar.",
            ("add_board_goal", "1.1", {"board_goal": "Bullret minskar"}),
        ),
        (
            "Nämndaktiviteten ”Inventera förorenade områden” under avsnitt 3.1 får startdatum "
            "2013-03-01.",
            ("change_activity", "3.1", {"start": "2013-03-01", "end": None}),
        ),
        (
            "Aktiviteten ”Inventera förorenade områden” under avsnitt 3.1 får startdatum "
            "2013-03-01 och slutdatum 2013-09-30.",
            ("change_activity", "3.1", {"start": "2013-03-01", "end": "2013-09-30"}),
        ),
    ],
    ids=["indicator removed", "board goal removed", "board goal added", "start", "both dates"],
)
def test_more_kinds_of_amendment_are_read(point, expected):
    decision = decided(
        PROPOSAL,
        "1. Verksamhetsplanen godkänns med ändringarna som omnämns i punkt 2.",
        f"2. {point}",
    )
    [amendment] = decision.amendments
    data = amendment.to_json()
    operation, section, values = expected
    assert (amendment.point, amendment.operation, amendment.section) == (2, operation, section)
    assert {name: data[name] for name in values} == values


def test_a_long_decision_part_without_its_sentence_is_read_in_time():
    text = "PM 2013: MHN (Dnr 2012-4711)\nTitel\n" + "Nämnden föreslår inget\n" * 25_000
    started = time.perf_counter()
    reading = read_decision(clean_lines(text + "ÄRENDET\n"))
    assert time.perf_counter() - started < 2
    assert len(reading.problems) == 1 and len(reading.warnings) == 1


def test_a_title_wrapping_over_two_lines_is_read_whole():
    text = (
        "PM 2013: MHN (Dnr 2012-4711)\nVerksamhetsplan 2013 för miljö- och\n"
        f"hälsoskyddsnämnden\n{PROPOSAL}\n{POINTS}\nÄRENDET\n"
    )
    reading = read_decision(clean_lines(text))
    assert (reading.problems, reading.warnings) == ([], [])
    assert reading.decision.title == "Verksamhetsplan 2013 för miljö- och hälsoskyddsnämnden"
