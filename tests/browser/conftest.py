"""Fixtures for browser tests: Playwright's Chromium (Debian's build) against the live server.

`make install` installs Debian's chromium package; without /usr/bin/chromium these tests are
skipped, except in CI (CI=true), where a missing browser is an error rather than a silent skip.
"""

import os
import re
from pathlib import Path

import pytest

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
# Every page reports what the Content-Security-Policy refused, as a console error the test sees
# (Chromium logs most refusals itself, but not always with the place).
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => console.error(
    `Content Security Policy refused ${event.blockedURI || "inline"} (${event.violatedDirective})`
    + ` at ${event.sourceFile}:${event.lineNumber}: ${event.sample}`
));
"""


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
        browser.policy_violations = []
        patch.setattr(browser, "new_context", watched(browser.new_context, browser))
        yield browser
        browser.close()


def watched(new_context, browser):
    """Wrap `browser.new_context` so that every page of every context, the tests' own too,
    adds what the Content-Security-Policy refused to `browser.policy_violations`."""

    def watched_context(**options):
        context = new_context(**options)
        context.add_init_script(REPORT_VIOLATIONS)
        context.on("console", lambda message: collect(message, browser.policy_violations))
        return context

    return watched_context


def collect(message, found: list[str]) -> None:
    if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
        found.append(f"{message.page.url if message.page else '?'}: {message.text}")


@pytest.fixture(autouse=True)
def no_policy_violations(request):
    """Fail a browser test whose pages did anything the Content-Security-Policy refuses."""
    if "browser" not in request.fixturenames:
        yield
        return
    browser = request.getfixturevalue("browser")
    browser.policy_violations.clear()
    yield
    found = browser.policy_violations
    assert not found, "Content-Security-Policy violations:\n" + "\n".join(found)


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
    if not page.is_closed():
        page.evaluate("() => new Promise((done) => setTimeout(done))")  # let reports arrive
    context.close()


# Logging in and finding things: shared by the flows in this folder.

PASSWORD = "lösenord-för-test"  # noqa: S105 -- every persona's, from tests/conftest.py


def words(swedish: str, english: str) -> re.Pattern:
    """Match a text in Swedish, or in English while its translation is still missing."""
    return re.compile(rf"^\s*(?:{re.escape(swedish)}|{re.escape(english)})")


CHANGE = words("Ändra", "Change")
SAVE = words("Spara", "Save")
LOG_IN = words("Logga in", "Log in")
NOT_ALLOWED = words("Ingen behörighet", "Not allowed")


def log_in(page, user, password: str = PASSWORD, *, expect_success: bool = True) -> None:
    """Log in through the login form, once: no retries, so django-axes never locks anyone out
    (five failures for one user name from one address)."""
    page.goto("/konto/logga-in/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", password)
    page.locator("main").get_by_role("button", name=LOG_IN).click()
    page.wait_for_load_state()
    if expect_success:
        assert "/konto/logga-in/" not in page.url, (
            f"login failed: {page.locator('main').inner_text()}"
        )
        assert page.locator(".user-nav .who").inner_text() == str(user)


@pytest.fixture
def as_planner(page, planner):
    """The page, logged in as the executive board's planner."""
    log_in(page, planner)
    return page


@pytest.fixture
def as_reader(page, reader):
    """The page, logged in as a politician who reads the board's drafts."""
    log_in(page, reader)
    return page


ACTIVITY = "Genomföra medarbetarenkäten."


def activity_in(plan, title: str = ACTIVITY):
    """The plan's activity with the title."""
    from styr.planning.kinds import KINDS

    return KINDS["aktiviteter"].model.objects.get(KINDS["aktiviteter"].in_plan(plan), title=title)


def activity_row(page, title: str = ACTIVITY):
    """The overview's table row of the activity (its form, while it is being changed).

    Found by its title, then held by its id (aktiviteter-<pk>), which the form keeps. The id is
    read, not built from the pk: ids of 1000 and more are rendered with a thousands separator
    (test_large_ids.py), and which ids a test gets depends on the tests before it.
    """
    row = page.locator("tr", has=page.get_by_role("link", name=title, exact=True))
    return page.locator(f"tr[id='{row.get_attribute('id')}']")


def htmx_settled(page) -> None:
    """Wait until htmx has taken charge of the forms it swapped in.

    A person never types that fast; a test can, and would then submit the form the plain way.
    """
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
        " && [...document.querySelectorAll('form[hx-post]')]"
        ".every(form => form['htmx-internal-data'])"
    )
