"""What an indicator's unit says about how the boards' values make the city's.

An indicator of all boards (*alla nämnder*) whose method is `Aggregation.BY_UNIT`, the default,
is made into the city's value by what its unit is (the target's unit, else the outcomes'):

- a count, summed: a unit in `STYR_SUMMED_UNITS` (st, antal, kr, tkr, mnkr, mdkr, personer,
  timmar, dagar, ärenden, platser, kWh, MWh, ton);
- a share: `%` or `procent`. The city's value is the boards' summed numerators over their summed
  denominators, in per cent, when every board gave both; else the mean of their values weighted
  by their denominators, when every board gave one; else the plain mean of their values;
- a mean: any other unit (index, betyg, poäng, kr/invånare, kWh/kvm, …), made as a share but not
  in per cent;
- no unit: a count, unless the name says a share or a mean (`STYR_AVERAGED_NAMES`: …index,
  andel…, …snitt…, medelvärde, medeltal), as "Aktivt Medskapandeindex" does.

A unit is read case and spaces aside, without a closing full stop ("St." is "st"). A unit not in
the summed list is averaged: summing twelve boards' means makes a number twelve times too
large, while the mean of counts is only a smaller number, so an unknown unit is not summed.

Two Django settings change the tables, with these defaults when styr/settings.py does not set
them: `STYR_SUMMED_UNITS`, the units that add up across boards (`SUMMED_UNITS`), and
`STYR_AVERAGED_NAMES`, a regular expression on the lower-cased name of an indicator without a
unit (`AVERAGED_NAMES`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from styr.planning.choices import Aggregation

COUNT, SHARE, MEAN = "count", "share", "mean"

SUMMED_UNITS = (
    "st",
    "antal",
    "kr",
    "tkr",
    "mnkr",
    "mdkr",
    "personer",
    "timmar",
    "dagar",
    "ärenden",
    "platser",
    "kwh",
    "mwh",
    "ton",
)
SHARE_UNITS = ("%", "procent")
# Words that make an indicator without a unit a mean or a share: "Aktivt Medskapandeindex",
# "Andel elever …", "Genomsnittlig …", "Medelvärde …". At a word's start, but "index" also at
# its end, as Swedish compounds it; "medel" alone is money ("ekonomiska medel"), not a mean.
AVERAGED_NAMES = r"index|\bandel|snitt|\bmedelv|\bmedeltal"


@dataclass(frozen=True)
class UnitKind:
    """The kind of an indicator's values, and why, in words for the page."""

    kind: str  # COUNT, SHARE or MEAN
    reason: str

    @property
    def summed(self) -> bool:
        return self.kind == COUNT


def unit_key(unit: str) -> str:
    return " ".join((unit or "").lower().split()).removesuffix(".")


def unit_kind(unit: str, name: str = "") -> UnitKind:
    """Return whether the indicator's values are counts, shares or means, and why."""
    key = unit_key(unit)
    summed = {unit_key(u) for u in getattr(settings, "STYR_SUMMED_UNITS", SUMMED_UNITS)}
    if key in SHARE_UNITS:
        return UnitKind(SHARE, _("“%(unit)s” is a share") % {"unit": unit.strip()})
    if key in summed:
        return UnitKind(COUNT, _("“%(unit)s” adds up") % {"unit": unit.strip()})
    if key:
        return UnitKind(MEAN, _("“%(unit)s” does not add up") % {"unit": unit.strip()})
    names = getattr(settings, "STYR_AVERAGED_NAMES", AVERAGED_NAMES)
    if names and re.search(names, name.lower()):
        return UnitKind(MEAN, _("no unit, and its name says a share or a mean"))
    return UnitKind(COUNT, _("no unit: counted"))


def method_of(aggregation: str, unit: str, name: str = "") -> str:
    """Return the method an indicator's city value is made by: its own, or, by its unit, `sum`
    for counts and `by_unit` (a ratio, a weighted mean or a mean, as the values allow) else."""
    if aggregation != Aggregation.BY_UNIT:
        return aggregation
    return Aggregation.SUM if unit_kind(unit, name).summed else Aggregation.BY_UNIT


def asks_for_parts(aggregation: str, unit: str, name: str = "") -> bool:
    """Say whether a board reporting the indicator should give its numerator and denominator:
    when the city's value is a ratio or a weighted mean, or, by its unit, an average."""
    return method_of(aggregation, unit, name) in {
        Aggregation.RATIO,
        Aggregation.WEIGHTED_MEAN,
        Aggregation.BY_UNIT,
    }
