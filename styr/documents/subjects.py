"""What an exporter exports: a plan (as it stands, or one of its kept versions) with the decision
on it, a decision, or a follow-up report; each read once as plain data, and named for its files.

A subject's `stem` names its files for what they are (kommunstyrelsen-2013-verksamhetsplan-
antagen), and its `metadata` is what a document says of itself: the body, the municipality, the
decision's date and diary number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.utils import timezone, translation
from django.utils.text import slugify

from styr.decisions.document import DecisionDocument
from styr.decisions.models import Case
from styr.decisions.selectors import case_document, case_in_force, case_pending
from styr.followup.choices import Period, ReportStatus
from styr.followup.export import report_json
from styr.followup.models import Report
from styr.planning.choices import PlanStatus
from styr.planning.document import PlanDocument
from styr.planning.models import Plan, PlanVersion
from styr.planning.selectors import plan_document
from styr.planning.versions import version_document

# How a file name says what a plan or a report is (in Swedish, as the archive files it).
PLAN_STATES = {PlanStatus.DRAFT: "utkast", PlanStatus.PROPOSAL: "forslag", "adopted": "antagen"}
REPORT_NAMES = {
    Period.T1: "tertialrapport-1",
    Period.T2: "tertialrapport-2",
    Period.YEAR: "verksamhetsberattelse",
}


@dataclass(frozen=True)
class Metadata:
    """What a document says of itself: on its cover, in its properties, in an archive's METS."""

    municipality: str
    body: str
    title: str
    year: int
    status: str  # a code: draft, proposal, adopted; or a report's draft … approved
    decided_on: date | None = None
    diary_number: str = ""
    keywords: list[str] = field(default_factory=list)


def subject_ref(subject) -> dict:
    """Return what finds a subject again (in a task): the ids of its records."""
    if isinstance(subject, PlanSubject):
        return {"plan": subject.plan.pk, "version": subject.version and subject.version.pk}
    if isinstance(subject, ReportSubject):
        return {"report": subject.report.pk}
    return {"case": subject.case.pk}


def subject_from(ref: dict):
    """Return the subject `subject_ref` wrote down."""
    if "plan" in ref:
        plan = Plan.objects.select_related("organisation__municipality").get(pk=ref["plan"])
        version = plan.versions.get(pk=ref["version"]) if ref["version"] else None
        return PlanSubject(plan, version)
    if "report" in ref:
        return ReportSubject(
            Report.objects.select_related("plan__organisation__municipality").get(pk=ref["report"])
        )
    return DecisionSubject(
        Case.objects.select_related("organisation__municipality", "plan").get(pk=ref["case"])
    )


@dataclass
class PlanSubject:
    """A plan as it stands, or one of its kept versions, with the decision on it if any."""

    plan: Plan
    version: PlanVersion | None = None
    kind = "plan"

    @cached_property
    def document(self) -> PlanDocument:
        if self.version is not None:
            return version_document(self.version)
        return plan_document(self.plan.pk)

    @cached_property
    def data(self) -> dict:
        """The plan's open-data JSON; a kept version's as it was kept, not read and written anew."""
        return self.version.document if self.version is not None else self.document.to_json()

    @cached_property
    def case(self) -> Case | None:
        """The decision on this plan: the one that made the version, else the one in force,
        else the one being recorded."""
        if self.version is not None:
            return self.plan.cases.filter(version=self.version).first()
        return case_in_force(self.plan) or case_pending(self.plan)

    @cached_property
    def decision(self) -> DecisionDocument | None:
        return case_document(self.case) if self.case else None

    @property
    def status(self) -> str:
        return self.version.status if self.version else self.plan.status

    @property
    def stem(self) -> str:
        stem = f"{self.plan.organisation.slug}-{self.plan.year}-verksamhetsplan-"
        stem += PLAN_STATES.get(self.status, slugify(self.status))
        if self.version is not None and not self.is_latest_of_its_status():
            stem += f"-version-{self.version.number}"
        return stem

    def is_latest_of_its_status(self) -> bool:
        later = self.plan.versions.filter(
            status=self.version.status, number__gt=self.version.number
        )
        return not later.exists()

    @cached_property
    def metadata(self) -> Metadata:
        case = self.case
        decided_on = self.version.decided_on if self.version else None
        if decided_on is None and case is not None:
            decided_on = case.meeting_date
        return Metadata(
            municipality=self.plan.organisation.municipality.name,
            body=self.plan.organisation.name,
            title=self.document.title,
            year=self.plan.year,
            status=self.status,
            decided_on=decided_on,
            diary_number=case.diary_number if case else "",
            keywords=["verksamhetsplan", str(self.plan.year)],
        )


@dataclass
class DecisionSubject:
    """A recorded decision on a plan: its points, reservations and amendments."""

    case: Case
    kind = "decision"

    @cached_property
    def document(self) -> DecisionDocument:
        return case_document(self.case)

    @cached_property
    def data(self) -> dict:
        return self.document.to_json()

    @property
    def stem(self) -> str:
        plan = self.case.plan
        stem = f"{self.case.organisation.slug}-{plan.year if plan else ''}-beslut"
        return f"{stem}-{slugify(self.case.diary_number)}" if self.case.diary_number else stem

    @cached_property
    def metadata(self) -> Metadata:
        plan = self.case.plan
        return Metadata(
            municipality=self.case.organisation.municipality.name,
            body=self.case.organisation.name,
            title=self.case.title,
            year=plan.year if plan else self.case.created_at.year,
            status="adopted" if self.case.version_id else "proposal",
            decided_on=self.case.meeting_date,
            diary_number=self.case.diary_number,
            keywords=["beslut"],
        )


@dataclass
class ReportSubject:
    """A follow-up report (T1, T2 or the annual report) as its open-data JSON has it: an
    approved report as it was approved, whatever became of the plan since."""

    report: Report
    kind = "report"

    @cached_property
    def data(self) -> dict:
        # In Swedish whatever the visitor's language, as the record is: the budget's rows
        # without a line ("Utan budgetrad") are named in it.
        with translation.override("sv"):
            return report_json(self.report)

    @cached_property
    def plan(self) -> PlanSubject:
        """The plan the report is judged against, for the goals' texts and the decision."""
        version = self.report.plan_version or None
        return PlanSubject(self.report.plan, version)

    @property
    def stem(self) -> str:
        plan = self.report.plan
        name = REPORT_NAMES[Period(self.report.period)]
        state = "godkand" if self.report.status == ReportStatus.APPROVED else "arbetsversion"
        return f"{plan.organisation.slug}-{plan.year}-{name}-{state}"

    @cached_property
    def metadata(self) -> Metadata:
        plan = self.report.plan
        approved = self.report.approved_at
        return Metadata(
            municipality=plan.organisation.municipality.name,
            body=plan.organisation.name,
            title=f"{Period(self.report.period).label} {plan.year}",
            year=plan.year,
            status=self.report.status,
            decided_on=timezone.localdate(approved) if approved else None,
            diary_number=self.plan.metadata.diary_number,
            keywords=["uppföljning", self.report.period, str(plan.year)],
        )
