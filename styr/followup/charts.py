"""Line charts drawn on the server as accessible SVG: no JavaScript, no chart library.

`line_chart` lays out a series of values over periods grouped by year (an indicator's outcomes)
against target lines held over a year's periods, each a value or a band (a tolerance of
+/- 1 %). It computes every coordinate here; the template `followup/_chart.svg` only writes
them out. The image has role="img", a <title> and a <desc> that says in words what it shows.
The outcome and each target differ in marker shape and dash pattern as well as in colour and
are named in a legend, so that nothing rests on colour alone (WCAG 1.4.1); every line and
marker has at least 3:1 contrast with the white background (1.4.11), the text 4.5:1 or more.
Coordinates are written with a decimal point whatever the language; the numbers a reader sees
are written as the language writes them (3,5 in Swedish).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from django.template.defaultfilters import floatformat
from django.template.loader import render_to_string
from django.utils.formats import number_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

WIDTH, HEIGHT = 720, 380
# The plot's edges: room on the left for the value labels (more for long ones), below for
# periods, years and the legend.
LEFT, RIGHT, TOP, BOTTOM = 64, WIDTH - 20, 32, HEIGHT - 110
LETTER = 9  # about the width of a digit at the chart's font size
TICKS = 5  # about how many steps the value axis is cut into


@dataclass(frozen=True)
class Style:
    """How one line looks: colour (3:1 or more on white), dash pattern and marker shape."""

    colour: str
    dash: str
    marker: str


OUTCOME = Style("#00507a", "", "circle")
TARGET_STYLES = [Style("#9c4a00", "9 5", "square"), Style("#6b2c91", "2 4", "diamond")]


@dataclass(frozen=True)
class Slot:
    """A place on the horizontal axis: a period (`label`, T1) within a year (`group`, 2013)."""

    group: str
    label: str

    def __str__(self) -> str:
        return f"{self.group} {self.label}"


@dataclass(frozen=True)
class Span:
    """A target held over the slots `first` to `last`: a value (low == high) or a band."""

    first: int
    last: int
    low: Decimal
    high: Decimal

    @property
    def band(self) -> bool:
        return self.low != self.high


@dataclass(frozen=True)
class TargetLine:
    """A named target (the board's, the council's) over the years it is set for."""

    name: str
    spans: tuple[Span, ...]
    unit: str = ""


@dataclass
class Drawn:
    """One line as drawn: its style, polylines, bands (x, y, width, height) and markers."""

    name: str
    style: Style
    kind: str  # "point" for the values' markers, "target" for the targets'
    lines: list[str] = field(default_factory=list)
    bands: list[tuple[str, str, str, str]] = field(default_factory=list)
    markers: list[tuple[str, str]] = field(default_factory=list)  # (path, tooltip)


@dataclass(frozen=True)
class Key:
    """A line's entry in the legend: a sample of the line with its marker, then its name."""

    line: str
    marker: str
    text_x: str
    y: str
    drawn: Drawn


@dataclass
class Chart:
    name: str
    title: str
    desc: str
    unit: str
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = RIGHT
    top: int = TOP
    bottom: int = BOTTOM
    y_ticks: list[tuple[str, str]] = field(default_factory=list)
    zero: str = ""
    x_labels: list[tuple[str, str]] = field(default_factory=list)
    groups: list[tuple[str, str]] = field(default_factory=list)
    dividers: list[str] = field(default_factory=list)
    series: list[Drawn] = field(default_factory=list)
    legend: list[Key] = field(default_factory=list)
    empty: str = ""

    @property
    def centre(self) -> tuple[str, str]:
        return coordinate((self.left + self.right) / 2), coordinate((self.top + self.bottom) / 2)

    def svg(self) -> SafeString:
        return SafeString(render_to_string("followup/_chart.svg", {"chart": self}).strip())


def line_chart(
    *,
    title: str,
    slots: list[Slot],
    values: list[Decimal | None],
    targets: list[TargetLine] = (),
    unit: str = "",
    value_name: str = "",
    name: str = "chart",
) -> Chart:
    """Return the chart of `values` (one per slot, None where a period has none) and targets.

    `name` makes the ids of the title and description unique on the page.
    """
    if len(values) != len(slots):
        raise ValueError(f"{len(values)} values for {len(slots)} slots")
    # Each target keeps its style by its place in `targets`, whether or not the others are set.
    styled = [(t, style) for t, style in zip(targets, TARGET_STYLES, strict=False) if t.spans]
    targets = [target for target, _style in styled]
    value_name = value_name or _("Outcome")
    chart = Chart(name, title, describe(slots, values, targets, unit, value_name), unit)
    scale = Scale.over([*values, *(n for t in targets for s in t.spans for n in (s.low, s.high))])
    ticks = list(scale.ticks())
    chart.y_ticks = [(coordinate(scale.y(tick)), label) for tick, label in ticks]
    chart.left = max(LEFT, 16 + LETTER * max(len(label) for _tick, label in ticks))
    if scale.low < 0 < scale.high:
        chart.zero = coordinate(scale.y(Decimal(0)))
    frame = Frame(chart.left, slots)
    place_slots(chart, frame)
    for target, style in styled:
        chart.series.append(draw_target(target, style, frame, scale))
    chart.series.append(draw_values(value_name, values, frame, scale, unit))
    chart.legend = legend([chart.series[-1], *chart.series[:-1]], chart.left)
    if not any(value is not None for value in values):
        chart.empty = _("No outcomes reported yet.")
    return chart


def coordinate(number: float) -> str:
    """Write a coordinate for SVG: a decimal point, one decimal at most."""
    return f"{number:.1f}".removesuffix(".0")


def shown(value: Decimal, unit: str = "") -> str:
    """Write a value as the tables beside the chart do (3,50 %), in the active language."""
    text = floatformat(value, "-2g")
    return f"{text} {unit}".strip()


# The value axis.


@dataclass(frozen=True)
class Scale:
    low: Decimal
    high: Decimal
    step: Decimal

    @classmethod
    def over(cls, numbers) -> Scale:
        """Return a scale with round steps that covers the numbers (0 to 1 when there are none).

        All equal numbers, or a single one, get room above and below.
        """
        found = [Decimal(n) for n in numbers if n is not None]
        low, high = (min(found), max(found)) if found else (Decimal(0), Decimal(1))
        if low == high:
            room = abs(low) / 10 or Decimal(1)
            low, high = low - room, high + room
        step = nice_step((high - low) / TICKS)
        return cls(
            (low / step).to_integral_value(rounding=ROUND_FLOOR) * step,
            (high / step).to_integral_value(rounding=ROUND_CEILING) * step,
            step,
        )

    def y(self, value: Decimal) -> float:
        return TOP + float((self.high - value) / (self.high - self.low)) * (BOTTOM - TOP)

    def ticks(self):
        """Yield each tick and its label, as many decimals as the step has (0,25 → two)."""
        places = max(0, -self.step.normalize().as_tuple().exponent)
        tick = self.low
        while tick <= self.high:
            yield tick, number_format(tick, places, use_l10n=True, force_grouping=True)
            tick += self.step


def nice_step(raw: Decimal) -> Decimal:
    """Return the round step (1, 2, 2,5 or 5 times a power of ten) at or above `raw`."""
    power = Decimal(10) ** math.floor(math.log10(raw))
    for factor in (1, 2, Decimal("2.5"), 5):
        if raw <= factor * power:
            return factor * power
    return 10 * power


# The periods and years along the bottom.


@dataclass(frozen=True)
class Frame:
    """The slots spread evenly across the plot, from its left edge to the right."""

    left: float
    slots: list[Slot]

    @property
    def width(self) -> float:
        """The width of one slot."""
        return (RIGHT - self.left) / max(len(self.slots), 1)

    def x(self, index: int) -> float:
        return self.left + (index + 0.5) * self.width


def place_slots(chart: Chart, frame: Frame) -> None:
    """Label each slot with its period, each run of slots with its year, divided by lines."""
    slots = frame.slots
    chart.x_labels = [(coordinate(frame.x(i)), slot.label) for i, slot in enumerate(slots)]
    runs = []
    for index, slot in enumerate(slots):
        if runs and runs[-1][0] == slot.group:
            runs[-1][2] = index
        else:
            runs.append([slot.group, index, index])
    for group, first, last in runs:
        chart.groups.append((coordinate((frame.x(first) + frame.x(last)) / 2), group))
        if first:
            chart.dividers.append(coordinate(frame.left + first * frame.width))


# The lines.


def marker(shape: str, x: float, y: float) -> str:
    """Return the path of a marker centred on (x, y): a circle, a square or a diamond."""
    if shape == "circle":
        return f"M{coordinate(x - 5)} {coordinate(y)}a5 5 0 1 0 10 0a5 5 0 1 0 -10 0Z"
    if shape == "square":
        return f"M{coordinate(x - 4.5)} {coordinate(y - 4.5)}h9v9h-9Z"
    return f"M{coordinate(x)} {coordinate(y - 6)}l6 6l-6 6l-6 -6Z"


def draw_values(name: str, values, frame: Frame, scale: Scale, unit: str) -> Drawn:
    """Join values of neighbouring slots; a slot without a value breaks the line."""
    drawn = Drawn(name, OUTCOME, "point")
    run: list[str] = []
    for index, value in enumerate([*values, None]):
        if value is None:
            if len(run) > 1:
                drawn.lines.append(" ".join(run))
            run = []
            continue
        x, y = frame.x(index), scale.y(value)
        run.append(f"{coordinate(x)},{coordinate(y)}")
        drawn.markers.append(
            (marker(OUTCOME.marker, x, y), f"{frame.slots[index]}: {shown(value, unit)}")
        )
    return drawn


def draw_target(target: TargetLine, style: Style, frame: Frame, scale: Scale) -> Drawn:
    """Draw each span as a level line across its slots, a band as two lines and a shade.

    The board's marker sits at the left end of its line and the council's at the right, so
    that two targets of the same value still show both markers.
    """
    drawn = Drawn(target.name, style, "target")
    half = frame.width * 0.45
    for span in target.spans:
        left, right = frame.x(span.first) - half, frame.x(span.last) + half
        end = left + 6 if style is TARGET_STYLES[0] else right - 6
        for value in sorted({span.low, span.high}):
            y = scale.y(value)
            drawn.lines.append(
                f"{coordinate(left)},{coordinate(y)} {coordinate(right)},{coordinate(y)}"
            )
            year = frame.slots[span.first].group
            tooltip = f"{target.name} {year}: {shown(value, target.unit)}"
            drawn.markers.append((marker(style.marker, end, y), tooltip))
        if span.band:
            top, bottom = scale.y(span.high), scale.y(span.low)
            drawn.bands.append(
                tuple(coordinate(n) for n in (left, top, right - left, bottom - top))
            )
    return drawn


def legend(series: list[Drawn], left: float) -> list[Key]:
    """Place the lines' keys under the years, two to a row, each with room for 35 letters."""
    keys = []
    for index, drawn in enumerate(series):
        row, column = divmod(index, 2)
        x, y = left + column * (RIGHT - left) / 2, BOTTOM + 68 + row * 24
        middle = x + 16
        keys.append(
            Key(
                f"{coordinate(x)},{coordinate(y)} {coordinate(x + 32)},{coordinate(y)}",
                marker(drawn.style.marker, middle, y),
                coordinate(x + 42),
                coordinate(y),
                drawn,
            )
        )
    return keys


# The description in words.


def describe(slots, values, targets: list[TargetLine], unit: str, value_name: str) -> str:
    """Say what the chart shows: the span of periods, the lowest, highest and latest value,
    each target by year and the periods without a value."""
    found = [(slot, value) for slot, value in zip(slots, values, strict=True) if value is not None]
    sentences = [values_sentence(found, unit, value_name)]
    for target in targets:
        sentences.append(target_sentence(target, slots))
    missing = [str(slot) for slot, value in zip(slots, values, strict=True) if value is None]
    if found and missing:
        sentences.append(_("No value for %(periods)s.") % {"periods": ", ".join(missing)})
    return " ".join(sentences)


def values_sentence(found, unit: str, value_name: str) -> str:
    if not found:
        return _("No outcomes reported yet.")
    first, last = found[0], found[-1]
    if len(found) == 1:
        return _("%(name)s %(period)s: %(value)s.") % {
            "name": value_name,
            "period": first[0],
            "value": shown(first[1], unit),
        }
    low = min(found, key=lambda pair: pair[1])
    high = max(found, key=lambda pair: pair[1])
    words = {
        "name": value_name,
        "count": ngettext("%(count)d value", "%(count)d values", len(found))
        % {"count": len(found)},
        "first": first[0],
        "last": last[0],
    }
    if low[1] == high[1]:
        return _("%(name)s, %(count)s from %(first)s to %(last)s, all %(value)s.") % {
            **words,
            "value": shown(low[1], unit),
        }
    return _(
        "%(name)s, %(count)s from %(first)s to %(last)s: lowest %(low)s (%(low_period)s),"
        " highest %(high)s (%(high_period)s), latest %(latest)s."
    ) % {
        **words,
        "low": shown(low[1], unit),
        "low_period": low[0],
        "high": shown(high[1], unit),
        "high_period": high[0],
        "latest": shown(last[1], unit),
    }


def target_sentence(target: TargetLine, slots: list[Slot]) -> str:
    parts = []
    for span in target.spans:
        if span.band:
            level = _("between %(low)s and %(high)s") % {
                "low": shown(span.low),
                "high": shown(span.high, target.unit),
            }
        else:
            level = shown(span.low, target.unit)
        parts.append(_("%(level)s in %(year)s") % {"level": level, "year": slots[span.first].group})
    return _("%(name)s: %(levels)s.") % {"name": target.name, "levels": ", ".join(parts)}
