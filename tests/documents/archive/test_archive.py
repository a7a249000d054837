"""The archival package (E-ARK SIP): an adopted plan with its decision, or an approved report,
whose METS lists every file with its checksum, as the archive checks on receiving it."""

import hashlib
import io
import re
import zipfile
from pathlib import PurePosixPath

import pytest
from lxml import etree
from pypdf import PdfReader

# Registered here too, should the registry not import them yet.
from styr.documents import archive, printing  # noqa: F401
from styr.documents.exporters import NotExportable, exporter_for
from styr.documents.subjects import PlanSubject, ReportSubject
from styr.followup.choices import Period
from styr.followup.services import report_open
from styr.planning.versions import latest_version

pytestmark = pytest.mark.usefixtures("in_english")

NAMES = {
    "mets": "http://www.loc.gov/METS/",
    "xlink": "http://www.w3.org/1999/xlink",
    "csip": "https://DILCIS.eu/XML/METS/CSIPExtensionMETS",
    "dc": "http://purl.org/dc/elements/1.1/",
}
HREF = "{http://www.w3.org/1999/xlink}href"
NOT_LISTED = {"METS.xml", "checksums.sha256"}  # the package's METS, and the sums of it all


class Package:
    """An archival package unzipped: its folder's name and its files by path."""

    def __init__(self, content: bytes):
        with zipfile.ZipFile(io.BytesIO(content)) as unzipped:
            names = unzipped.namelist()
            (self.folder,) = {name.split("/", 1)[0] for name in names}  # one folder
            self.files = {
                name.split("/", 1)[1]: unzipped.read(name)
                for name in names
                if not name.endswith("/")
            }

    def xml(self, path: str):
        return etree.fromstring(self.files[path])

    def references(self, mets_path: str) -> dict[str, etree._Element]:
        """Return every file a METS references (fileSec and dmdSec), by path in the package."""
        base = PurePosixPath(mets_path).parent
        mets = self.xml(mets_path)
        found = {}
        for location in mets.iterfind(".//mets:file/mets:FLocat", NAMES):
            found[str(base / location.get(HREF))] = location.getparent()
        for reference in mets.iterfind(".//mets:dmdSec/mets:mdRef", NAMES):
            found[str(base / reference.get(HREF))] = reference
        return found


@pytest.fixture
def plan_package(adopted_version):
    subject = PlanSubject(adopted_version.plan, adopted_version)
    return Package(exporter_for("plan", "sip").render(subject).content)


@pytest.fixture
def report_package(approved_report):
    return Package(exporter_for("report", "sip").render(ReportSubject(approved_report)).content)


def test_the_plans_package_holds_its_pdf_a_its_json_and_its_decision(plan_package):
    data = sorted(path for path in plan_package.files if "/data/" in path)
    assert data == [
        "representations/rep1/data/kommunstyrelsen-2013-beslut-112-17262012.json",
        "representations/rep1/data/kommunstyrelsen-2013-verksamhetsplan-antagen-pdfa.pdf",
        "representations/rep1/data/kommunstyrelsen-2013-verksamhetsplan-antagen.json",
    ]
    catalog = PdfReader(io.BytesIO(plan_package.files[data[1]])).trailer["/Root"]
    xmp = catalog["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="2"' in xmp
    assert re.fullmatch(r"uuid-[0-9a-f-]{36}", plan_package.folder)


def test_the_descriptive_metadata_names_the_body_municipality_and_diary_number(plan_package):
    dc = plan_package.xml("metadata/descriptive/dc.xml")
    values = {(element.tag.split("}")[1], element.text) for element in dc}
    assert {
        ("title", "Verksamhetsplan 2013 för kommunstyrelsen"),
        ("creator", "Kommunstyrelsen"),
        ("publisher", "Stockholms stad"),
        ("identifier", "112-1726/2012"),
        ("identifier", plan_package.folder),
        ("language", "sv"),
    } <= values


@pytest.mark.parametrize("name", ["plan_package", "report_package"])
def test_the_mets_and_the_checksums_list_every_file_with_its_sha256(request, name):
    package = request.getfixturevalue(name)
    root = package.xml("METS.xml")
    assert root.get("OBJID") == package.folder
    assert root.get("PROFILE") == "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"
    assert root.get(f"{{{NAMES['csip']}}}CONTENTINFORMATIONTYPE")
    assert root.find("mets:metsHdr/mets:agent/mets:name", NAMES).text == "Styr"
    group = root.find("mets:fileSec/mets:fileGrp", NAMES)
    assert group.get("USE") == "Representations/rep1"
    divisions = [d.get("LABEL") for d in root.iterfind("mets:structMap/mets:div/mets:div", NAMES)]
    assert divisions == ["Metadata", "Representations/rep1"]
    referenced = package.references("METS.xml") | package.references(
        "representations/rep1/METS.xml"
    )
    assert set(referenced) == set(package.files) - NOT_LISTED
    for path, entry in referenced.items():
        content = package.files[path]
        assert entry.get("CHECKSUMTYPE") == "SHA-256"
        assert entry.get("CHECKSUM") == hashlib.sha256(content).hexdigest(), path
        assert entry.get("SIZE") == str(len(content)), path
        assert entry.get("MIMETYPE"), path
    lines = package.files["checksums.sha256"].decode().splitlines()
    sums = {path: digest for digest, path in (line.split("  ", 1) for line in lines)}
    assert set(sums) == set(package.files) - {"checksums.sha256"}
    for path, digest in sums.items():
        assert hashlib.sha256(package.files[path]).hexdigest() == digest, path


def test_the_same_report_makes_the_same_package(approved_report, report_package):
    again = Package(exporter_for("report", "sip").render(ReportSubject(approved_report)).content)
    assert again.folder == report_package.folder
    assert again.files["METS.xml"] == report_package.files["METS.xml"]


def test_a_plan_as_it_stands_is_not_archived(decided_plan):
    with pytest.raises(NotExportable, match="choose the adopted version"):
        exporter_for("plan", "sip").render(PlanSubject(decided_plan))


def test_a_proposal_is_not_archived(decided_plan):
    proposal = latest_version(decided_plan, "proposal")
    with pytest.raises(NotExportable, match=f"version {proposal.number} is not one"):
        exporter_for("plan", "sip").render(PlanSubject(decided_plan, proposal))


def test_a_report_not_approved_is_not_archived(decided_plan):
    report = report_open(plan=decided_plan, period=Period.T2)
    with pytest.raises(NotExportable, match="Only an approved report is archived"):
        exporter_for("report", "sip").render(ReportSubject(report))
