"""Reading the sample plan (Verksamhetsplan 2013 för kommunstyrelsen) finds all of it, exactly."""

from datetime import date
from decimal import Decimal

import pytest


def goal(document, number):
    return next(g for g in document.area_goals() if g.number == number)


def test_it_finds_every_part_of_the_plan(sample_document):
    assert sample_document.counts() == {
        "directions": 3,
        "area_goals": 13,
        "board_goals": 19,
        "indicators": 30,
        "activities": 90,
        "budget_lines": 13,
        "sections": 5,
    }


def test_it_reads_the_plan_heading(sample_document):
    assert sample_document.title == "Verksamhetsplan 2013 för kommunstyrelsen"
    assert sample_document.organisation == "Kommunstyrelsen"
    assert sample_document.year == 2013
    assert sample_document.status == "proposal"
    assert sample_document.office == "Stadsledningskontoret"


def test_it_joins_direction_titles_that_span_lines(sample_document):
    assert [(d.number, d.title) for d in sample_document.directions] == [
        (
            "1",
            "Stockholm ska vara en attraktiv, trygg, tillgänglig och växande stad för boende, "
            "företagande och besök",
        ),
        ("2", "Kvalitet och valfrihet ska utvecklas och förbättras"),
        ("3", "Stadens verksamheter ska vara kostnadseffektiva"),
    ]
    assert sample_document.directions[2].description.startswith(
        "Vår verksamhet finansieras till största del av skatteintäkter"
    )


AREA_GOALS = [
    ("1.1", "Företag väljer att etablera sig i Stockholm framför andra städer i norra Europa", 5),
    ("1.2", "Invånare i Stockholm är självförsörjande", 1),
    ("1.3", "Stockholms livsmiljö är hållbar", 1),
    ("1.4", "Det byggs många bostäder i Stockholm", 1),
    ("1.5", "Framkomligheten i regionen ska öka", 1),
    ("1.6", "Stockholmarna ska vara nöjda med kultur- och idrottsmöjligheterna i Stockholm", 1),
    ("1.7", "Stockholm upplevs som en trygg, säker och ren stad", 1),
    ("2.1", "Stockholmarna upplever att de erbjuds valfrihet och mångfald", 1),
    ("2.2", "Barn och elever inhämtar och utvecklar kunskaper och värden", 2),
    ("2.3", "Stockholmarna upplever att de får god service och omsorg", 2),
    ("2.4", "Stockholms stad är en attraktiv arbetsgivare med spännande och utmanande arbeten", 1),
    ("3.1", "Budgeten är i balans", 1),
    ("3.2", "Alla verksamheter staden finansierar är effektiva", 1),
]


@pytest.mark.parametrize(("number", "title", "board_goals"), AREA_GOALS)
def test_it_reads_each_area_goal(sample_document, number, title, board_goals):
    found = goal(sample_document, number)
    assert found.title == title
    assert len(found.board_goals) == board_goals


# One activity from every area goal: (area goal, board goal index or None for KF's, title, dates)
ACTIVITIES = [
    ("1.1", 1, "Fortsatta aktiviteter i Söderortsvisionen.", "2012-01-01", "2014-12-31"),
    (
        "1.2",
        None,
        "Samordna arbetet med att erbjuda fler ofrivilligt deltidsanställda heltidstjänst.",
        "2013-01-01",
        "2013-12-31",
    ),
    (
        "1.3",
        None,
        "Utreda riktlinjer som anger hur staden kan arbeta med förnybar energiproduktion.",
        "2013-01-01",
        "2013-08-31",
    ),
    (
        "1.4",
        0,
        "Samordna effektiviseringen av plan- och byggprocessen.",
        "2012-01-01",
        "2013-12-31",
    ),
    (
        "1.5",
        0,
        "Leda och samordna förhandlingar och genomförandeavtal för infrastrukturprojekt med "
        "Trafikverket och SL.",
        "2013-01-01",
        "2013-12-31",
    ),
    (
        "1.6",
        0,
        "Införa evenemangsstrategin avseende verksamheten i Stadshuset.",
        "2012-01-01",
        "2012-12-31",
    ),
    (
        "1.7",
        None,
        "Genomföra minst en krisledningsövning på ledningsgruppsnivå.",
        "2013-01-01",
        "2013-12-31",
    ),
    ("2.1", None, "Under 2013 ska S:t Julianpriset delas ut", "2013-01-01", "2013-12-31"),
    (
        "2.2",
        None,
        "Utbildningsnämnden och kommunstyrelsen ska i samråd utreda hur en central "
        "avgiftshantering för förskola och fritidshem skulle kunna organiseras",
        "2013-01-01",
        "2013-06-30",
    ),
    (
        "2.3",
        1,
        "Utreda hur kvalitetsinspektioner ska samlas och utvärderas centralt och redovisas "
        "för stockholmarna.",
        "2013-01-01",
        "2013-12-31",
    ),
    (
        "2.4",
        0,
        "Sprida goda exempel från projektet Verksamhet och hälsa",
        "2012-01-01",
        "2013-12-31",
    ),
    (
        "3.1",
        0,
        "Påverka inriktningen på EU:s nya programperiod 2014 – 2020 för att möjliggöra "
        "finansiering av stadens utvecklingsinsatser.",
        "2012-01-01",
        "2013-12-31",
    ),
    (
        "3.2",
        None,
        "Genomföra upphandling av it-stöd inom sociala system för att ersätta nuvarande "
        "avtal på SchemOS, Vodok och ParaGå.",
        "2013-01-01",
        "2014-10-31",
    ),
]


@pytest.mark.parametrize(("number", "board_goal", "title", "start", "end"), ACTIVITIES)
def test_it_reads_activities_with_their_dates(
    sample_document, number, board_goal, title, start, end
):
    area_goal = goal(sample_document, number)
    owner = area_goal if board_goal is None else area_goal.board_goals[board_goal]
    found = next(a for a in owner.activities if a.title == title)
    assert (found.start, found.end) == (date.fromisoformat(start), date.fromisoformat(end))


def target(document, number, name, which):
    indicators = [*goal(document, number).indicators]
    for board_goal in goal(document, number).board_goals:
        indicators.extend(board_goal.indicators)
    indicator = next(i for i in indicators if i.name == name)
    found = getattr(indicator, f"{which}_target")
    return found and (found.text, found.kind, found.value, found.unit)


TARGETS = [
    (
        "1.1",
        "Andel upphandlad verksamhet i konkurrens (alla nämnder)",
        "board",
        ("1 %", "value", Decimal(1), "%"),
    ),
    (
        "1.1",
        "Andel upphandlad verksamhet i konkurrens (alla nämnder)",
        "council",
        ("36 %", "value", Decimal(36), "%"),
    ),
    (
        "1.2",
        "Antal praktikplatser som kan tillhandahållas för de aspiranter som Jobbtorg "
        "Stockholm kan matcha",
        "council",
        ("1600 st", "value", Decimal(1600), "st"),
    ),
    # A unit that wraps in its narrow cell ("kwh/kv" + "m").
    (
        "1.3",
        "Elanvändning per kvadratmeter",
        "board",
        ("33 kwh/kvm", "value", Decimal(33), "kwh/kvm"),
    ),
    ("1.3", "Elanvändning per kvadratmeter", "council", ("34 kWh", "value", Decimal(34), "kWh")),
    (
        "1.3",
        "Antal dygn över normvärdet för PM10 i luft",
        "board",
        ("20", "value", Decimal(20), ""),
    ),
    (
        "1.7",
        "Andel genomförda åtgärder inom ramen för RSA",
        "council",
        ("100 %", "value", Decimal(100), "%"),
    ),
    (
        "2.1",
        "Andel medborgare som vet var information finns för att kunna göra sina val",
        "board",
        ("51 %", "value", Decimal(51), "%"),
    ),
    ("2.4", "Aktivt Medskapandeindex", "board", ("84", "value", Decimal(84), "")),
    ("2.4", "Aktivt Medskapandeindex", "council", ("öka", "increase", None, "")),
    (
        "2.4",
        "Sjukfrånvaro (alla nämnder/bolag)",
        "council",
        ("4,4 %", "value", Decimal("4.4"), "%"),
    ),
    (
        "3.1",
        "Nämndens prognossäkerhet T2 (alla nämnder)",
        "council",
        ("+/- 1 %", "within", Decimal(1), "%"),
    ),
    (
        "3.1",
        "Stadens ekonomiska resultat",
        "council",
        ("0,1 mnkr", "value", Decimal("0.1"), "mnkr"),
    ),
    (
        "3.1",
        "Stadens soliditet exkl. pensionsåtaganden",
        "council",
        ("oförändrad", "unchanged", None, ""),
    ),
    (
        "3.2",
        "Administrationens andel av de totala kostnaderna (alla nämnder)",
        "council",
        ("minska", "decrease", None, ""),
    ),
    (
        "3.2",
        "Antal tävlande i kvalitetsutmärkelsen (alla nämnder)",
        "board",
        ("0 st", "value", Decimal(0), "st"),
    ),
    (
        "3.2",
        "Antal tävlande i kvalitetsutmärkelsen (alla nämnder)",
        "council",
        ("tas fram av nämnden", "set_by_board", None, ""),
    ),
]


@pytest.mark.parametrize(("number", "name", "which", "expected"), TARGETS)
def test_it_types_each_target(sample_document, number, name, which, expected):
    assert target(sample_document, number, name, which) == expected


@pytest.mark.parametrize(
    "name",
    [
        "Nämndens prognossäkerhet T2 (alla nämnder)",
        "Stadens ekonomiska resultat",
        "Stadens kapitalkostnader per nettodriftskostnader",
        "Stadens nettodriftskostnader per skatteintäkter",
        "Stadens soliditet exkl. pensionsåtaganden",
        "Stadens soliditet inkl. pensionsåtaganden",
    ],
)
def test_it_leaves_a_blank_board_target_blank(sample_document, name):
    assert target(sample_document, "3.1", name, "board") is None
    assert target(sample_document, "3.1", name, "council") is not None


def test_it_reads_periodicity_and_the_all_boards_scope(sample_document):
    indicators = {i.name: i for i in sample_document.indicators()}
    sick_leave = indicators["Sjukfrånvaro (alla nämnder/bolag)"]
    assert (sick_leave.periodicity, sick_leave.all_boards) == ("tertial", True)
    index = indicators["Aktivt Medskapandeindex"]
    assert (index.periodicity, index.all_boards) == ("year", False)
    assert sum(i.all_boards for i in indicators.values()) == 8


def test_it_reads_the_board_goals_own_indicators(sample_document):
    board_goal = goal(sample_document, "1.3").board_goals[0]
    assert board_goal.title == "Stockholmarnas livsmiljö är hållbar"
    assert [(i.name, i.board_target.text, i.council_target) for i in board_goal.indicators] == [
        (
            "Andel av stadens nämnder och styrelser som har antagit en resepolicy för miljövänliga "
            "resor i tjänsten",
            "100",
            None,
        ),
        (
            "Andel relevanta upphandlingar av varor och tjänster där krav ställs på att miljö- och "
            "hälsofarliga ämnen inte ingår",
            "80",
            None,
        ),
        ("Antal dygn över normvärdet för kvävedioxid i luft", "25", None),
        ("Antal dygn över normvärdet för PM10 i luft", "20", None),
        ("Energianvändning per kvadratmeter", "170", None),
    ]


def test_it_reads_the_budget(sample_document):
    budget = sample_document.budget
    assert (budget.title, budget.unit) == ("Stadsledningskontoret m.m.", "mnkr")
    rows = [(line.name, line.costs, line.revenues, line.net) for line in budget.lines]
    assert rows[0] == ("Stadsledning", Decimal("53.10"), None, Decimal("53.10"))
    assert rows[1] == ("Förnyelseavdelning", Decimal("79.80"), Decimal("-22.00"), Decimal("57.80"))
    assert rows[-1] == ("Stadsövergripande", Decimal("102.00"), None, Decimal("102.00"))
    assert [line.name for line in budget.lines][4:9] == [
        "IT-avdelning",
        "Juridisk avdelning",
        "Personalstrategisk avdelning",
        "Administrativ avdelning",
        "Förvaltningsövergripande",
    ]
    total = budget.total
    assert (total.name, total.costs, total.revenues, total.net) == (
        "KS förslag till budget",
        Decimal("1385.60"),
        Decimal("-46.60"),
        Decimal("1339.00"),
    )
    assert [(i.amount, i.text) for i in budget.investments] == [
        (
            Decimal("2.00"),
            "Kontoret har en investeringsbudget för Stadshusets lokaler om 2 miljoner "
            "kronor för 2013 .",
        ),
    ]
    assert [r.name for r in budget.result_units] == [
        "Visningsenheten inom administrativa avdelningen"
    ]


def test_it_reads_the_texts_with_their_subsections(sample_document):
    sections = {s.title: s for s in sample_document.sections}
    assert list(sections) == [
        "Ärendet",
        "Betydande projekt som inte är investeringar",
        "Omslutningsförändringar",
        "Medel för lokaländamål",
        "Särskilda redovisningar",
    ]
    projects = sections["Betydande projekt som inte är investeringar"]
    assert [s.title for s in projects.sections] == [
        "Ytterstadssatsning",
        "Stockholms stads upphandling av nytt ekonomisystem – SUNE",
        "SIKT",
    ]
    staff = sections["Särskilda redovisningar"].sections[0]
    assert staff.title == "MEDARBETARFRÅGOR"
    assert [s.title for s in staff.sections] == [
        "Främja hälsa och minska sjukfrånvaron",
        "Medarbetarundersökningen",
        "Personal- och kompetensförsörjning",
    ]
    assert sections["Medel för lokaländamål"].text.endswith("Hyrorna styrs av konsumentprisindex.")


def test_it_keeps_a_list_as_items(sample_document):
    sikt = sample_document.sections[1].sections[2]
    items = [p for p in sikt.text.split("\n\n") if p.startswith("• ")]
    assert (
        items[0] == "• Systemdrift och systemförvaltning av stadens centrala verksamhetssystem "
        "samt Service Desk"
    )
    assert len(items) == 4


def test_it_undoes_hyphenation_but_keeps_real_hyphens(sample_document):
    titles = [a.title for a in sample_document.activities()]
    # "Hässelby-" / "Vällingby" is one name with a hyphen; "utgångs-" / "punkt" one word.
    assert "Fortsatta aktiviteter i Järvalyftet och Hässelby-Vällingby stadsdelsområde." in titles
    assert (
        "Utveckla en strategi för långsiktig kompetensförsörjning med stockholmarnas behov "
        "som utgångspunkt."
    ) in titles
    # A hyphen before "och" shortens a compound: "miljö- och hälsofarliga".
    assert any("miljö- och hälsofarliga" in i.name for i in sample_document.indicators())
    # "ersättningsinvester-" / "ingar" is one word.
    assert ("Ta fram en samlad prognos för ersättningsinvesteringar inom it-området.") in titles


def test_it_drops_page_numbers(sample_document):
    investment = sample_document.budget.investments[0].text
    assert "24" not in investment
