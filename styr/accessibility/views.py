from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from styr.accessibility.forms import ReportForm
from styr.accessibility.services import TooManyReports, report_create, sender_of
from styr.audit.logins import address_of


def statement(request):
    """The accessibility statement (tillgänglighetsredogörelse), with a way to report problems."""
    form = ReportForm(request.POST or None, initial={"page": request.GET.get("sida", "")})
    if request.method == "POST" and form.is_valid():
        try:
            report_create(**form.cleaned_data, sender=sender_of(address_of(request)))
        except TooManyReports as refused:
            form.add_error(None, str(refused))
            return render(request, "accessibility/statement.html", {"form": form}, status=429)
        messages.success(request, _("Thank you. Your report has been sent to the central office."))
        return redirect("accessibility:statement")
    return render(request, "accessibility/statement.html", {"form": form})
