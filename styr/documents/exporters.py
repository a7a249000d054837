"""Exporters: every way Styr writes a plan, a decision or a report to a file.

An exporter (after pretix's) has an identifier ("pdf"), a name users read ("PDF"), the kind of
subject it exports ("plan", "decision", "report"), its options, and `render(subject, **options)`,
which returns a `Rendered` file: its name, its media type and its bytes. `register` enters an
exporter in the registry, once per kind of subject it writes (`@register("plan", "report")`);
the download pages, the `styr export-*` commands and the API list and find them there, so
that a new format is one class in one place.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import ClassVar


@dataclass(frozen=True)
class Rendered:
    """A file an exporter wrote."""

    name: str
    media_type: str
    content: bytes

    @property
    def is_text(self) -> bool:
        return self.media_type.startswith(("text/", "application/json", "application/ld+json"))


class NotExportable(Exception):
    """A subject this exporter cannot write, with the reason users read (an archival package
    of a plan no decision adopted)."""


@dataclass(frozen=True)
class Option:
    """An option of an exporter: its name, what it does, and its value when not given."""

    name: str
    help: str
    default: object = None
    # (value, label) pairs, where the option takes one of a list.
    choices: tuple[tuple[str, str], ...] = field(default=())


class Exporter(ABC):
    identifier: ClassVar[str]
    name: ClassVar[str]  # lazily translated, as users read it
    subject: ClassVar[str]  # "plan", "decision" or "report"
    extension: ClassVar[str]
    media_type: ClassVar[str]
    options: ClassVar[tuple[Option, ...]] = ()
    # Whether rendering takes seconds (a PDF of a plan): the web makes it in a task, not while
    # the visitor waits on the request.
    slow: ClassVar[bool] = False
    # Whether the public download list offers it (an archival package is for the archive).
    listed: ClassVar[bool] = True

    @abstractmethod
    def render(self, subject, **options) -> Rendered:
        """Write the subject (a PlanSubject, DecisionSubject or ReportSubject) as a file;
        raise NotExportable, with the reason, for one this exporter cannot write."""

    @classmethod
    def options_for(cls, subject: str) -> tuple[Option, ...]:
        """Return the options the exporter takes for a kind of subject (the tables of a plan
        are not a report's)."""
        return cls.options

    def file_name(self, subject, suffix: str = "") -> str:
        """Name a file for what it is: kommunstyrelsen-2013-verksamhetsplan-antagen.pdf."""
        return f"{subject.stem}{suffix}.{self.extension}"

    def rendered(self, subject, content: bytes, suffix: str = "") -> Rendered:
        return Rendered(self.file_name(subject, suffix), self.media_type, content)


REGISTRY: dict[tuple[str, str], Exporter] = {}


def register(*subjects):
    """Enter an exporter in the registry (a class decorator): `@register("plan", "report")`
    for each of those kinds of subject, bare `@register` for the one its class names. An
    identifier is used once for a kind."""
    if len(subjects) == 1 and isinstance(subjects[0], type):
        cls = subjects[0]
        enter(cls.subject, cls())
        return cls

    def decorate(cls: type[Exporter]) -> type[Exporter]:
        for kind in subjects:
            attributes = {"subject": kind, "options": cls.options_for(kind)}
            enter(kind, type(f"{cls.__name__}For{kind.title()}", (cls,), attributes)())
        return cls

    return decorate


def enter(kind: str, exporter: Exporter) -> None:
    key = (kind, exporter.identifier)
    if key in REGISTRY:
        raise ValueError(f"two exporters of a {kind} are called {exporter.identifier!r}")
    REGISTRY[key] = exporter


def exporters_for(subject: str, *, listed_only: bool = False) -> list[Exporter]:
    """Return the exporters of a kind of subject, in the order they were registered."""
    return [
        exporter
        for (kind, _identifier), exporter in REGISTRY.items()
        if kind == subject and (exporter.listed or not listed_only)
    ]


def exporter_for(subject: str, identifier: str) -> Exporter | None:
    return REGISTRY.get((subject, identifier))


def identifiers(subject: str) -> list[str]:
    return [exporter.identifier for exporter in exporters_for(subject)]
