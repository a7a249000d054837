"""Fixtures for the plan's pages."""

import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture
def web(client, planner):
    """A planner's browser, set to English so that messages read as in the source."""
    client.force_login(planner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield client
