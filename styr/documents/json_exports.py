"""The open-data JSON of plans, decisions and reports (docs/plan-json.md, docs/report-json.md),
as exporters."""

from __future__ import annotations

import json

from styr.documents.exporters import Exporter, Rendered, register


def json_bytes(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode()


@register("plan", "decision", "report")
class JsonExporter(Exporter):
    """A subject's open-data JSON (its `data`)."""

    identifier = "json"
    name = "JSON"
    extension = "json"
    media_type = "application/json"

    def render(self, subject, **options) -> Rendered:
        return self.rendered(subject, json_bytes(subject.data))
