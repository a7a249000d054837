"""The open-data catalogue: the datasets Styr publishes and their DCAT-AP-SE description.

A dataset is what the public may read: each adopted plan, and each approved follow-up report.
Its distributions are the files the public download list offers (the listed exporters of its
kind, one per table where an exporter writes one table at a time). The catalogue page lists
them; `catalogue_graph` describes them in DCAT-AP-SE, the Swedish profile of DCAT-AP that
dataportal.se harvests, serialised as JSON-LD and RDF/XML.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import rules
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch
from django.utils.text import slugify
from django.utils.translation import gettext as _
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from styr.documents.links import downloads_of
from styr.documents.subjects import PlanSubject, ReportSubject
from styr.followup.choices import ReportStatus
from styr.followup.models import Report
from styr.planning.choices import PlanStatus
from styr.planning.models import PlanVersion
from styr.planning.selectors import plans_visible_to
from styr.swedish import date_write

# The licences a municipality is likely to choose, by their SPDX names; any other licence is
# given by its address.
LICENCES = {
    "CC0-1.0": "http://creativecommons.org/publicdomain/zero/1.0/",
    "CC-BY-4.0": "http://creativecommons.org/licenses/by/4.0/",
}
DATA_THEME = Namespace("http://publications.europa.eu/resource/authority/data-theme/")
LANGUAGE = Namespace("http://publications.europa.eu/resource/authority/language/")
FILE_TYPE = Namespace("http://publications.europa.eu/resource/authority/file-type/")
MEDIA_TYPE = Namespace("https://www.iana.org/assignments/media-types/")
PUBLISHER_TYPE = Namespace("http://purl.org/adms/publishertype/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")


@dataclass(frozen=True)
class Distribution:
    """One file of a dataset, as the public downloads it."""

    title: str
    url: str  # absolute
    media_type: str
    format: str  # the EU file-type code: PDF, CSV, XLSX …
    # Whether the address answers with the file itself; a slow format's page makes it first.
    direct: bool = True


@dataclass(frozen=True)
class Dataset:
    """A plan or a report the public may read, with what the catalogue says of it."""

    kind: str  # "plan" or "report"
    identifier: str  # the subject's stem, which names its files
    title: str
    description: str
    municipality: str
    body: str
    year: int
    start: date
    end: date
    issued: date | None
    modified: date | None
    keywords: tuple[str, ...]
    landing_page: str  # absolute
    distributions: tuple[Distribution, ...]


@dataclass(frozen=True)
class Licence:
    name: str  # "CC0-1.0", or the address when it is not one of LICENCES
    url: str


def licence() -> Licence:
    """Return the licence the open data is published under (the setting STYR_OPEN_DATA_LICENCE:
    an SPDX name of LICENCES, or a licence's address)."""
    name = settings.STYR_OPEN_DATA_LICENCE
    return Licence(name, LICENCES.get(name, name))


def contact_address() -> str:
    return settings.STYR_OPEN_DATA_CONTACT


def catalogue_datasets(request) -> list[Dataset]:
    """Return every dataset the public may read, by municipality, body, year and kind, in a
    fixed number of queries whatever the number of plans and reports."""
    public = AnonymousUser()
    adopted_versions = PlanVersion.objects.filter(status=PlanStatus.ADOPTED).defer("document")
    plans = plans_visible_to(public).prefetch_related(
        Prefetch("versions", queryset=adopted_versions.order_by("number"), to_attr="adopted")
    )
    reports = Report.objects.filter(status=ReportStatus.APPROVED).select_related(
        "plan__organisation__municipality"
    )
    found = [
        plan_dataset(request, plan)
        for plan in plans
        if rules.test_rule("planning.view_plan", public, plan)
    ]
    found += [
        report_dataset(request, report)
        for report in reports
        if rules.test_rule("followup.view_report", public, report)
    ]
    # A plan before its reports; the reports in the order of their periods' closing days.
    return sorted(found, key=lambda d: (d.municipality, d.body, -d.year, d.kind != "plan", d.end))


def plan_dataset(request, plan) -> Dataset:
    decided = [version.decided_on or version.created_at.date() for version in plan.adopted]
    subject = PlanSubject(plan)
    body = plan.organisation.name
    description = _(
        "The adopted activity plan of %(body)s for %(year)s: its goals, indicators with "
        "their targets, activities and budget."
    )
    return Dataset(
        kind=subject.kind,
        identifier=subject.stem,
        title=plan.title,
        description=description % {"body": body, "year": plan.year},
        municipality=plan.organisation.municipality.name,
        body=body,
        year=plan.year,
        start=date(plan.year, 1, 1),
        end=date(plan.year, 12, 31),
        issued=min(decided, default=None),
        modified=max(decided, default=None),
        keywords=(_("activity plan"), str(plan.year), body),
        landing_page=request.build_absolute_uri(plan.get_absolute_url()),
        distributions=distributions(request, subject),
    )


def report_dataset(request, report) -> Dataset:
    plan = report.plan
    period = report.period_choice
    closing_day = period.closing_day(plan.year)
    approved = report.approved_at.date() if report.approved_at else None
    subject = ReportSubject(report)
    body = plan.organisation.name
    names = {"report": period.label, "year": plan.year, "body": body}
    description = _(
        "The approved follow-up of the activity plan of %(body)s for %(year)s, up to "
        "%(closing_day)s: the indicators' outcomes, the activities' status, the goals' "
        "assessments and the budget's forecast."
    )
    return Dataset(
        kind=subject.kind,
        identifier=subject.stem,
        title=_("%(report)s %(year)s, %(body)s") % names,
        description=description % {**names, "closing_day": date_write(closing_day)},
        municipality=plan.organisation.municipality.name,
        body=body,
        year=plan.year,
        # A report follows the year up to its closing day, as its values do.
        start=date(plan.year, 1, 1),
        end=closing_day,
        issued=approved,
        modified=approved,
        keywords=(_("follow-up"), str(period.label), str(plan.year), body),
        landing_page=request.build_absolute_uri(report.get_absolute_url()),
        distributions=distributions(request, subject),
    )


def distributions(request, subject) -> tuple[Distribution, ...]:
    """Return a subject's files the public download list offers."""
    return tuple(
        Distribution(
            title=download.label,
            url=request.build_absolute_uri(download.url),
            media_type=download.media_type,
            format=download.extension.upper(),
            direct=not download.slow,
        )
        for download in downloads_of(subject)
    )


def catalogue_graph(datasets: list[Dataset], *, url: str, language: str) -> Graph:
    """Describe the datasets in DCAT-AP-SE: a dcat:Catalog at `url` (the catalogue page), its
    datasets and their distributions, with texts in `language`."""
    graph = Graph()
    for prefix, namespace in (("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF), ("vcard", VCARD)):
        graph.bind(prefix, namespace)
    catalogue = URIRef(url)
    text = Text(language)
    municipality = settings.STYR_MUNICIPALITY
    graph.add((catalogue, RDF.type, DCAT.Catalog))
    graph.add(
        (catalogue, DCTERMS.title, text(_("Open data from %(name)s") % {"name": municipality}))
    )
    graph.add((catalogue, DCTERMS.description, text(catalogue_description())))
    graph.add((catalogue, DCTERMS.publisher, agent(graph, url, municipality)))
    graph.add((catalogue, DCTERMS.license, URIRef(licence().url)))
    graph.add((catalogue, DCTERMS.language, LANGUAGE.SWE))
    graph.add((catalogue, FOAF.homepage, catalogue))
    modified = [dataset.modified for dataset in datasets if dataset.modified]
    if modified:
        graph.add((catalogue, DCTERMS.modified, Literal(max(modified), datatype=XSD.date)))
    contact = contact_point(graph, url, municipality)
    for dataset in datasets:
        node = dataset_add(graph, dataset, url=url, text=text, contact=contact)
        graph.add((catalogue, DCAT.dataset, node))
    return graph


def catalogue_description() -> str:
    return _(
        "The adopted activity plans and approved follow-up reports the municipality publishes "
        "in Styr, as documents and as data."
    )


class Text:
    """Make literals in one language."""

    def __init__(self, language: str):
        self.language = language

    def __call__(self, value) -> Literal:
        return Literal(str(value), lang=self.language)


def agent(graph: Graph, url: str, name: str) -> URIRef:
    """Return a municipality as a foaf:Agent, the publisher of its datasets."""
    node = URIRef(f"{url}#{slugify(name)}")
    graph.add((node, RDF.type, FOAF.Agent))
    graph.add((node, FOAF.name, Literal(name)))
    graph.add((node, DCTERMS.type, PUBLISHER_TYPE.LocalAuthority))
    return node


def contact_point(graph: Graph, url: str, name: str) -> URIRef:
    node = URIRef(f"{url}#kontakt")
    graph.add((node, RDF.type, VCARD.Organization))
    graph.add((node, VCARD.fn, Literal(name)))
    graph.add((node, VCARD.hasEmail, URIRef(f"mailto:{contact_address()}")))
    return node


def dataset_add(graph: Graph, dataset: Dataset, *, url: str, text: Text, contact) -> URIRef:
    node = URIRef(f"{url}#{dataset.identifier}")
    rights = URIRef(licence().url)
    facts = [
        (RDF.type, DCAT.Dataset),
        (DCTERMS.identifier, Literal(node)),
        (DCTERMS.title, text(dataset.title)),
        (DCTERMS.description, text(dataset.description)),
        (DCTERMS.publisher, agent(graph, url, dataset.municipality)),
        (DCTERMS.license, rights),
        (DCTERMS.language, LANGUAGE.SWE),
        (DCTERMS.temporal, period_add(graph, dataset.start, dataset.end)),
        (DCAT.contactPoint, contact),
        (DCAT.theme, DATA_THEME.GOVE),
        (DCAT.landingPage, URIRef(dataset.landing_page)),
        *((DCAT.keyword, text(keyword)) for keyword in dataset.keywords),
    ]
    if dataset.issued:
        facts.append((DCTERMS.issued, Literal(dataset.issued, datatype=XSD.date)))
    if dataset.modified:
        facts.append((DCTERMS.modified, Literal(dataset.modified, datatype=XSD.date)))
    for number, distribution in enumerate(dataset.distributions, start=1):
        place = URIRef(f"{node}-{number}")
        distribution_add(graph, place, distribution, text=text, rights=rights)
        facts.append((DCAT.distribution, place))
    for predicate, value in facts:
        graph.add((node, predicate, value))
    return node


def period_add(graph: Graph, start: date, end: date) -> BNode:
    period = BNode()
    graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
    graph.add((period, DCAT.startDate, Literal(start, datatype=XSD.date)))
    graph.add((period, DCAT.endDate, Literal(end, datatype=XSD.date)))
    return period


def distribution_add(graph: Graph, node, distribution: Distribution, *, text: Text, rights):
    download = URIRef(distribution.url)
    for predicate, value in (
        (RDF.type, DCAT.Distribution),
        (DCTERMS.title, text(distribution.title)),
        (DCAT.accessURL, download),
        (DCAT.mediaType, MEDIA_TYPE[distribution.media_type]),
        (DCTERMS.format, FILE_TYPE[distribution.format]),
        (DCTERMS.license, rights),
    ):
        graph.add((node, predicate, value))
    # A harvester fetches a downloadURL as the file: a slow format's address is a page that
    # makes the file on request, so it is only the access address.
    if distribution.direct:
        graph.add((node, DCAT.downloadURL, download))
