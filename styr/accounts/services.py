"""Writes to users and their roles."""

from django.db import transaction

from styr.accounts.models import Membership, User
from styr.organisations.models import Organisation


@transaction.atomic
def user_set_up(
    *,
    username: str,
    password: str,
    name: str,
    organisation: Organisation | None = None,
    role: str = "",
    administrator: bool = False,
) -> User:
    """Create a user, or bring an existing one to this password, role and organisation."""
    first, _, last = name.partition(" ")
    user, _ = User.objects.update_or_create(
        username=username,
        defaults={
            "first_name": first,
            "last_name": last,
            "email": f"{username}@example.se",
            "is_superuser": administrator,
            "is_staff": administrator,
            "is_active": True,
        },
    )
    user.set_password(password)
    user.save(update_fields=["password"])
    Membership.objects.filter(user=user).delete()
    if organisation is not None:
        Membership.objects.create(user=user, organisation=organisation, role=role)
    return user
