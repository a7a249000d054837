"""Writes to the organisations: find or create the bodies a plan names."""

from __future__ import annotations

from django.utils.text import slugify

from styr.organisations.models import Municipality, Office, Organisation

COUNCIL_NAMES = {"kommunfullmäktige", "regionfullmäktige"}


def organisation_kind(name: str) -> str:
    """Guess the kind of a body from its Swedish name: council, company (… AB) or board."""
    if name.lower() in COUNCIL_NAMES:
        return Organisation.Kind.COUNCIL
    if name.endswith(" AB") or name.lower().endswith("bolag"):
        return Organisation.Kind.COMPANY
    return Organisation.Kind.BOARD


def free_slug(name: str) -> str:
    """Return a web address name for a body that no other body has ("kommunstyrelsen-2")."""
    base = slugify(name)[:90] or "organisation"
    taken = set(Organisation.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def organisation_get_or_create(
    *, municipality_name: str, name: str, office_name: str = ""
) -> Organisation:
    """Return the named body of a municipality, creating the municipality, body and office."""
    municipality, _ = Municipality.objects.get_or_create(name=municipality_name)
    office = None
    if office_name:
        office, _ = Office.objects.get_or_create(municipality=municipality, name=office_name)
    organisation, created = Organisation.objects.get_or_create(
        municipality=municipality,
        name=name,
        defaults={"kind": organisation_kind(name), "office": office, "slug": free_slug(name)},
    )
    if not created and office and organisation.office_id is None:
        organisation.office = office
        organisation.save(update_fields=["office"])
    return organisation
