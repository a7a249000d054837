"""A synthetic city: realistic-looking plans of any size, for benchmarks and tests.

`synthetic_plan` builds one board's plan for a year; `synthetic_city` builds the plans of many
boards over several years. The text is Swedish-looking, made from a small vocabulary, and
everything follows from the seed, so the same call always gives the same plans.
"""

from __future__ import annotations

import itertools
import random
from datetime import date, timedelta
from decimal import Decimal

from styr.planning.choices import Aggregation, Periodicity, PlanStatus, Polarity, TargetKind
from styr.planning.document import (
    ActivityDoc,
    AreaGoalDoc,
    BoardGoalDoc,
    BudgetDoc,
    BudgetLineDoc,
    DirectionDoc,
    IndicatorDoc,
    InvestmentDoc,
    PlanDocument,
    ResultUnitDoc,
    SectionDoc,
    Target,
)
from styr.swedish import decimal_write

# The council's three direction goals, the same for every board, as in a real municipality.
DIRECTIONS = [
    "Staden är attraktiv, trygg och växande för boende, företagande och besök",
    "Staden är ekologiskt hållbar med ett rikt kulturliv och en god miljö",
    "Staden har en ekonomi i balans och en effektiv verksamhet av hög kvalitet",
]
WHO = [
    "Invånarna",
    "Barn och unga",
    "Äldre",
    "Företag",
    "Medarbetarna",
    "Besökare",
    "Föreningar",
    "Personer med funktionsnedsättning",
    "Nyanlända",
    "Elever",
]
HAVE = [
    "har tillgång till",
    "upplever",
    "får",
    "bidrar till",
    "väljer",
    "är delaktiga i",
    "känner sig trygga med",
]
WHAT = [
    "en god service",
    "en trygg och tillgänglig stadsmiljö",
    "ett rikt kultur- och idrottsliv",
    "en skola av hög kvalitet",
    "en hållbar energianvändning",
    "en effektiv kollektivtrafik",
    "ett gott företagsklimat",
    "en väl fungerande omsorg",
    "goda möjligheter till arbete",
    "en attraktiv arbetsplats",
    "rena parker och grönområden",
    "digitala tjänster",
]
DO = [
    "Utveckla",
    "Samordna",
    "Genomföra",
    "Ta fram",
    "Följa upp",
    "Införa",
    "Utvärdera",
    "Förbättra",
    "Kartlägga",
    "Stärka",
]
WORK = [
    "arbetet med",
    "en plan för",
    "rutiner för",
    "en dialog om",
    "samverkan kring",
    "uppföljningen av",
    "en kartläggning av",
]
MEASURE = [
    ("Andel {who} som är nöjda med {what}", "%"),
    ("Antal {who} som tar del av {what}", "st"),
    ("Sjukfrånvaro bland {who}", "%"),
    ("Kostnad per invånare för {what}", "kr"),
    ("Energianvändning i lokaler för {what}", "kWh/kvm"),
    ("Handläggningstid för ärenden om {what}", "dagar"),
    ("Nöjd-kund-index för {what}", "poäng"),
]
# The council's indicators measured for the whole city, the same in every board's plan, as in
# the sample: which way is better and how the boards' values make the city's.
CITY_INDICATORS = [
    ("Sjukfrånvaro (alla nämnder/bolag)", "%", Polarity.LOWER, Aggregation.WEIGHTED_MEAN),
    (
        "Andel upphandlad verksamhet i konkurrens (alla nämnder)",
        "%",
        Polarity.HIGHER,
        Aggregation.RATIO,
    ),
    (
        "Antal ungdomar som fått sommarjobb i stadens regi (alla nämnder)",
        "st",
        Polarity.HIGHER,
        Aggregation.SUM,
    ),
    ("Antal praktikplatser för aspiranter (alla nämnder)", "st", Polarity.HIGHER, Aggregation.SUM),
    ("Aktivt Medskapandeindex (alla nämnder)", "", Polarity.HIGHER, Aggregation.WEIGHTED_MEAN),
    (
        "Administrationens andel av de totala kostnaderna (alla nämnder)",
        "%",
        Polarity.LOWER,
        Aggregation.RATIO,
    ),
    (
        "Nämndens budgetföljsamhet före resultatöverföringar (alla nämnder)",
        "%",
        Polarity.HIGHER,
        Aggregation.WEIGHTED_MEAN,
    ),
    (
        "Stadens soliditet inkl. pensionsåtaganden (alla nämnder)",
        "%",
        Polarity.HIGHER,
        Aggregation.CENTRAL,
    ),
]
DEPARTMENTS = [
    "Ledning och administration",
    "Ekonomiavdelning",
    "Personalavdelning",
    "Kommunikationsenhet",
    "IT-avdelning",
    "Verksamhetsstöd",
    "Individ- och familjeomsorg",
    "Förskola",
    "Grundskola",
    "Äldreomsorg",
    "Kultur och fritid",
    "Park och miljö",
    "Stadsutveckling",
    "Upphandling",
    "Lokaler och fastigheter",
]
# Every kind of target, in the order they are handed out, so that each plan has them all.
KINDS = [
    TargetKind.VALUE,
    TargetKind.WITHIN,
    TargetKind.INCREASE,
    TargetKind.DECREASE,
    TargetKind.UNCHANGED,
    TargetKind.SET_BY_BOARD,
    TargetKind.AT_LEAST,
    TargetKind.AT_MOST,
    TargetKind.ABOVE,
    TargetKind.BELOW,
    TargetKind.RANGE,
]
WORDS = {
    TargetKind.INCREASE: "öka",
    TargetKind.DECREASE: "minska",
    TargetKind.UNCHANGED: "oförändrad",
    TargetKind.SET_BY_BOARD: "tas fram av nämnden",
}
# How a bound is written before its number.
BOUND_WORDS = {
    TargetKind.AT_LEAST: "minst",
    TargetKind.AT_MOST: "högst",
    TargetKind.ABOVE: ">",
    TargetKind.BELOW: "<",
}
BOARDS = [
    "Kommunstyrelsen",
    "Utbildningsnämnden",
    "Socialnämnden",
    "Äldrenämnden",
    "Kulturnämnden",
    "Idrottsnämnden",
    "Miljö- och hälsoskyddsnämnden",
    "Trafiknämnden",
    "Stadsbyggnadsnämnden",
    "Exploateringsnämnden",
    "Fastighetsnämnden",
    "Arbetsmarknadsnämnden",
    "Servicenämnden",
    "Överförmyndarnämnden",
    "Kyrkogårdsnämnden",
]
PLACE_STARTS = ["Norr", "Söder", "Väster", "Öster", "Berg", "Sjö", "Ek", "Lind", "Björk", "Haga"]
PLACE_ENDS = ["by", "vik", "dal", "lunda", "backen", "höjden", "torp", "hamn", "näs", "sta"]


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(WHO)} {rng.choice(HAVE)} {rng.choice(WHAT)}"


def target(rng: random.Random, kind: str, unit: str) -> Target:
    if kind in WORDS:
        return Target(WORDS[kind], kind)
    if kind == TargetKind.WITHIN:
        value = Decimal(rng.randint(1, 5))
        return Target(f"+/- {value} {unit}", kind, value, unit)
    value = Decimal(rng.randint(10, 990)) / (10 if unit == "%" else 1)
    if kind == TargetKind.RANGE:
        upper = value + 10
        text = f"{decimal_write(value)}–{decimal_write(upper)} {unit}"
        return Target(text, kind, value, unit, upper)
    prefix = f"{BOUND_WORDS[kind]} " if kind in BOUND_WORDS else ""
    return Target(f"{prefix}{decimal_write(value)} {unit}", kind, value, unit)


def indicator(rng: random.Random, kinds: itertools.cycle) -> IndicatorDoc:
    pattern, unit = rng.choice(MEASURE)
    all_boards = rng.random() < 0.2
    name = pattern.format(who=rng.choice(WHO).lower(), what=rng.choice(WHAT))
    polarity, aggregation = Polarity.HIGHER, Aggregation.SUM
    if all_boards:
        name, unit, polarity, aggregation = rng.choice(CITY_INDICATORS)
    council_kind = next(kinds)
    return IndicatorDoc(
        name=name,
        periodicity=rng.choice([Periodicity.YEAR, Periodicity.TERTIAL]),
        all_boards=all_boards,
        polarity=polarity,
        aggregation=aggregation,
        board_target=target(rng, next(kinds), unit) if rng.random() < 0.8 else None,
        council_target=target(rng, council_kind, unit),
    )


def activity(rng: random.Random, year: int) -> ActivityDoc:
    start = date(year, 1, 1) + timedelta(days=rng.randrange(0, 300))
    end = min(start + timedelta(days=rng.randrange(30, 365)), date(year, 12, 31))
    title = f"{rng.choice(DO)} {rng.choice(WORK)} {rng.choice(WHAT)}"
    return ActivityDoc(title, start, end)


def split(total: int, parts: int, rng: random.Random) -> list[int]:
    """Split `total` into `parts` counts, each at least one when the total allows."""
    counts = [1 if total >= parts else 0] * parts
    for _ in range(total - sum(counts)):
        counts[rng.randrange(parts)] += 1
    return counts


def synthetic_budget(rng: random.Random, organisation: str, year: int) -> BudgetDoc:
    lines = []
    for name in rng.sample(DEPARTMENTS, rng.randint(8, 15)):
        costs = Decimal(rng.randint(500, 200_000)) / 100
        revenues = -Decimal(rng.randint(1, int(costs * 40))) / 100 if rng.random() < 0.6 else None
        lines.append(BudgetLineDoc(name, costs, revenues, costs + (revenues or 0)))
    costs = sum(line.costs for line in lines)
    filled = [line.revenues for line in lines if line.revenues is not None]
    revenues = sum(filled) if filled else None
    return BudgetDoc(
        title=f"Driftbudget {year}",
        lines=lines,
        total=BudgetLineDoc(f"{organisation}s budget", costs, revenues, costs + (revenues or 0)),
        investments=[
            InvestmentDoc(f"Investeringar i lokaler och utrustning {year}.", Decimal("2.50"))
        ],
        result_units=[ResultUnitDoc("Servicecenter", "Servicecenter är en resultatenhet.")],
    )


def synthetic_plan(
    *,
    organisation: str,
    year: int,
    items: int,
    seed: int,
    municipality: str = "Exempelstad",
    status: str = PlanStatus.PROPOSAL,
) -> PlanDocument:
    """Return a plan with about `items` goals, indicators and activities in all.

    Of the items about a tenth are area goals, an eighth board goals, a fifth indicators and
    the rest activities, as in Stockholm's plans; the sample plan has about 150 items.
    """
    rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
    area_count = max(3, items // 11)
    board_count = max(1, items // 8)
    indicator_count = max(len(KINDS), items // 5)
    activity_count = max(1, items - area_count - board_count - indicator_count)

    directions = [DirectionDoc(str(n), title) for n, title in enumerate(DIRECTIONS, start=1)]
    for direction, count in zip(directions, split(area_count, 3, rng), strict=True):
        direction.goals = [
            AreaGoalDoc(f"{direction.number}.{n}", sentence(rng), rng.choice(WHAT).capitalize())
            for n in range(1, count + 1)
        ]
    area_goals = [goal for direction in directions for goal in direction.goals]
    for _ in range(board_count):
        goal = rng.choice(area_goals)
        text = f"{sentence(rng)}. Nämnden arbetar för att {rng.choice(WHO).lower()} ska märka det."
        goal.board_goals.append(BoardGoalDoc(sentence(rng), text))
    owners = area_goals + [board for goal in area_goals for board in goal.board_goals]
    kinds = itertools.cycle(KINDS)
    for _ in range(indicator_count):
        rng.choice(owners).indicators.append(indicator(rng, kinds))
    for _ in range(activity_count):
        rng.choice(owners).activities.append(activity(rng, year))

    return PlanDocument(
        municipality=municipality,
        organisation=organisation,
        office=office_name(organisation),
        year=year,
        status=status,
        title=f"Verksamhetsplan {year} för {organisation.lower()}",
        directions=directions,
        budget=synthetic_budget(rng, organisation, year),
        sections=[
            SectionDoc("Inledning", f"{sentence(rng)}. {sentence(rng)}."),
            SectionDoc(
                "Betydande projekt",
                sections=[SectionDoc(rng.choice(WHAT).capitalize(), sentence(rng) + ".")],
            ),
        ],
    )


def office_name(board: str) -> str:
    """Return the office that serves a board: Utbildningsnämnden has Utbildningsförvaltningen."""
    if board == "Kommunstyrelsen":
        return "Stadsledningskontoret"
    return board.replace("nämnden", "förvaltningen") if "nämnden" in board else ""


def board_names(count: int) -> list[str]:
    """Return `count` board names: the city's boards, then its district boards."""
    places = [start + end.lower() for start in PLACE_STARTS for end in PLACE_ENDS]
    names = BOARDS + [f"Stadsdelsnämnden {place}" for place in places]
    names += [f"Nämnd {n}" for n in range(len(names) + 1, count + 1)]
    return names[:count]


def synthetic_city(
    *, boards: int, items: int, years: list[int], municipality: str = "Exempelstad", seed: int = 1
) -> list[PlanDocument]:
    """Return a plan per board and year; a board's plans have between 0.5 and 1.5 times `items`.

    The plans of past years are adopted; those of the last year are proposals.
    """
    rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
    plans = []
    for name in board_names(boards):
        size = max(10, round(items * rng.uniform(0.5, 1.5)))
        for year in years:
            status = PlanStatus.PROPOSAL if year == max(years) else PlanStatus.ADOPTED
            plans.append(
                synthetic_plan(
                    organisation=name,
                    year=year,
                    items=size,
                    seed=rng.randrange(2**32),
                    municipality=municipality,
                    status=status,
                )
            )
    return plans
