"""The pages meet WCAG 2.1 A and AA as far as axe-core can tell, and work from the keyboard."""

import pytest

from tests.browser.axe import assert_accessible


def test_start_page(page, adopted_plan):
    page.goto("/")
    assert page.locator("h1").inner_text() == "Planer"
    assert_accessible(page)


def test_plan_page(page, adopted_plan):
    page.goto(f"/planer/{adopted_plan.pk}/")
    assert adopted_plan.title in page.locator("h1").inner_text()
    assert_accessible(page)


def test_login_page(page, db):
    response = page.goto("/konto/logga-in/")
    if response.status == 404:
        pytest.skip("there is no login page at /konto/logga-in/")
    assert response.ok, response.status
    assert_accessible(page)


def is_focused(locator) -> bool:
    return locator.evaluate("element => element === document.activeElement")


def focused(page) -> str:
    """The focused element, for failure messages."""
    return page.evaluate("() => document.activeElement.outerHTML.slice(0, 200)")


def test_keyboard_skip_link_leads_to_the_main_content(page, adopted_plan):
    page.goto("/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Hoppa till huvudinnehållet")
    assert is_focused(skip_link), focused(page)
    assert skip_link.is_visible()  # shown when focused

    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main", focused(page)

    page.keyboard.press("Tab")
    first_link = page.locator("main a").first
    assert is_focused(first_link), focused(page)
