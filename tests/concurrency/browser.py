"""A person at a browser, for tests against a live server: a session of their own, forms read
from the pages as a browser reads them, and answers taken as they come (redirects not followed).
"""

from __future__ import annotations

import copy
import html
import http.cookiejar
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Answer:
    status: int
    text: str
    headers: dict

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")


@dataclass
class Form:
    action: str
    fields: dict[str, str] = field(default_factory=dict)
    options: dict[str, list[list[str]]] = field(default_factory=dict)  # value, text

    def option(self, name: str, text: str) -> str:
        """Return the value of the option of `name` whose text has `text` in it."""
        return next(value for value, shown in self.options[name] if text in shown)


class FormReader(HTMLParser):
    """Read every form of a page with the values a browser would send unchanged."""

    def __init__(self):
        super().__init__()
        self.forms: list[Form] = []
        self.select: str | None = None
        self.textarea: str | None = None
        self.option: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append(Form(a.get("action") or ""))
        elif tag == "option" and self.select:
            self.option = [a.get("value") or "", ""]
            self.forms[-1].options.setdefault(self.select, []).append(self.option)
            if "selected" in a:
                self.forms[-1].fields[self.select] = self.option[0]
        elif not self.forms or "name" not in a:
            return
        elif tag == "input" and a.get("type") not in ("submit", "button", "checkbox", "radio"):
            self.forms[-1].fields[a["name"]] = a.get("value") or ""
        elif tag == "input" and "checked" in a:
            self.forms[-1].fields[a["name"]] = a.get("value") or "on"
        elif tag == "select":
            self.select = a["name"]
            self.forms[-1].fields.setdefault(a["name"], "")
        elif tag == "textarea":
            self.textarea = a["name"]
            self.forms[-1].fields[a["name"]] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = self.option = None
        elif tag == "option":
            self.option = None
        elif tag == "textarea" and self.textarea:
            # A browser drops the newline that follows <textarea>, as HTML says.
            text = self.forms[-1].fields[self.textarea]
            self.forms[-1].fields[self.textarea] = text.removeprefix("\n")
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.forms[-1].fields[self.textarea] += data
        elif self.option:
            self.option[1] += data


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    def __init__(self, base: str):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirects
        )

    def tab(self) -> Browser:
        """Return another tab of this browser: the same login, pages of its own."""
        tab = Browser(self.base)
        for cookie in self.cookies:
            tab.cookies.set_cookie(copy.copy(cookie))
        return tab

    # The requests go to the test's own server, by http: no other scheme is asked for.
    def get(self, path: str) -> Answer:
        return self.send(urllib.request.Request(self.base + path))  # noqa: S310

    def post(self, path: str, data: dict) -> Answer:
        body = urllib.parse.urlencode(data).encode()
        headers = {"Referer": self.base + path, "X-CSRFToken": self.csrf()}
        request = urllib.request.Request(self.base + path, data=body, headers=headers)  # noqa: S310
        return self.send(request)

    def send(self, request) -> Answer:
        try:
            with self.opener.open(request, timeout=60) as answer:
                return Answer(answer.status, answer.read().decode(), dict(answer.headers))
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.read().decode(), dict(error.headers))

    def csrf(self) -> str:
        return next((c.value for c in self.cookies if c.name == "csrftoken"), "")

    def form(self, path: str, having: str) -> Form:
        """Return the form of the page that has a field whose whole name matches `having`."""
        answer = self.get(path)
        assert answer.status == 200, (path, answer.status)
        reader = FormReader()
        reader.feed(answer.text)
        return next(
            form for form in reader.forms if any(re.fullmatch(having, name) for name in form.fields)
        )

    def log_in(self, username: str, password: str) -> Browser:
        fields = self.form("/konto/logga-in/", "username").fields
        answer = self.post(
            "/konto/logga-in/", {**fields, "username": username, "password": password}
        )
        assert answer.status == 302, f"{username} could not log in ({answer.status})"
        return self


def simultaneously(*requests) -> list[Answer]:
    """Send the requests from threads of their own, released together; return the answers."""
    start = threading.Barrier(len(requests))
    answers: list[Answer | None] = [None] * len(requests)

    def send(index: int, request) -> None:
        start.wait()
        answers[index] = request()

    threads = [threading.Thread(target=send, args=pair) for pair in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return answers


def no_server_error(answers: list[Answer]) -> None:
    errors = [(a.status, why(a)) for a in answers if a.status >= 500]
    assert not errors, errors


def why(answer: Answer) -> str:
    """Return the error a failed answer names (Django's debug page), else its start."""
    found = re.search(r'<pre class="exception_value">(.*?)</pre>', answer.text, re.S)
    return html.unescape(found.group(1)) if found else answer.text[:200]
