"""The central office reads the city's roll-up of a tertial: each indicator says how its city
value was made, a yearly indicator waits for the annual report, and a board's budget adherence
that its budget follow-up does not bear out is flagged. The page passes axe."""

import pytest
from playwright.sync_api import expect

from styr.followup.choices import Period
from styr.followup.services import report_open
from styr.followup.synthetic import report_fill
from tests.browser.axe import assert_accessible
from tests.browser.conftest import log_in, words

BEFORE = "Nämndens budgetföljsamhet före resultatöverföringar (alla nämnder)"
PROCURED = "Andel upphandlad verksamhet i konkurrens (alla nämnder)"


@pytest.fixture
def approved_t1(adopted_plan):
    """The sample plan's first tertial report, filled in with made-up values and approved:
    its budget adherence is made up too, so the budget follow-up does not bear it out."""
    return report_fill(report_open(plan=adopted_plan, period=Period.T1), seed=1, approved=True)


def test_the_central_office_reads_how_each_city_value_was_made(page, administrator, approved_t1):
    log_in(page, administrator)

    page.goto("/uppfoljning/2013/t1/stad/")

    adherence = page.get_by_role("row").filter(has_text=BEFORE)
    expect(adherence.locator("small.flag").first).to_contain_text(
        words("1 nämnds värde skiljer sig", "1 board's value differs")
    )
    expect(adherence.locator("details")).to_have_attribute("open", "")
    # The made-up value has its numerator and denominator: the city's is the ratio of the sums.
    expect(adherence.locator("td small").first).to_have_text(
        words("Summerade täljare genom summerade nämnare", "Summed numerators over summed")
    )
    procured = page.get_by_role("row").filter(has_text=PROCURED)
    expect(procured.locator("td").nth(1)).to_have_text(
        words("Rapporteras vid årets slut", "Reported at year end")
    )
    assert_accessible(page)
