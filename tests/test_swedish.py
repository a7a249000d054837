"""Swedish numbers, amounts, percentages and dates are read and written by one set of rules
(styr.swedish): what a person types, a plan holds or a workbook cell carries is read the same
way everywhere, and whatever Styr writes reads back as the same number."""

import contextlib
import re
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from styr.swedish import (
    MOST_DIGITS,
    WRITTEN_DATE,
    NotADate,
    NotANumber,
    amount_write,
    date_read,
    date_write,
    decimal_read,
    decimal_write,
    percentage_read,
    plain_read,
    plain_write,
)

NBSP, NARROW, THIN = "\u00a0", "\u202f", "\u2009"


# Reading numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("4,4", "4.4"),
        ("1 385,60", "1385.60"),
        (f"1{NBSP}385,60", "1385.60"),
        (f"1{NARROW}150", "1150"),
        (f"1{THIN}150", "1150"),
        ("1 385 000", "1385000"),
        ("1150", "1150"),
        ("12345678,25", "12345678.25"),
        ("0,5", "0.5"),
        ("007", "7"),
        ("  4,4\n", "4.4"),
    ],
)
def test_a_number_with_a_decimal_comma_and_spaces_between_thousands_is_read(text, number):
    assert decimal_read(text) == Decimal(number)


@pytest.mark.parametrize(
    ("text", "number"),
    [("−2", "-2"), ("-0,5", "-0.5"), ("−1 385,60", "-1385.60"), ("+3", "3"), ("+0,25", "0.25")],
)
def test_a_minus_sign_a_hyphen_or_a_plus_right_before_the_digits_gives_the_sign(text, number):
    assert decimal_read(text) == Decimal(number)


@pytest.mark.parametrize(
    ("text", "number"),
    [("4.4", "4.4"), ("1 385.6", "1385.6"), ("1.1500", "1.15"), ("0.25", "0.25")],
)
def test_a_decimal_point_is_read_as_people_used_to_spreadsheets_type_it(text, number):
    assert decimal_read(text) == Decimal(number)


@pytest.mark.parametrize("text", ["1.150", "2.500", "0.125", "1.150.000", "−1.385"])
def test_a_point_before_exactly_three_digits_is_refused_since_it_may_separate_thousands(text):
    with pytest.raises(NotANumber):
        decimal_read(text)


def test_a_comma_before_three_digits_is_always_a_decimal_comma():
    assert decimal_read("1,150") == Decimal("1.15")


@pytest.mark.parametrize(
    "text",
    [
        "1 2 3",  # groups of fewer than three
        "12 34",
        "1234 567",  # a first group of more than three
        "1  150",  # two spaces
        "1,150.5",  # both a comma and a point
        "1.150,5",
        "1 385,600 1",  # no grouping after the comma
        "- 2",  # a sign apart from its digits
        "2-",
        "+-2",
        "−−2",
        "–2",  # an en dash is a range's, not a minus
        ",5",
        "5,",
        "1,,5",
        "",
        "   ",
        "%",
        "4,4 %",
        "1e5",
        "1E+400",
        "NaN",
        "nan",
        "Infinity",
        "-inf",
        "١٢٣",  # Arabic-Indic digits
        "\uff11\uff12",  # full-width digits
        "²",
        "tre",
        "0x10",
        "1_000",
    ],
)
def test_anything_else_is_refused_as_not_a_number(text):
    with pytest.raises(NotANumber):
        decimal_read(text)


def test_a_number_of_more_digits_than_any_column_holds_is_refused():
    assert decimal_read("9" * MOST_DIGITS) == Decimal("9" * MOST_DIGITS)
    with pytest.raises(NotANumber):
        decimal_read("9" * (MOST_DIGITS + 1))
    with pytest.raises(NotANumber):
        decimal_read("0," + "0" * MOST_DIGITS)
    with pytest.raises(NotANumber):
        decimal_read("1 000" * 100_000)


def test_not_a_number_is_a_value_error_so_form_and_reader_code_catching_those_still_does():
    assert issubclass(NotANumber, ValueError)
    with pytest.raises(NotANumber):
        decimal_read(None)


# Percentages ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("4,4 %", "4.4"),
        ("4,4%", "4.4"),
        (f"90{NBSP}%", "90"),
        ("−2 %", "-2"),
        ("90", "90"),
        ("4.4 %", "4.4"),
    ],
)
def test_a_percentage_is_read_with_or_without_its_sign_as_the_number_of_per_cent(text, number):
    assert percentage_read(text) == Decimal(number)


@pytest.mark.parametrize("text", ["%", "4,4 %%", "% 4,4", "4,4 procent", "1.150 %", ""])
def test_a_percentage_that_is_not_a_number_and_a_sign_is_refused(text):
    with pytest.raises(NotANumber):
        percentage_read(text)


# Writing numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "text"),
    [
        ("4.400000", "4,4"),
        ("-2", "−2"),
        ("1385.60", "1385,6"),
        ("1E+3", "1000"),
        ("0.000000", "0"),
        ("-0.00", "0"),
        ("0.05", "0,05"),
    ],
)
def test_a_number_is_written_with_a_decimal_comma_a_minus_sign_and_no_trailing_zeros(number, text):
    assert decimal_write(Decimal(number)) == text


def test_a_grouped_number_keeps_its_thousands_apart_with_no_break_spaces():
    assert decimal_write(Decimal("-1385.600"), grouped=True) == f"−1{NBSP}385,6"
    assert decimal_write(1150, grouped=True) == f"1{NBSP}150"


@pytest.mark.parametrize(
    ("number", "text"),
    [
        ("1385.6", f"1{NBSP}385,60"),
        ("-46.6", "−46,60"),
        ("0", "0,00"),
        ("-0.001", "0,00"),
        ("0.005", "0,01"),  # half up, as accounts round
        ("1234567.891", f"1{NBSP}234{NBSP}567,89"),
    ],
)
def test_an_amount_is_written_with_two_decimals_and_no_break_spaces_between_thousands(number, text):
    assert amount_write(Decimal(number)) == text


def test_an_amount_may_be_written_with_other_places():
    assert amount_write(Decimal("1385.6"), places=0) == f"1{NBSP}386"
    assert amount_write(Decimal("2.5"), places=1) == "2,5"


def test_nothing_is_written_as_nothing():
    assert (decimal_write(None), amount_write(None), plain_write(None)) == ("", "", None)


def test_for_machines_a_number_is_written_plain_with_a_point():
    assert plain_write(Decimal("-4.400")) == "-4.4"
    assert plain_write(Decimal("53.1"), places=2) == "53.10"
    assert plain_write(Decimal("1E+3")) == "1000"
    assert plain_read("1.150") == Decimal("1.15")  # a machine's point is always a point


@pytest.mark.parametrize("text", ["1,5", "1 150", "+1", "1e5", "NaN", "", "1." + "0" * 40])
def test_plain_reading_refuses_what_a_machine_does_not_write(text):
    with pytest.raises(NotANumber):
        plain_read(text)


def test_an_infinite_number_is_never_written():
    with pytest.raises(NotANumber):
        amount_write(Decimal("Infinity"))
    with pytest.raises(NotANumber):
        decimal_write(Decimal("NaN"))


# Dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2013-06-30", date(2013, 6, 30)),
        ("9 januari 2013", date(2013, 1, 9)),
        ("30 Juni 2013", date(2013, 6, 30)),
        ("1 MARS 2014", date(2014, 3, 1)),
        (" 2013-12-31 ", date(2013, 12, 31)),
    ],
)
def test_a_date_is_read_in_iso_form_or_in_swedish_words(text, day):
    assert date_read(text) == day


@pytest.mark.parametrize(
    "text",
    [
        "2013-02-30",
        "2013-13-01",
        "20130630",  # ISO's compact form: refused, only 2013-06-30 is written
        "2013-W26-7",
        "2013-6-30",
        "30/6 2013",
        "32 januari 2013",
        "9 jan 2013",
        "9 january 2013",
        "9 januari 13",
        "",
        "٢٠١٣-٠٦-٣٠",
    ],
)
def test_anything_else_is_refused_as_not_a_date(text):
    with pytest.raises(NotADate):
        date_read(text)


def test_a_machine_format_may_take_only_the_iso_form():
    assert date_read("2013-06-30", words=False) == date(2013, 6, 30)
    with pytest.raises(NotADate):
        date_read("30 juni 2013", words=False)


def test_a_date_is_written_in_iso_form_and_found_in_a_sentence_by_its_words():
    assert date_write(date(2013, 1, 9)) == "2013-01-09"
    found = re.search(WRITTEN_DATE, "Stockholm den 9 januari 2013")
    assert date_read(found.group()) == date(2013, 1, 9)


# Hostile: round trips and arbitrary text ---------------------------------------------------

decimals = st.decimals(
    min_value=Decimal("-1e19"), max_value=Decimal("1e19"), places=6, allow_nan=False
)


@pytest.mark.hostile
@given(decimals, st.booleans())
def test_a_written_number_reads_back_as_the_same_number(number, grouped):
    assert decimal_read(decimal_write(number, grouped=grouped)) == number
    assert plain_read(plain_write(number)) == number


@pytest.mark.hostile
@given(st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2))
def test_a_written_amount_reads_back_as_the_same_amount(number):
    assert decimal_read(amount_write(number)) == number
    assert percentage_read(decimal_write(number) + " %") == number


@pytest.mark.hostile
@given(st.dates())
def test_a_written_date_reads_back_as_the_same_date(day):
    assert date_read(date_write(day)) == day


@pytest.mark.hostile
@given(
    st.one_of(
        st.text(),
        st.text(alphabet="0123456789 ,.−-+%\u00a0\u202f\u2009eE", max_size=30),
    )
)
def test_reading_arbitrary_text_gives_a_number_or_refuses_it_and_nothing_else(text):
    for read in (decimal_read, percentage_read, plain_read):
        try:
            found = read(text)
        except NotANumber:
            continue
        assert found.is_finite()


@pytest.mark.hostile
@given(st.text(alphabet="0123456789 -januarimsplgoktbcedv", max_size=30) | st.text())
def test_reading_arbitrary_text_gives_a_date_or_refuses_it_and_nothing_else(text):
    with contextlib.suppress(NotADate):
        date_read(text)
