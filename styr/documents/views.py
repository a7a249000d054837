"""Downloads: a plan, a report or a decision in any of the registry's formats, for whoever may
read it. A slow format is made in a task when asked for (renditions.py), and served once made."""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header

from styr.decisions.models import Case
from styr.documents.exporters import Exporter, NotExportable, Rendered, exporter_for
from styr.documents.renditions import rendition_ask, rendition_kept
from styr.documents.subjects import DecisionSubject, PlanSubject, ReportSubject
from styr.followup.access import report_for
from styr.planning.access import plan_for
from styr.planning.choices import PlanStatus


def plan_export(request, slug: str, year: int, identifier: str):
    plan = plan_for(request, slug, year)
    version = None
    if number := request.GET.get("version"):
        if not number.isdigit():
            raise Http404(number)
        version = get_object_or_404(plan.versions.defer("document"), number=int(number))
    return exported(request, PlanSubject(plan, version), identifier)


def report_export(request, slug: str, year: int, period: str, identifier: str):
    return exported(request, ReportSubject(report_for(request, slug, year, period)), identifier)


def decision_export(request, slug: str, year: int, pk: int, identifier: str):
    """Download a decision; one being recorded on an adopted plan is shown only to those who
    decide, as its pages are."""
    plan = plan_for(request, slug, year)
    case = get_object_or_404(Case.objects.select_related("organisation__municipality"), pk=pk)
    if case.plan_id != plan.pk:
        raise Http404(pk)
    pending = case.version_id is None and plan.status == PlanStatus.ADOPTED
    if pending and not rules.test_rule("decisions.decide", request.user, plan):
        raise PermissionDenied
    case.plan = plan
    return exported(request, DecisionSubject(case), identifier)


def exported(request, subject, identifier: str) -> HttpResponse:
    exporter = exporter_for(subject.kind, identifier)
    if exporter is None:
        raise Http404(identifier)
    options = options_read(exporter, request.GET)
    try:
        if not exporter.slow:
            return download(exporter.render(subject, **options))
        return slow_export(request, subject, exporter, options)
    except NotExportable as refusal:
        return render(request, "documents/refused.html", {"reason": str(refusal)}, status=409)


def slow_export(request, subject, exporter: Exporter, options: dict) -> HttpResponse:
    """Serve a slow format's kept file; else offer to make it (a POST asks a task to), or say
    it is being made."""
    if request.method == "POST":
        rendition_ask(subject, exporter, options)
        return redirect(request.get_full_path())
    rendition = rendition_kept(subject, exporter, options)
    context = {"exporter": exporter, "rendition": rendition}
    if rendition is None or rendition.error:
        return render(request, "documents/prepare.html", context)
    if rendition.ready_at is None:
        return render(request, "documents/prepare.html", context, status=202)
    rendition.refresh_from_db(fields=["content"])
    return download(Rendered(rendition.name, rendition.media_type, bytes(rendition.content)))


def options_read(exporter: Exporter, query) -> dict:
    """Return the exporter's options the query gives ("1" or "true" for a yes)."""
    chosen = {}
    for option in exporter.options:
        value = query.get(option.name)
        if value is None:
            continue
        if isinstance(option.default, bool):
            chosen[option.name] = value.lower() in {"1", "true", "ja", "yes"}
        else:
            if option.choices and value not in dict(option.choices):
                raise Http404(value)
            chosen[option.name] = value
    return chosen


def download(rendered: Rendered) -> HttpResponse:
    response = HttpResponse(rendered.content, content_type=content_type(rendered))
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=rendered.media_type != "text/html", filename=rendered.name
    )
    return response


def content_type(rendered: Rendered) -> str:
    return f"{rendered.media_type}; charset=utf-8" if rendered.is_text else rendered.media_type
