"""Exporters: every way Styr writes a plan, a decision or a report to a file.

An exporter (after pretix's) has an identifier ("pdf"), a name users read ("PDF"), the kind of
subject it exports ("plan", "decision", "report"), its options, and `render(subject, **options)`,
which returns a `Rendered` file: its name, its media type and its bytes. `register` enters an
exporter in the registry; the download pages, the `styr export-*` commands and the API list and
find them there, so that a new format is one class in one place.
"""

from __future__ import annotations

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


class Exporter:
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

    def render(self, subject, **options) -> Rendered:
        raise NotImplementedError

    def file_name(self, subject, suffix: str = "") -> str:
        """Name a file for what it is: kommunstyrelsen-2013-verksamhetsplan-antagen.pdf."""
        return f"{subject.stem}{suffix}.{self.extension}"

    def rendered(self, subject, content: bytes, suffix: str = "") -> Rendered:
        return Rendered(self.file_name(subject, suffix), self.media_type, content)


REGISTRY: dict[tuple[str, str], Exporter] = {}


def register(cls: type[Exporter]) -> type[Exporter]:
    """Enter an exporter in the registry (a class decorator); an identifier is used once."""
    key = (cls.subject, cls.identifier)
    if key in REGISTRY:
        raise ValueError(f"two exporters of a {cls.subject} are called {cls.identifier!r}")
    REGISTRY[key] = cls()
    return cls


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
