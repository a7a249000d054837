"""Carry a previewed plan document from the preview to its confirmation, unchanged.

The file is not kept anywhere: the preview page holds the plan and its decision as their
JSON, compressed and signed (django.core.signing) for the user who previewed them, in a
hidden field. The confirmation reads back exactly what was shown; a payload that was changed,
that is older than `MAX_AGE`, or that another user previewed is refused.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.utils.translation import gettext as _

from styr.decisions.document import DecisionDocument
from styr.decisions.document_json import decision_from_json
from styr.planning.document import PlanDocument, Problem
from styr.planning.parsing.plan_json import JsonReader

SALT = "styr.planning.import"
MAX_AGE = 60 * 60  # seconds: an hour to look the preview over and confirm


class PayloadRefused(ValueError):
    """The payload is not one this user previewed within the hour; the message says so."""


@dataclass
class Previewed:
    """What the user saw and confirms: the plan, its decision and where it goes."""

    document: PlanDocument
    decision: DecisionDocument | None
    organisation_id: int
    replace: bool
    name: str
    warnings: list[Problem]


def salt(user) -> str:
    """Bind a payload to the user it was made for: another user's signature does not match."""
    return f"{SALT}:{user.pk}"


def payload_dumps(previewed: Previewed, *, user) -> str:
    data = {
        "plan": previewed.document.to_json(),
        "decision": previewed.decision.to_json() if previewed.decision else None,
        "organisation": previewed.organisation_id,
        "replace": previewed.replace,
        "name": previewed.name,
        "warnings": [[w.where, w.message] for w in previewed.warnings],
    }
    return signing.dumps(data, salt=salt(user), compress=True)


def payload_too_large(payload: str) -> Problem | None:
    """Return the refusal of a plan too large to carry in a form (the form's whole request may
    be at most DATA_UPLOAD_MAX_MEMORY_SIZE)."""
    if len(payload) <= settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 2:
        return None
    return Problem(
        "",
        _(
            "the plan is too large to preview and confirm on the web; the central office "
            "imports it with `styr import-plan`"
        ),
    )


def payload_loads(payload: str, *, user) -> Previewed:
    """Return what the user previewed, or raise PayloadRefused."""
    try:
        data = signing.loads(payload, salt=salt(user), max_age=MAX_AGE)
    except signing.SignatureExpired as error:
        raise PayloadRefused(
            _("The preview is more than an hour old: upload the document again.")
        ) from error
    except signing.BadSignature as error:
        raise PayloadRefused(
            _("The preview was changed or is not yours: upload the document again.")
        ) from error
    reader = JsonReader()
    document = reader.read(json.dumps(data["plan"]))
    if document is None or reader.problems:  # signed by us: only a change of Styr explains it
        raise PayloadRefused(_("The preview cannot be read back: upload the document again."))
    decision = decision_from_json(data["decision"]) if data["decision"] else None
    return Previewed(
        document,
        decision,
        data["organisation"],
        data["replace"],
        data["name"],
        [Problem(where, message) for where, message in data["warnings"]],
    )
