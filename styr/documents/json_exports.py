"""The open-data JSON of plans, decisions and reports (docs/plan-json.md, docs/report-json.md),
as exporters."""

from __future__ import annotations

import json

from styr.documents.exporters import Exporter, Rendered, register


def json_bytes(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode()


class JsonExporter(Exporter):
    identifier = "json"
    name = "JSON"
    extension = "json"
    media_type = "application/json"

    def render(self, subject, **options) -> Rendered:
        return self.rendered(subject, json_bytes(self.data(subject)))

    def data(self, subject):
        raise NotImplementedError


@register
class PlanJson(JsonExporter):
    subject = "plan"

    def data(self, subject):
        # A kept version is written as it was kept, not read and written anew.
        return subject.version.document if subject.version else subject.document.to_json()


@register
class DecisionJson(JsonExporter):
    subject = "decision"

    def data(self, subject):
        return subject.document.to_json()


@register
class ReportJson(JsonExporter):
    subject = "report"

    def data(self, subject):
        return subject.data
