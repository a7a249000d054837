"""The public open-data page, and the catalogue's DCAT-AP-SE metadata as JSON-LD and RDF/XML,
for people and for harvesters such as dataportal.se."""

from __future__ import annotations

from itertools import groupby

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation

from styr.documents.catalogue import catalogue_datasets, catalogue_graph, licence

# The JSON-LD's names for the vocabularies, so that it reads "dcat:Dataset", not full addresses.
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
}


def catalogue(request):
    """List the datasets by body and year, each with its files to download."""
    datasets = catalogue_datasets(request)
    bodies = [
        (body, [(year, list(of_year)) for year, of_year in groupby(of_body, lambda d: d.year)])
        for body, of_body in groupby(datasets, lambda d: (d.municipality, d.body))
    ]
    municipalities = {dataset.municipality for dataset in datasets}
    context = {"bodies": bodies, "licence": licence(), "several": len(municipalities) > 1}
    return render(request, "documents/catalogue.html", context)


def catalogue_jsonld(request):
    return described(request, "json-ld", "application/ld+json")


def catalogue_rdf(request):
    return described(request, "xml", "application/rdf+xml")


def described(request, form: str, media_type: str) -> HttpResponse:
    """Answer with the catalogue in DCAT-AP-SE, in the site's language (Swedish) whatever the
    visitor's: it is what the national data portal harvests."""
    with translation.override(settings.LANGUAGE_CODE):
        graph = catalogue_graph(
            catalogue_datasets(request),
            url=request.build_absolute_uri(reverse("documents:catalogue")),
            language=settings.LANGUAGE_CODE,
        )
    extra = {"context": CONTEXT, "auto_compact": True} if form == "json-ld" else {}
    content = graph.serialize(format=form, encoding="utf-8", **extra)
    return HttpResponse(content, content_type=f"{media_type}; charset=utf-8")
