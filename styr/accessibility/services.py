from datetime import timedelta

from django.conf import settings
from django.core.mail import mail_admins
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from styr.accessibility.models import Report

# How many reports one address may send in a while: a person with several problems is heard,
# a script filling the table and the administrators' mailbox is not.
REPORTS_PER_SENDER = 5
SENDER_PERIOD = timedelta(hours=1)


class TooManyReports(Exception):
    """The sender has sent as many reports as they may for now."""

    def __str__(self) -> str:
        return _(
            "You have sent %(count)s reports in the last hour, which is as many as we take from "
            "one address. Please wait an hour, or write to the central office."
        ) % {"count": REPORTS_PER_SENDER}


def sender_of(address: str) -> str:
    """Return a keyed hash of the sender's address: the address itself is not kept."""
    return salted_hmac("styr.accessibility.sender", address).hexdigest()


def report_create(*, page: str, description: str, contact: str, sender: str = "") -> Report:
    """Save a report of an accessibility problem and tell the administrators.

    Refuses a sender who has sent `REPORTS_PER_SENDER` reports in the last `SENDER_PERIOD`;
    the count is in the database, so every process of the site sees the same one.
    """
    since = timezone.now() - SENDER_PERIOD
    if sender and Report.objects.filter(sender=sender, created_at__gte=since).count() >= (
        REPORTS_PER_SENDER
    ):
        raise TooManyReports
    report = Report(page=page, description=description, contact=contact, sender=sender)
    report.full_clean()
    report.save()
    if settings.ADMINS:
        mail_admins("Tillgänglighetsproblem i Styr", f"{page}\n\n{description}\n\n{contact}")
    return report
