"""styr demo-users: a user for each role, so that a newcomer can try them all."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from styr.accounts.models import Membership
from styr.accounts.services import user_set_up
from styr.organisations.models import Organisation

# Demo passwords, printed for anyone to use: never run this on a real installation.
DEMO_USERS = [
    (
        "centralen",
        "demo-centralen",
        "Cecilia Central",
        "",
        True,
        gettext_lazy("administrator (central office)"),
    ),
    (
        "planerare",
        "demo-planerare",
        "Per Planerare",
        Membership.Role.PLANNER,
        False,
        gettext_lazy("planner"),
    ),
    (
        "ledamot",
        "demo-ledamot",
        "Lena Ledamot",
        Membership.Role.READER,
        False,
        gettext_lazy("reader"),
    ),
]


class Command(BaseCommand):
    help = "Create demo users (administrator, planner, reader) and print how to log in."

    def add_arguments(self, parser):
        parser.add_argument(
            "--organisation",
            default="Kommunstyrelsen",
            help="The organisation the planner and the reader belong to.",
        )

    def handle(self, *args, **options):
        organisation = Organisation.objects.filter(name=options["organisation"]).first()
        if organisation is None:
            raise CommandError(
                _("there is no organisation “%(name)s”: import a plan first")
                % {"name": options["organisation"]}
            )
        self.stdout.write(
            _("Demo users (log in at %(address)s), for %(organisation)s:")
            % {"address": "/konto/logga-in/", "organisation": organisation}
        )
        for username, password, name, role, administrator, label in DEMO_USERS:
            user_set_up(
                username=username,
                password=password,
                name=name,
                organisation=None if administrator else organisation,
                role=role,
                administrator=administrator,
            )
            self.stdout.write(
                "  "
                + _("%(role)s user %(username)s password %(password)s")
                % {"role": f"{label!s:<32}", "username": f"{username:<10}", "password": password}
            )
        citizen, public = _("citizen"), _("no login: adopted plans are public")
        self.stdout.write(f"  {citizen:<32} {public}")
