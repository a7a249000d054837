"""Versions of a plan: frozen copies of its document, numbered in the order they were made."""

from __future__ import annotations

from django.db.models import Max

from styr.planning.document import PlanDocument
from styr.planning.models import Plan, PlanVersion
from styr.planning.parsing.plan_json import JsonReader


def plan_version_save(*, plan: Plan, document: PlanDocument, decided_on=None) -> PlanVersion:
    """Keep the document as the plan's next version, dated by the decision that made it."""
    last = plan.versions.aggregate(last=Max("number"))["last"] or 0
    return PlanVersion.objects.create(
        plan=plan,
        number=last + 1,
        status=document.status,
        document=document.to_json(),
        decided_on=decided_on,
    )


def version_document(version: PlanVersion) -> PlanDocument:
    return JsonReader().plan(version.document)


def latest_version(plan, status: str) -> PlanVersion | None:
    """Return the plan's (or plan id's) latest version of a status, its document left unread
    until asked for: the adopted one is the version in force."""
    return (
        PlanVersion.objects.filter(plan=plan, status=status)
        .defer("document")
        .order_by("-number")
        .first()
    )
