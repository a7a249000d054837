"""The archival package: an adopted plan with its decision, or an approved report, as a
submission information package shaped after E-ARK CSIP/SIP (the basis of Riksarkivet's
FGS 2.0).

The zip holds one folder named by the package's id, which the record itself determines, so that
the same record always makes the same package:

    uuid-…/METS.xml                              the package's METS (CSIP and SIP profile)
    uuid-…/metadata/descriptive/dc.xml           Dublin Core: title, body, municipality, date,
                                                 diary number
    uuid-…/representations/rep1/METS.xml         the representation's METS
    uuid-…/representations/rep1/data/…          the PDF/A document and the JSON data (for a
                                                 plan, the decision's JSON too)
    uuid-…/checksums.sha256                      SHA-256 of every other file (sha256sum -c)

The package's METS references the descriptive metadata (dmdSec) and the representation's
METS (fileSec, structMap); the representation's METS lists its data files. Every reference
carries the file's size, SHA-256 and date. The dates are the record's (when the decision's
version was kept, when the report was approved), not the clock's.
"""

from __future__ import annotations

import hashlib
import uuid
import zipfile
from abc import abstractmethod
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from importlib.metadata import version
from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from lxml import etree

from styr.documents.exporters import Exporter, NotExportable, exporter_for, register
from styr.documents.subjects import DecisionSubject, Metadata
from styr.followup.choices import ReportStatus
from styr.planning.choices import PlanStatus

METS = "http://www.loc.gov/METS/"
XLINK = "http://www.w3.org/1999/xlink"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
CSIP = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
DC = "http://purl.org/dc/elements/1.1/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
NAMESPACES = {"mets": METS, "xlink": XLINK, "xsi": XSI, "csip": CSIP}
PROFILE = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"
SCHEMAS = f"{METS} http://www.loc.gov/standards/mets/mets.xsd"
# Package ids are UUIDs in this namespace, named after the record (see `identity`).
PACKAGES = uuid.uuid5(uuid.NAMESPACE_URL, "urn:styr:archival-package")
REPRESENTATION = "representations/rep1"
# The representation as CSIP names it in the fileSec's groups and the structMap's divisions.
REPRESENTATION_USE = "Representations/rep1"
CHECKSUMS = "checksums.sha256"


@dataclass(frozen=True)
class PackageFile:
    """A file of the package: its path from the package's folder, its media type, its bytes."""

    path: str
    media_type: str
    content: bytes

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    @property
    def size(self) -> int:
        return len(self.content)


@dataclass(frozen=True)
class Record:
    """What the package says of the record it holds."""

    identity: str  # names the record, to derive the package's id from
    metadata: Metadata
    kept_at: datetime  # when the record was made: the version kept, the report approved
    kind: str  # what the record is, in Swedish, for dc:type and the METS' label

    @property
    def package_id(self) -> str:
        return f"uuid-{uuid.uuid5(PACKAGES, self.identity)}"

    @property
    def created(self) -> str:
        return timezone.localtime(self.kept_at).replace(microsecond=0).isoformat()


class ArchivalPackage(Exporter):
    identifier = "sip"
    name = gettext_lazy("Archival package (E-ARK SIP)")
    extension = "zip"
    media_type = "application/zip"
    slow = True
    listed = False

    def render(self, subject, **options):
        record = self.record(subject)
        data = [
            self.data_file(subject, "pdf", archival=True),
            self.data_file(subject, "json"),
            *self.more_data(subject),
        ]
        return self.rendered(subject, package(record, data))

    @abstractmethod
    def record(self, subject) -> Record:
        """Return the record the subject is, or raise NotExportable if it is none."""

    def more_data(self, subject) -> list[PackageFile]:
        return []

    def data_file(self, subject, identifier: str, **options) -> PackageFile:
        rendered = exporter_for(subject.kind, identifier).render(subject, **options)
        return PackageFile(rendered.name, rendered.media_type, rendered.content)


@register
class PlanPackage(ArchivalPackage):
    """An adopted version of a plan, with the decision that adopted it."""

    subject = "plan"

    def record(self, subject) -> Record:
        kept = subject.version
        if kept is None:
            raise NotExportable(
                _(
                    "An archival package holds a plan as a decision adopted it: choose the "
                    "adopted version, not the plan as it stands."
                )
            )
        if kept.status != PlanStatus.ADOPTED or subject.case is None:
            raise NotExportable(
                _(
                    "Only a version of the plan that a decision adopted is archived, with that "
                    "decision: version %(number)s is not one."
                )
                % {"number": kept.number}
            )
        plan = subject.plan
        return Record(
            identity=f"{plan.organisation.municipality.name}/{plan.organisation.slug}/"
            f"{plan.year}/plan/{kept.number}",
            metadata=subject.metadata,
            kept_at=kept.created_at,
            kind="Verksamhetsplan",
        )

    def more_data(self, subject) -> list[PackageFile]:
        return [self.data_file(DecisionSubject(subject.case), "json")]


@register
class ReportPackage(ArchivalPackage):
    """An approved follow-up report, as it was approved."""

    subject = "report"

    def record(self, subject) -> Record:
        report = subject.report
        if report.status != ReportStatus.APPROVED:
            raise NotExportable(_("Only an approved report is archived: this one is not approved."))
        plan = report.plan
        return Record(
            identity=f"{plan.organisation.municipality.name}/{plan.organisation.slug}/"
            f"{plan.year}/report/{report.period}/{report.approved_at.isoformat()}",
            metadata=subject.metadata,
            kept_at=report.approved_at,
            kind="Uppföljningsrapport",
        )


def package(record: Record, data: list[PackageFile]) -> bytes:
    """Return the package's zip: its files under one folder named by the package's id."""
    data = [
        PackageFile(f"{REPRESENTATION}/data/{file.path}", file.media_type, file.content)
        for file in data
    ]
    representation = PackageFile(
        f"{REPRESENTATION}/METS.xml", "text/xml", representation_mets(record, data)
    )
    descriptive = PackageFile("metadata/descriptive/dc.xml", "text/xml", dublin_core(record))
    root = PackageFile("METS.xml", "text/xml", package_mets(record, descriptive, representation))
    files = [root, descriptive, representation, *data]
    files.append(PackageFile(CHECKSUMS, "text/plain", checksums(files)))
    return zipped(record, files)


def zipped(record: Record, files: list[PackageFile]) -> bytes:
    buffer = BytesIO()
    stamp = timezone.localtime(record.kept_at).timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in files:
            entry = zipfile.ZipInfo(f"{record.package_id}/{file.path}", date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, file.content)
    return buffer.getvalue()


def checksums(files: list[PackageFile]) -> bytes:
    """Write the files' SHA-256 as sha256sum does, so that `sha256sum -c` checks them."""
    return "".join(f"{file.sha256}  {file.path}\n" for file in files).encode()


def dublin_core(record: Record) -> bytes:
    metadata = record.metadata
    root = etree.Element(f"{{{OAI_DC}}}dc", nsmap={"oai_dc": OAI_DC, "dc": DC})
    decided = metadata.decided_on or timezone.localtime(record.kept_at).date()
    for name, value in (
        ("title", metadata.title),
        ("creator", metadata.body),
        ("publisher", metadata.municipality),
        ("date", decided.isoformat()),
        ("identifier", metadata.diary_number),
        ("identifier", record.package_id),
        ("language", "sv"),
        ("type", "Text"),
        ("type", record.kind),
        *(("subject", keyword) for keyword in metadata.keywords),
    ):
        if value:
            etree.SubElement(root, f"{{{DC}}}{name}").text = value
    return xml_bytes(root)


def mets_root(record: Record, object_id: str, label: str) -> etree._Element:
    """Return a METS document's root with the CSIP attributes and its header."""
    root = etree.Element(f"{{{METS}}}mets", nsmap={None: METS, **without_mets()})
    for name, value in (
        ("OBJID", object_id),
        ("LABEL", label),
        ("TYPE", "Mixed"),
        (f"{{{CSIP}}}CONTENTINFORMATIONTYPE", "OTHER"),
        (f"{{{CSIP}}}OTHERCONTENTINFORMATIONTYPE", "Styr: PDF/A och JSON"),
        ("PROFILE", PROFILE),
        (f"{{{XSI}}}schemaLocation", SCHEMAS),
    ):
        root.set(name, value)
    header = sub(
        root,
        "metsHdr",
        CREATEDATE=record.created,
        RECORDSTATUS="NEW",
        **{f"{{{CSIP}}}OAISPACKAGETYPE": "SIP"},
    )
    software = sub(header, "agent", ROLE="CREATOR", TYPE="OTHER", OTHERTYPE="SOFTWARE")
    sub(software, "name").text = "Styr"
    sub(software, "note", **{f"{{{CSIP}}}NOTETYPE": "SOFTWARE VERSION"}).text = version("styr")
    archivist = sub(header, "agent", ROLE="ARCHIVIST", TYPE="ORGANIZATION")
    sub(archivist, "name").text = record.metadata.body
    return root


def without_mets() -> dict:
    return {prefix: uri for prefix, uri in NAMESPACES.items() if prefix != "mets"}


def package_mets(record: Record, descriptive: PackageFile, representation: PackageFile) -> bytes:
    root = mets_root(record, record.package_id, f"{record.kind}: {record.metadata.title}")
    dmd = sub(root, "dmdSec", ID="dmd-1", CREATED=record.created, STATUS="CURRENT")
    reference = sub(dmd, "mdRef", LOCTYPE="URL", MDTYPE="DC")
    described(reference, descriptive, record, href=descriptive.path)
    files = sub(
        sub(root, "fileSec", ID="files"), "fileGrp", ID="group-rep1", USE=REPRESENTATION_USE
    )
    file_entry(files, "file-rep1", representation, record, href=representation.path)
    structure = sub(root, "structMap", ID="structure", TYPE="PHYSICAL", LABEL="CSIP")
    whole = sub(structure, "div", ID="package", LABEL=record.package_id)
    sub(whole, "div", ID="metadata", LABEL="Metadata", DMDID="dmd-1")
    part = sub(whole, "div", ID="rep1", LABEL=REPRESENTATION_USE)
    sub(part, "fptr", FILEID="file-rep1")
    pointer = sub(part, "mptr", LOCTYPE="URL")
    pointer.set(f"{{{XLINK}}}type", "simple")
    pointer.set(f"{{{XLINK}}}href", representation.path)
    pointer.set(f"{{{XLINK}}}title", "group-rep1")
    return xml_bytes(root)


def representation_mets(record: Record, data: list[PackageFile]) -> bytes:
    root = mets_root(record, "rep1", record.metadata.title)
    group = sub(sub(root, "fileSec", ID="files"), "fileGrp", ID="group-data", USE="Data")
    base = f"{REPRESENTATION}/"
    for number, file in enumerate(data, start=1):
        file_entry(group, f"file-{number}", file, record, href=file.path.removeprefix(base))
    structure = sub(root, "structMap", ID="structure", TYPE="PHYSICAL", LABEL="CSIP")
    whole = sub(structure, "div", ID="representation", LABEL="rep1")
    part = sub(whole, "div", ID="data", LABEL="Data")
    for number in range(1, len(data) + 1):
        sub(part, "fptr", FILEID=f"file-{number}")
    return xml_bytes(root)


def file_entry(group, identifier: str, file: PackageFile, record: Record, *, href: str):
    """List a file in a fileGrp, with its location relative to the METS that lists it."""
    entry = sub(group, "file", ID=identifier)
    described(entry, file, record)
    location = sub(entry, "FLocat", LOCTYPE="URL")
    location.set(f"{{{XLINK}}}type", "simple")
    location.set(f"{{{XLINK}}}href", href)


def described(element, file: PackageFile, record: Record, *, href: str = "") -> None:
    """Give a file's reference its media type, size, date and checksum (and address)."""
    element.set("MIMETYPE", file.media_type)
    element.set("SIZE", str(file.size))
    element.set("CREATED", record.created)
    element.set("CHECKSUM", file.sha256)
    element.set("CHECKSUMTYPE", "SHA-256")
    if href:
        element.set(f"{{{XLINK}}}type", "simple")
        element.set(f"{{{XLINK}}}href", href)


def sub(parent, name: str, **attributes) -> etree._Element:
    return etree.SubElement(parent, f"{{{METS}}}{name}", attributes)


def xml_bytes(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
