"""Where each export of a subject is downloaded: one address per exporter, its options in the
query string (?version=3, ?table=budget)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from styr.documents.exporters import exporters_for
from styr.documents.subjects import DecisionSubject, PlanSubject, ReportSubject


def export_url(subject, identifier: str, **options) -> str:
    """Return the address that downloads `subject` in the exporter `identifier`'s format."""
    if isinstance(subject, PlanSubject):
        plan = subject.plan
        url = reverse("documents:plan_export", args=[plan.organisation.slug, plan.year, identifier])
        if subject.version is not None:
            options = {"version": subject.version.number, **options}
    elif isinstance(subject, ReportSubject):
        plan = subject.report.plan
        period = subject.report.period_choice.slug
        url = reverse(
            "documents:report_export", args=[plan.organisation.slug, plan.year, period, identifier]
        )
    elif isinstance(subject, DecisionSubject):
        plan = subject.case.plan
        url = reverse(
            "documents:decision_export",
            args=[plan.organisation.slug, plan.year, subject.case.pk, identifier],
        )
    else:
        raise TypeError(f"no exports of {subject!r}")
    return f"{url}?{urlencode(options)}" if options else url


@dataclass(frozen=True)
class Download:
    label: str
    url: str
    media_type: str
    extension: str
    slow: bool


def downloads_of(subject, *, tables: bool = True) -> list[Download]:
    """Return a link to each listed export of the subject: a table format once per table, or
    (`tables=False`) not at all."""
    found = []
    for exporter in exporters_for(subject.kind, listed_only=True):
        choices = choices_of(exporter)
        if not tables and choices[0][1]:
            continue
        for label, options in choices:
            url = export_url(subject, exporter.identifier, **options)
            found.append(
                Download(label, url, exporter.media_type, exporter.extension, exporter.slow)
            )
    return found


def choices_of(exporter) -> list[tuple[str, dict]]:
    """Return each file an exporter writes of a subject, named, with the options that ask for
    it: one per table for an exporter that writes one table at a time."""
    tables = next((option.choices for option in exporter.options if option.name == "table"), ())
    if not tables:
        return [(str(exporter.name), {})]
    return [(f"{exporter.name}: {title}", {"table": value}) for value, title in tables]
