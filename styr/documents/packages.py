"""Frictionless data packages (https://specs.frictionlessdata.io/): a .zip of datapackage.json,
the tables as plain CSV (`csv_files.PLAIN`) and a README with the licence.

- `budget-package`, of a plan: its budget as a Fiscal Data Package (profile
  "fiscal-data-package", spec 0.3): one row per budget line and direction (expenditure,
  revenue), its amount in the budget's unit; the `model` names the measure (currency SEK, the
  factor from the unit to kronor, the phase: proposed or approved) and the dimensions (the
  budget line, the year, the direction). Revenues are negative, as the plan writes them, so
  that the amounts sum to the net budget.
- `outcomes-package`, of a report: the indicators' outcomes (`tables.outcomes_table`) as a
  Tabular Data Package.

The licence is `settings.STYR_OPEN_DATA_LICENCE` (an SPDX identifier), the publisher the
municipality.
"""

from __future__ import annotations

import io
import json
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from styr.documents.csv_files import PLAIN, csv_bytes
from styr.documents.exporters import Exporter, NotExportable, Rendered, register
from styr.documents.tables import INTEGER, NUMBER, Column, DataTable, table_of
from styr.planning.choices import PlanStatus

# Known licences: where they are read, and their names (others are named by identifier alone).
LICENCES = {
    "CC0-1.0": (
        "https://creativecommons.org/publicdomain/zero/1.0/",
        "Creative Commons Zero v1.0 Universal",
    ),
    "CC-BY-4.0": (
        "https://creativecommons.org/licenses/by/4.0/",
        "Creative Commons Attribution 4.0 International",
    ),
}
# How many kronor one of the budget's units is, for the Fiscal Data Package's `factor`.
FACTORS = {"mnkr": 1_000_000, "tkr": 1_000, "kr": 1}
EXPENDITURE, REVENUE = "expenditure", "revenue"


def licence() -> dict:
    identifier = settings.STYR_OPEN_DATA_LICENCE
    path, title = LICENCES.get(identifier, (None, None))
    return {"name": identifier, "path": path, "title": title} if path else {"name": identifier}


def resource(table: DataTable) -> dict:
    return {
        "name": table.name,
        "path": f"{table.name}.csv",
        "profile": "tabular-data-resource",
        "title": table.title,
        "description": table.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {"fields": [schema_field(column) for column in table.columns]},
    }


def schema_field(column: Column) -> dict:
    return {"name": column.name, "title": column.heading, "type": column.type}


def descriptor(subject, *, title: str, description: str, tables: list[DataTable]) -> dict:
    """The datapackage.json every package shares: its name, title and description,
    licence, publisher and resources."""
    metadata = subject.metadata
    return {
        "profile": "tabular-data-package",
        "name": subject.stem,
        "title": title,
        "description": description,
        "licenses": [licence()],
        "contributors": [{"title": metadata.municipality, "role": "publisher"}],
        "keywords": metadata.keywords,
        "resources": [resource(table) for table in tables],
    }


def readme(package: dict) -> str:
    """A note for whoever unpacks the zip: what it holds, who publishes it, under what licence."""
    publisher = package["contributors"][0]["title"]
    terms = package["licenses"][0]
    lines = [
        f"# {package['title']}",
        "",
        package["description"],
        "",
        _("Published by %(publisher)s under the licence %(licence)s.")
        % {"publisher": publisher, "licence": terms["name"]},
    ]
    lines += [f"{terms['title']}: {terms['path']}"] if "path" in terms else []
    lines += [
        "",
        _("Files:"),
        "",
        "- datapackage.json: " + _("what the package holds (Frictionless Data Package)."),
    ]
    lines += [f"- {r['path']}: {r['title']}. {r['description']}" for r in package["resources"]]
    lines += [
        "",
        _(
            "The CSV files are UTF-8 with commas between the fields, a decimal point and dates "
            "as 2013-06-30. A text that starts with =, +, -, @ or a tab is written with an "
            "apostrophe before it, so that no spreadsheet runs it as a formula."
        ),
    ]
    return "\n".join(lines) + "\n"


def package_zip(package: dict, tables: list[DataTable]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", json.dumps(package, ensure_ascii=False, indent=2))
        for table in tables:
            archive.writestr(f"{table.name}.csv", csv_bytes(table, PLAIN))
        archive.writestr("README.md", readme(package))
    return buffer.getvalue()


class PackageExporter(Exporter):
    extension = "zip"
    media_type = "application/zip"

    def render(self, subject, **options) -> Rendered:
        tables = self.tables(subject)
        package = self.package(subject, tables)
        return self.rendered(subject, package_zip(package, tables), suffix=self.suffix)


# The budget as a Fiscal Data Package.


def fiscal_table(subject) -> DataTable:
    """One row per budget line and direction, costs as expenditure and revenues as revenue."""
    budget = subject.document.budget
    table = DataTable(
        "budget",
        _("Budget"),
        _("The operating budget per line and direction; revenues are negative."),
        [
            Column("budget_line", _("Budget line")),
            Column("year", _("Year"), INTEGER),
            Column("direction", _("Direction")),
            Column("amount", _("Amount"), NUMBER, budget.unit, 2),
        ],
    )
    for line in budget.lines:
        for direction, amount in ((EXPENDITURE, line.costs), (REVENUE, line.revenues)):
            if amount is not None:
                table.rows.append([line.name, subject.plan.year, direction, amount])
    return table


def fiscal_model(subject) -> dict:
    unit = subject.document.budget.unit
    return {
        "measures": {
            "amount": {
                "source": "amount",
                "currency": "SEK",
                "factor": FACTORS[unit],
                "phase": "approved" if subject.status == PlanStatus.ADOPTED else "proposed",
            }
        },
        "dimensions": {
            "budget_line": dimension("name", "budget_line", "classification", "administrative"),
            "fiscal_year": dimension("year", "year", "datetime"),
            "direction": dimension("direction", "direction", "other"),
        },
    }


def dimension(attribute: str, source: str, kind: str, classification: str = "") -> dict:
    found = {"attributes": {attribute: {"source": source}}, "primaryKey": attribute}
    found["dimensionType"] = kind
    if classification:
        found["classificationType"] = classification
    return found


@register
class BudgetPackage(PackageExporter):
    identifier = "budget-package"
    name = gettext_lazy("Budget as a data package")
    subject = "plan"
    suffix = "-budget-datapaket"

    def tables(self, subject) -> list[DataTable]:
        budget = subject.document.budget
        if not budget.lines:
            raise NotExportable(_("The plan has no budget."))
        if budget.unit not in FACTORS:
            raise NotExportable(
                _("The budget's unit, %(unit)s, is not one of mnkr, tkr and kr.")
                % {"unit": budget.unit}
            )
        return [fiscal_table(subject)]

    def package(self, subject, tables: list[DataTable]) -> dict:
        metadata = subject.metadata
        words = {
            "body": metadata.body,
            "year": metadata.year,
            "municipality": metadata.municipality,
        }
        package = descriptor(
            subject,
            title=_("Budget %(year)s for %(body)s") % words,
            description=_(
                "The operating budget of %(body)s, %(municipality)s, for %(year)s, per budget "
                "line, in %(unit)s. Revenues are negative, so that the amounts sum to the net "
                "budget."
            )
            % {**words, "unit": subject.document.budget.unit},
            tables=tables,
        )
        year = metadata.year
        return {
            **package,
            "profile": "fiscal-data-package",
            "countryCode": "SE",
            "granularity": "aggregated",
            "fiscalPeriod": {"start": f"{year}-01-01", "end": f"{year}-12-31"},
            "model": fiscal_model(subject),
        }


@register
class OutcomesPackage(PackageExporter):
    identifier = "outcomes-package"
    name = gettext_lazy("Outcomes as a data package")
    subject = "report"
    suffix = "-utfall-datapaket"

    def tables(self, subject) -> list[DataTable]:
        return [table_of(subject, "utfall")]

    def package(self, subject, tables: list[DataTable]) -> dict:
        metadata = subject.metadata
        return descriptor(
            subject,
            title=_("Outcomes of the indicators, %(report)s, %(body)s")
            % {"report": metadata.title, "body": metadata.body},
            description=_(
                "The outcome of each indicator of %(body)s, %(municipality)s, reported for "
                "%(report)s, with its target and the assessment against it."
            )
            % {
                "report": metadata.title,
                "body": metadata.body,
                "municipality": metadata.municipality,
            },
            tables=tables,
        )
