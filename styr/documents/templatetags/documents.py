"""`{% downloads plan %}`, `{% downloads report %}`, `{% downloads case %}`: every download of a
plan, a report or a decision, as links its pages list."""

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
