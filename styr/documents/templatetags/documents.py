"""`{% downloads plan %}`, `{% downloads report %}`, `{% downloads case %}`: every download of a
plan, a report or a decision, as links its pages list; `{% version_downloads version %}`: a
kept version's documents and data, each a whole file (no single tables)."""

from django import template

from styr.decisions.models import Case
from styr.documents.links import downloads_of
from styr.documents.subjects import DecisionSubject, PlanSubject, ReportSubject
from styr.followup.models import Report

register = template.Library()


@register.inclusion_tag("documents/_downloads.html")
def downloads(record):
    if isinstance(record, Report):
        subject = ReportSubject(record)
    elif isinstance(record, Case):
        subject = DecisionSubject(record)
    else:
        subject = PlanSubject(record)
    return {"downloads": downloads_of(subject)}


@register.inclusion_tag("documents/_version_downloads.html")
def version_downloads(version):
    subject = PlanSubject(version.plan, version)
    return {"version": version, "downloads": downloads_of(subject, tables=False)}
