"""The indicator chart: well-formed, described in words, and drawn for any data it gets."""

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.utils import translation

from styr.followup.charts import (
    OUTCOME,
    TARGET_STYLES,
    Slot,
    Span,
    TargetLine,
    line_chart,
)

SVG = "{http://www.w3.org/2000/svg}"
YEAR = [Slot("2013", "T1"), Slot("2013", "T2"), Slot("2013", "År")]
TWO_YEARS = [*YEAR, Slot("2014", "T1"), Slot("2014", "T2"), Slot("2014", "År")]
NO_BOARD_TARGET = TargetLine("Nämndens årsmål", ())


@pytest.fixture(autouse=True)
def swedish():
    """The chart speaks the interface's first language."""
    with translation.override("sv"):
        yield


def drawn(values, slots=None, targets=(), **options):
    """Return the chart of the values (one per slot), parsed as XML, and its description."""
    slots = slots or TWO_YEARS[: len(values)]
    chart = line_chart(
        title=options.pop("title", "Sjukfrånvaro"),
        slots=slots,
        values=[None if v is None else Decimal(v) for v in values],
        targets=list(targets),
        **options,
    )
    return ET.fromstring(chart.svg()), chart.desc  # noqa: S314 -- our own markup


def points(svg) -> list:
    return svg.findall(f".//{SVG}path[@class='point']")


def outcome_lines(svg) -> list:
    group = [g for g in svg.iter(f"{SVG}g") if g.find(f"{SVG}path[@class='point']") is not None]
    return group[0].findall(f"{SVG}polyline") if group else []


def tick_labels(svg) -> list[str]:
    axes = svg.find(f"{SVG}g[@class='axes']")
    return [t.text for t in axes.findall(f"{SVG}text") if t.get("text-anchor") == "end"]


def relative_luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_the_chart_is_an_image_with_a_title_and_a_description():
    svg, desc = drawn(["3.2", "3.5", "2.9"], title="Sjukfrånvaro <alla nämnder> & bolag")

    assert svg.tag == f"{SVG}svg"
    assert svg.get("role") == "img"
    title = svg.find(f"{SVG}title")
    assert svg.get("aria-labelledby") == title.get("id")
    assert title.text == "Sjukfrånvaro <alla nämnder> & bolag"
    description = svg.find(f"{SVG}desc")
    assert svg.get("aria-describedby") == description.get("id")
    assert description.text == desc
    assert svg.get("viewBox") == "0 0 720 380"


def test_the_description_says_the_lowest_highest_and_latest_value_and_the_targets():
    _svg, desc = drawn(
        ["3.2", "3.5", "2.9"],
        targets=[TargetLine("Nämndens årsmål", (Span(0, 2, Decimal(3), Decimal(3)),), "%")],
        unit="%",
    )

    assert "3 värden från 2013 T1 till 2013 År" in desc
    assert "lägst 2,90 % (2013 År)" in desc
    assert "högst 3,50 % (2013 T2)" in desc
    assert "senast 2,90 %" in desc
    assert "Nämndens årsmål: 3 % för 2013." in desc


def test_it_plots_a_marker_for_every_value_and_breaks_the_line_where_a_period_has_none():
    svg, desc = drawn(["3.2", "3.5", None, "2.9", "3.1", "3.0"])

    assert len(points(svg)) == 5
    assert len(outcome_lines(svg)) == 2
    assert "Inget värde för 2013 År." in desc


def test_a_chart_without_values_says_so():
    svg, desc = drawn([None, None, None])

    assert points(svg) == []
    assert desc == "Inga utfall har rapporterats ännu."
    assert svg.find(f"{SVG}text[@class='empty']").text == "Inga utfall har rapporterats ännu."


def test_a_chart_of_no_periods_at_all_is_still_an_image():
    svg, desc = drawn([], slots=[])

    assert points(svg) == []
    assert desc == "Inga utfall har rapporterats ännu."


def test_a_single_value_is_a_marker_without_a_line():
    svg, desc = drawn(["84"], slots=[Slot("2013", "År")])

    assert len(points(svg)) == 1
    assert outcome_lines(svg) == []
    assert desc == "Utfall 2013 År: 84."


def test_equal_values_get_room_above_and_below():
    svg, desc = drawn(["5", "5", "5"])

    heights = {point.get("d").split()[1].split("a")[0] for point in points(svg)}
    assert len(heights) == 1
    labels = [Decimal(label.replace(",", ".")) for label in tick_labels(svg)]
    assert min(labels) < 5 < max(labels)
    assert "alla 5." in desc


def test_negative_values_are_drawn_below_a_zero_line():
    svg, desc = drawn(["-2.5", "1", "-0.5"])

    assert svg.find(f".//{SVG}line[@class='zero']") is not None
    labels = tick_labels(svg)
    assert "0" in labels
    assert any(label.startswith("-") for label in labels)
    assert "lägst -2,50" in desc


def test_ticks_have_a_decimal_comma_and_coordinates_a_decimal_point():
    svg, _desc = drawn(["0.12", "0.31", "0.2"])

    labels = tick_labels(svg)
    assert all("," in label for label in labels if label != "0"), labels
    for element in svg.iter():
        for name in ("x", "y", "x1", "y1", "width", "height"):
            if element.get(name) is not None:
                float(element.get(name))  # a comma here would be no number at all


def test_a_tolerance_is_drawn_as_a_band():
    band = TargetLine("KF:s årsmål", (Span(0, 2, Decimal(-1), Decimal(1)),), "%")
    svg, desc = drawn(["0.4", "-1.6", "0.2"], targets=[NO_BOARD_TARGET, band], unit="%")

    bands = svg.findall(f".//{SVG}rect[@class='band']")
    assert [band.get("fill") for band in bands] == [TARGET_STYLES[1].colour]  # the council's
    assert "KF:s årsmål: mellan -1 och 1 % för 2013." in desc


def test_each_target_is_a_level_over_its_year():
    board = TargetLine(
        "Nämndens årsmål",
        (Span(0, 2, Decimal(3), Decimal(3)), Span(3, 5, Decimal("2.5"), Decimal("2.5"))),
    )
    council = TargetLine("KF:s årsmål", (Span(0, 2, Decimal("4.4"), Decimal("4.4")),))
    svg, desc = drawn(["3.2", "3.5", "2.9", "3.1", "2.4", "2.6"], targets=[board, council])

    assert len(svg.findall(f".//{SVG}path[@class='target']")) == 3
    assert "Nämndens årsmål: 3 för 2013, 2,50 för 2014." in desc
    legend = svg.find(f"{SVG}g[@class='legend']")
    assert [t.text for t in legend.findall(f"{SVG}text")] == [
        "Utfall",
        "Nämndens årsmål",
        "KF:s årsmål",
    ]


def test_the_lines_differ_in_more_than_colour_and_stand_out_from_white():
    styles = [OUTCOME, *TARGET_STYLES]

    assert len({style.dash for style in styles}) == len(styles)
    assert len({style.marker for style in styles}) == len(styles)
    for style in styles:
        contrast = 1.05 / (relative_luminance(style.colour) + 0.05)
        assert contrast >= 3, style


def test_values_and_periods_must_pair_up():
    with pytest.raises(ValueError, match="2 values for 3 slots"):
        line_chart(title="x", slots=YEAR, values=[Decimal(1), Decimal(2)])


def test_long_value_labels_get_room_on_the_left():
    svg, _desc = drawn(["1250000", "1310000.5", "1200000"])

    for label in svg.find(f"{SVG}g[@class='axes']").findall(f"{SVG}text[@text-anchor='end']"):
        assert float(label.get("x")) >= 8 * len(label.text), label.text
