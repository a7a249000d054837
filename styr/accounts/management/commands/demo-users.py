"""styr demo-users: a user for each role, so that a newcomer can try them all."""

from django.core.management.base import BaseCommand, CommandError

from styr.accounts.models import Membership
from styr.accounts.services import user_set_up
from styr.organisations.models import Organisation

# Demo passwords, printed for anyone to use: never run this on a real installation.
DEMO_USERS = [
    ("centralen", "demo-centralen", "Cecilia Central", "", True, "administrator (central office)"),
    ("planerare", "demo-planerare", "Per Planerare", Membership.Role.PLANNER, False, "planner"),
    ("ledamot", "demo-ledamot", "Lena Ledamot", Membership.Role.READER, False, "reader"),
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
                f"there is no organisation “{options['organisation']}”: import a plan first"
            )
        self.stdout.write(f"Demo users (log in at /konto/logga-in/), for {organisation}:")
        for username, password, name, role, administrator, label in DEMO_USERS:
            user_set_up(
                username=username,
                password=password,
                name=name,
                organisation=None if administrator else organisation,
                role=role,
                administrator=administrator,
            )
            self.stdout.write(f"  {label:<32} user {username:<10} password {password}")
        self.stdout.write("  citizen                          no login: adopted plans are public")
