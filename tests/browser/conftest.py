"""Fixtures for browser tests: Playwright's Chromium (Debian's build) against the live server.

`make install` installs Debian's chromium package; without /usr/bin/chromium these tests are
skipped, except in CI (CI=true), where a missing browser is an error rather than a silent skip.
"""

import os
from pathlib import Path

import pytest

from styr.planning.choices import PlanStatus

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # the tests run as root
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HERE = Path(__file__).resolve().parent


def is_browser_test(item) -> bool:
    return HERE in item.path.parents


def pytest_collection_modifyitems(config, items):
    """Mark every test under tests/browser with `browser`, skip them without a browser, and run
    them last (after pytest-django's ordering), once no other test needs the database."""
    missing = not CHROMIUM.exists() and os.environ.get("CI") != "true"
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is missing: `make install` installs chromium")
    for item in filter(is_browser_test, items):
        item.add_marker(pytest.mark.browser)
        if missing:
            item.add_marker(skip)
    items.sort(key=is_browser_test)  # stable: keeps the order within each group


@pytest.fixture(scope="session")
def browser(django_db_setup):
    """One headless Chromium for the whole session.

    Playwright's sync API keeps an asyncio event loop running in this thread, and Django
    refuses database access from a thread with a running loop. The fixtures, the tests and
    their teardown only touch the database synchronously, so the standard remedy,
    DJANGO_ALLOW_ASYNC_UNSAFE, is safe; it is set only while the browser runs (the browser
    tests run last), since it would also reach subprocesses such as `styr check --deploy`,
    which warns about it. The test database is set up before and torn down after.
    """
    if not CHROMIUM.exists():
        pytest.fail(f"CI=true but {CHROMIUM} is missing: `make install` should have installed it")
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh page (own context: no cookies carried over) whose relative URLs go to the server.

    Requesting live_server makes pytest-django give the test a transactional database, so what
    fixtures such as sample_plan save is committed and seen by the server's thread.
    """
    context = browser.new_context(
        base_url=live_server.url, locale="sv-SE", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def adopted_plan(sample_plan):
    """The sample plan, adopted: what every visitor, logged in or not, may read."""
    sample_plan.status = PlanStatus.ADOPTED
    sample_plan.save(update_fields=["status"])
    return sample_plan
