"""The open-data catalogue: the public finds every adopted plan and approved report with its
files, and a harvester reads the same as DCAT-AP-SE in JSON-LD and RDF/XML."""

import pytest
from django.urls import reverse
from rdflib import Graph
from rdflib import namespace as vocabulary
from rdflib.compare import isomorphic

# Registered here too, should the registry not import them yet: CSV (one file per table),
# the print page and the PDF.
from styr.documents import csv_files, printing  # noqa: F401
from styr.documents.catalogue import catalogue_datasets
from styr.documents.exporters import exporters_for

pytestmark = pytest.mark.usefixtures("in_english")

CC0 = "http://creativecommons.org/publicdomain/zero/1.0/"
# Named here, not imported: pytest would look for fixtures in the namespaces.
DCAT, DCTERMS = vocabulary.DCAT, vocabulary.DCTERMS
FOAF, RDF = vocabulary.FOAF, vocabulary.RDF
GOVE = "http://publications.europa.eu/resource/authority/data-theme/GOVE"


def harvested(client, name: str, form: str) -> Graph:
    response = client.get(reverse(name))
    assert response.status_code == 200
    return Graph().parse(data=response.content, format=form)


def test_the_page_lists_an_adopted_plan_and_its_approved_report_with_their_files(
    client, approved_report
):
    plan = approved_report.plan
    page = client.get(reverse("documents:catalogue")).content.decode()
    assert plan.title in page
    assert "Tertialrapport 1 2013, Kommunstyrelsen" in page
    assert "Tertialrapport 2 2013" not in page  # a draft
    for exporter in exporters_for("plan", listed_only=True):
        assert f"/planer/kommunstyrelsen/2013/ladda-ned/{exporter.identifier}/" in page
    assert "/planer/kommunstyrelsen/2013/uppfoljning/t1/ladda-ned/json/" in page
    assert 'href="/data/katalog.jsonld"' in page and 'href="/data/katalog.rdf"' in page
    assert CC0 in page


def test_a_draft_plan_is_not_published(client, sample_plan):
    page = client.get(reverse("documents:catalogue")).content.decode()
    assert sample_plan.title not in page
    assert "Inget är publicerat ännu" in page


def test_the_catalogue_is_public_whatever_the_visitor_may_read(as_role, sample_plan):
    page = as_role("planner").get(reverse("documents:catalogue")).content.decode()
    assert sample_plan.title not in page


def test_the_json_ld_describes_the_catalogue_in_dcat_ap_se(client, approved_report):
    graph = harvested(client, "documents:catalogue_jsonld", "json-ld")
    catalogues = list(graph.subjects(RDF.type, DCAT.Catalog))
    assert len(catalogues) == 1
    datasets = list(graph.objects(catalogues[0], DCAT.dataset))
    assert len(datasets) == 2  # the plan and its approved report
    for dataset in datasets:
        assert (dataset, RDF.type, DCAT.Dataset) in graph
        assert str(graph.value(dataset, DCTERMS.license)) == CC0
        assert str(graph.value(dataset, DCAT.theme)) == GOVE
        publisher = graph.value(dataset, DCTERMS.publisher)
        assert (publisher, RDF.type, FOAF.Agent) in graph
        assert str(graph.value(publisher, FOAF.name)) == "Stockholms stad"
        period = graph.value(dataset, DCTERMS.temporal)
        assert (period, RDF.type, DCTERMS.PeriodOfTime) in graph
        assert str(graph.value(period, DCAT.startDate)) == "2013-01-01"
        assert graph.value(dataset, DCAT.contactPoint) is not None
        assert str(graph.value(dataset, DCAT.landingPage)).startswith("http://testserver/planer/")
        for distribution in graph.objects(dataset, DCAT.distribution):
            assert (distribution, RDF.type, DCAT.Distribution) in graph
            url = str(graph.value(distribution, DCAT.accessURL))
            assert url.startswith("http://testserver/planer/kommunstyrelsen/2013/")
            download = graph.value(distribution, DCAT.downloadURL)
            # A PDF's address is a page that makes the file on request: no download address.
            is_pdf = str(graph.value(distribution, DCTERMS.format)).endswith("/PDF")
            assert download is None if is_pdf else str(download) == url
            assert graph.value(distribution, DCAT.mediaType) is not None
            assert graph.value(distribution, DCTERMS.format) is not None
    ends = {str(graph.value(graph.value(d, DCTERMS.temporal), DCAT.endDate)) for d in datasets}
    assert ends == {"2013-12-31", "2013-04-30"}


def test_rdf_xml_says_the_same_as_json_ld(client, approved_report):
    assert isomorphic(
        harvested(client, "documents:catalogue_rdf", "xml"),
        harvested(client, "documents:catalogue_jsonld", "json-ld"),
    )


def test_the_metadata_is_in_swedish_whatever_the_visitors_language(client, approved_report):
    graph = harvested(client, "documents:catalogue_jsonld", "json-ld")
    titles = {title.language for title in graph.objects(None, DCTERMS.title)}
    assert titles == {"sv"}
    assert any(
        str(t) == "Tertialrapport 1 2013, Kommunstyrelsen"
        for t in graph.objects(None, DCTERMS.title)
    )


def test_the_licence_is_a_setting(client, settings, approved_report):
    settings.STYR_OPEN_DATA_LICENCE = "CC-BY-4.0"
    graph = harvested(client, "documents:catalogue_rdf", "xml")
    licences = set(map(str, graph.objects(None, DCTERMS.license)))
    assert licences == {"http://creativecommons.org/licenses/by/4.0/"}


def test_a_table_format_is_one_distribution_per_table(public_request, decided_plan):
    (dataset,) = catalogue_datasets(public_request)
    csv_urls = [d.url for d in dataset.distributions if d.format == "CSV"]
    assert len(csv_urls) > 1
    assert all("?table=" in url for url in csv_urls)
    assert len(set(csv_urls)) == len(csv_urls)


def test_the_catalogue_reads_in_the_same_queries_however_many_plans(
    public_request, approved_report, other_board_plan, django_assert_max_num_queries
):
    # The plans, their adopted versions' dates, the approved reports.
    with django_assert_max_num_queries(3):
        datasets = catalogue_datasets(public_request)
    assert [(d.body, d.end.isoformat()) for d in datasets] == [
        ("Kommunstyrelsen", "2013-12-31"),  # the plan
        ("Kommunstyrelsen", "2013-04-30"),  # its first tertial report
        ("Utbildningsnämnden", "2013-12-31"),
        ("Utbildningsnämnden", "2013-08-31"),
    ]
