"""What the web fuzzer needs: the site's patterns, a crawl that finds real values for their
arguments and the forms that post to them, and the record's fingerprint.

Every pattern is found by walking `django.urls.get_resolver()`, so a page added later is fuzzed
without a change here. The values of its arguments come from the addresses the site's own pages
link to (a crawl as the central office, who may see every page), or, for an argument no page
links to, from another pattern's argument of the same name or from UNLINKED below.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import parse_qsl, quote, urljoin, urlsplit

from django.apps import apps
from django.contrib.admin import AdminSite, ModelAdmin
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.regex_helper import normalize

from styr.audit.models import Event
from styr.planning.models import Plan

# Arguments no page links to, and where their values come from: the admin's catch-all takes
# any text, and a plan's old address by its number is kept for links from outside.
UNLINKED = {
    "url": lambda: ["finns-inte/"],
    "plan_id": lambda: [str(pk) for pk in Plan.objects.values_list("pk", flat=True)],
}

# Odd values for every argument, besides the real ones: each is tried in the address as well.
ODD_VALUES = ["0", "-1", str(2**31), str(2**63), "9" * 30, "²", "١٢", "x" * 300, "%00", "ä ö"]


@dataclass(frozen=True)
class Pattern:
    """One leaf of the resolver: its test id, the address's formats and its argument names."""

    id: str
    regex: str
    callback: object

    @property
    def formats(self) -> list[tuple[str, list[str]]]:
        return normalize(self.regex)


def leaves(patterns=None, prefix: str = "^", namespace: str = "") -> list[Pattern]:
    """Return every leaf pattern of the site, in the resolver's order."""
    found = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        regex = prefix + entry.pattern.regex.pattern.lstrip("^")
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found += leaves(entry.url_patterns, regex, inner)
        elif isinstance(entry, URLPattern):
            name = entry.name or "(unnamed)"
            found.append(Pattern(f"{namespace}{name} /{route_text(regex)}", regex, entry.callback))
    return found


def route_text(regex: str) -> str:
    """Return a short readable form of a pattern's regex, for the test id."""
    text = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<\1>", regex)
    return text.strip("^$").replace("\\Z", "").replace("\\", "")


def pattern_of(path: str, patterns: list[Pattern]) -> tuple[Pattern, dict] | None:
    """Return the leaf that answers the path (the first whose regex matches), with its values."""
    for pattern in patterns:
        match = re.match(pattern.regex, path.lstrip("/"))
        if match:
            named = set(match.re.groupindex.values())
            groups = range(1, (match.re.groups or 0) + 1)
            positional = [match.group(n) for n in groups if n not in named]
            values = {name: v for name, v in match.groupdict().items() if v is not None}
            return pattern, {**values, **{f"_{n}": v for n, v in enumerate(positional)}}
    return None


def address(pattern: Pattern, values: dict) -> str:
    """Return the address of the pattern with these argument values (quoted), or ''."""
    for text, names in pattern.formats:
        if all(name in values for name in names):
            return "/" + text % {name: quote(str(values[name]), safe="") for name in names}
    return ""


def admin_of(callback) -> str:
    """Return the admin a view belongs to: a model's admin, the admin site, or ''."""
    view = callback
    while view is not None:
        owner = getattr(view, "model_admin", None) or getattr(view, "__self__", None)
        if isinstance(owner, ModelAdmin):
            return f"admin {owner.model._meta.label_lower}"
        if isinstance(getattr(view, "admin_site", None) or owner, AdminSite):
            return "admin site"
        view = getattr(view, "__wrapped__", None)
    return ""


def targets(patterns: list[Pattern]) -> dict[str, list[Pattern]]:
    """Group the patterns into what each test fuzzes: one view, or the views of one admin."""
    grouped = defaultdict(list)
    for pattern in patterns:
        grouped[admin_of(pattern.callback) or pattern.id].append(pattern)
    return dict(grouped)


@dataclass
class FormField:
    name: str
    kind: str  # the input's type, "select" or "textarea"
    value: str = ""
    options: list[str] = field(default_factory=list)


@dataclass
class Form:
    action: str
    method: str
    fields: list[FormField] = field(default_factory=list)

    @property
    def names(self) -> list[tuple[str, str]]:
        return [(f.name, f.kind) for f in self.fields]


class PageReader(HTMLParser):
    """Collect a page's links and its forms with their fields."""

    def __init__(self, url: str):
        super().__init__()
        self.url = url
        self.links: list[str] = []
        self.forms: list[Form] = []
        self.select: FormField | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if tag == "a" and attrs.get("href"):
            self.links.append(urljoin(self.url, attrs["href"]))
        elif tag == "form":
            action = urljoin(self.url, attrs.get("action") or self.url)
            self.forms.append(Form(action, attrs.get("method", "get").lower()))
        elif tag in {"input", "select", "textarea", "button"} and self.forms and attrs.get("name"):
            kind = attrs.get("type", "text") if tag == "input" else tag
            found = FormField(attrs["name"], kind, attrs.get("value", ""))
            self.forms[-1].fields.append(found)
            self.select = found if tag == "select" else None
        elif tag == "option" and self.select is not None:
            self.select.options.append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None


@dataclass(repr=False)
class Site:
    """What a crawl of the site found, by pattern id, and how to ask it as each role."""

    patterns: list[Pattern]
    values: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))
    forms: dict[str, list[Form]] = field(default_factory=lambda: defaultdict(list))
    parameters: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    # The session cookie of each role, the query parameters the code reads, the fingerprint.
    cookies: dict[str, SimpleCookie] = field(default_factory=dict)
    read: set[str] = field(default_factory=set)
    fingerprint_query: str = ""

    def __repr__(self) -> str:
        return f"<the site: {len(self.values)} of {len(self.patterns)} patterns linked to>"

    def client(self, role: str, **options) -> Client:
        """Return a test client logged in as the role (a user name), or as nobody."""
        client = Client(**options)
        if role in self.cookies:
            client.cookies = SimpleCookie(self.cookies[role].output(header="", sep=";"))
        return client

    def note(self, url: str) -> Pattern | None:
        """Record an address the site links to; return its pattern if it is one of ours."""
        parts = urlsplit(url)
        if parts.netloc not in {"", "testserver"}:
            return None
        found = pattern_of(parts.path, self.patterns)
        if found is None:
            return None
        pattern, values = found
        if values not in self.values[pattern.id]:
            self.values[pattern.id].append(values)
        self.parameters[pattern.id] |= {name for name, _ in parse_qsl(parts.query)}
        return pattern

    def crawl(self, client, start: list[str]) -> None:
        """Follow the links from the start pages, asking for one page of each pattern."""
        queue, asked = list(start), set()
        while queue:
            pattern = self.note(url := queue.pop(0))
            if pattern is None or pattern.id in asked:
                continue
            asked.add(pattern.id)
            response = client.get(url)
            if "html" not in response.get("Content-Type", ""):
                continue
            page = PageReader(urljoin("http://testserver/", url))
            page.feed(response.content.decode())
            queue += [link for link in page.links if urlsplit(link).netloc == "testserver"]
            for form in page.forms:
                self.form_found(form)

    def form_found(self, form: Form) -> None:
        pattern = self.note(form.action)
        if pattern is None:
            return
        if form.method == "get":
            self.parameters[pattern.id] |= {f.name for f in form.fields}
        elif not any(known.names == form.names for known in self.forms[pattern.id]):
            self.forms[pattern.id].append(form)

    def arguments(self, pattern: Pattern) -> dict[str, list[str]]:
        """Return real values for each of the pattern's arguments, from the crawl or its kin."""
        names = {name for _, formats in pattern.formats for name in formats}
        own = self.values.get(pattern.id, [])
        known = {}
        for name in names:
            values = [v[name] for v in own if name in v]
            values = values or [v[name] for vs in self.values.values() for v in vs if name in v]
            values = values or UNLINKED.get(name, list)()
            known[name] = list(dict.fromkeys(values))
        return known

    def unfilled(self, pattern: Pattern) -> list[str]:
        """Return the pattern's arguments for which nothing on the site gives a value."""
        return sorted(name for name, values in self.arguments(pattern).items() if not values)

    def samples(self, pattern: Pattern) -> list[dict]:
        """Return whole sets of real values: those of addresses the site links to, or made up."""
        own = self.values.get(pattern.id, [])
        if own:
            return own
        arguments = self.arguments(pattern)
        return [{name: values[0] for name, values in arguments.items()}]


SOURCE = Path(__file__).resolve().parents[2] / "styr"


def parameters_read() -> set[str]:
    """Return the names of the query parameters the code reads (request.GET and filters)."""
    found = set()
    for path in SOURCE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r"(?:GET|query)\.get(?:list)?\(\s*\"([^\"]+)\"", text))
        found |= set(re.findall(r"\"([^\"]+)\" (?:not )?in request\.GET", text))
    from styr.audit.forms import PARAMETERS

    return found | set(PARAMETERS.values())


# The apps that hold the record and its history; a GET request writes to none of them.
RECORD_APPS = {"organisations", "planning", "decisions", "followup", "audit", "accounts"}


def fingerprint_sql() -> str:
    """Return one query counting the rows of the record's tables.

    A refusal is logged as an event whatever the method (who tried what, for the audit), so
    the events counted are those not refused.
    """
    counts = []
    for model in apps.get_models():
        if model._meta.app_label in RECORD_APPS and model._meta.managed:
            refused = " WHERE NOT refused" if model is Event else ""
            table = model._meta.db_table
            counts.append(f'(SELECT COUNT(*) FROM "{table}"{refused})')  # noqa: S608 (models' tables)
    return f"SELECT {', '.join(counts)}"


def fingerprint(sql: str) -> tuple:
    """Return the row counts of the record's tables, history and events included, in one query."""
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return tuple(cursor.fetchone())
