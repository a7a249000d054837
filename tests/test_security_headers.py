"""Every kind of page answers with the security headers, and production's cookies are safe.

The Content-Security-Policy refuses inline script and style, so the pages must not carry any:
the browser tests (tests/browser/conftest.py) fail on any violation a page causes, and the
pages here are read for inline markup as well.
"""

import json
import re

import pytest
from django.urls import reverse

from styr.decisions.services import plan_adopt
from styr.planning.kinds import KINDS
from tests.admin import admin_url
from tests.test_settings import PRODUCTION_ENV, run_styr

# Inline style (an attribute or an element), inline script, an event handler, a javascript: URL.
INLINE = re.compile(
    r"""<style|\sstyle\s*=|<script(?![^>]*\ssrc=)[^>]*>|\son[a-z]+\s*=|javascript:""",
    re.IGNORECASE,
)


@pytest.fixture
def plan(sample_plan):
    plan_adopt(plan=sample_plan)
    return sample_plan


# Each kind of page: the client to ask with (logged in as who may read it) and the address.


def public_plan(request, plan):
    return request.getfixturevalue("client"), reverse(
        "planning:plan", args=[plan.organisation.slug, plan.year]
    )


def login(request, plan):
    return request.getfixturevalue("client"), reverse("accounts:login")


def followup_report(request, plan):
    return as_planner(request), reverse(
        "followup:report", args=[plan.organisation.slug, plan.year, "t1"]
    )


def followup_chart(request, plan):
    """The indicator's page, with its chart drawn on the server as SVG."""
    indicators = KINDS["indikatorer"].model.objects.filter(KINDS["indikatorer"].in_plan(plan))
    return as_planner(request), reverse(
        "followup:indicator", args=[plan.organisation.slug, plan.year, indicators[0].pk]
    )


def admin_index(request, plan):
    return request.getfixturevalue("staff"), reverse("admin:index")


def admin_change_form(request, plan):
    return request.getfixturevalue("staff"), admin_url(type(plan), "change", plan.pk)


def as_planner(request):
    client = request.getfixturevalue("client")
    client.force_login(request.getfixturevalue("planner"))
    return client


OUR_PAGES = [public_plan, login, followup_report, followup_chart]
PAGES = [*OUR_PAGES, admin_index, admin_change_form]


def fetch(page, request, plan):
    client, url = page(request, plan)
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response


def directives(response) -> dict[str, list[str]]:
    policy = response.headers["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in policy.split(";"))}


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.__name__)
def test_every_kind_of_page_sends_a_strict_content_security_policy(page, request, plan):
    policy = directives(fetch(page, request, plan))
    assert policy["default-src"] == policy["script-src"] == policy["style-src"] == ["'self'"]
    assert policy["object-src"] == policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == policy["form-action"] == ["'self'"]
    sources = " ".join(value for values in policy.values() for value in values)
    assert "unsafe" not in sources


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.__name__)
def test_every_kind_of_page_sends_the_other_security_headers(page, request, plan):
    response = fetch(page, request, plan)
    features = dict(
        part.strip().split("=", 1) for part in response.headers["Permissions-Policy"].split(",")
    )
    for feature in ["camera", "microphone", "geolocation", "payment", "usb", "serial"]:
        assert features[feature] == "()", feature
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("page", OUR_PAGES, ids=lambda page: page.__name__)
def test_our_pages_carry_no_inline_script_or_style(page, request, plan):
    html = fetch(page, request, plan).content.decode()
    found = [html[max(m.start() - 60, 0) : m.end() + 60] for m in INLINE.finditer(html)]
    assert not found, "\n".join(found)


def test_htmx_is_told_to_add_no_inline_style_and_to_evaluate_nothing(client):
    html = client.get(reverse("accounts:login")).content.decode()
    config = json.loads(re.search(r"""<meta name="htmx-config" content='([^']*)'>""", html)[1])
    assert config == {
        "includeIndicatorStyles": False,
        "allowEval": False,
        "allowScriptTags": False,
    }


# Production (DEBUG off), read in a process of its own: the settings module decides by DEBUG.

COOKIES = """
import json
from django.conf import settings as s
from django.test import Client, override_settings
# The page's static addresses without collectstatic's manifest.
plain = {**s.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}}
with override_settings(STORAGES=plain):
    response = Client(HTTP_HOST="styr.example.se").get("/konto/logga-in/", secure=True)
print(json.dumps({
    "settings": {name: getattr(s, name) for name in (
        "SESSION_COOKIE_NAME", "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE", "SESSION_COOKIE_DOMAIN", "SESSION_COOKIE_PATH",
        "CSRF_COOKIE_NAME", "CSRF_COOKIE_SECURE", "CSRF_COOKIE_HTTPONLY", "CSRF_COOKIE_SAMESITE",
        "LANGUAGE_COOKIE_SECURE",
    )},
    "set_cookie": [morsel.OutputString() for morsel in response.cookies.values()],
}))
"""


def test_production_cookies_are_host_only_secure_and_out_of_scripts_reach():
    result = run_styr("shell", "--no-imports", "-c", COOKIES, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["settings"] == {
        "SESSION_COOKIE_NAME": "__Host-sessionid",
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_DOMAIN": None,
        "SESSION_COOKIE_PATH": "/",
        "CSRF_COOKIE_NAME": "__Host-csrftoken",
        "CSRF_COOKIE_SECURE": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_SAMESITE": "Lax",
        "LANGUAGE_COOKIE_SECURE": True,
    }
    [csrf] = found["set_cookie"]
    parts = {part.strip().split("=")[0] for part in csrf.split(";")}
    assert {"__Host-csrftoken", "HttpOnly", "Path", "SameSite", "Secure"} <= parts
    assert "Domain" not in parts
