from django.conf import settings
from django.core.mail import mail_admins

from styr.accessibility.models import Report


def report_create(*, page: str, description: str, contact: str) -> Report:
    """Save a report of an accessibility problem and tell the administrators."""
    report = Report(page=page, description=description, contact=contact)
    report.full_clean()
    report.save()
    if settings.ADMINS:
        mail_admins("Tillgänglighetsproblem i Styr", f"{page}\n\n{description}\n\n{contact}")
    return report
