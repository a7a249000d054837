"""A report's Excel page: download the workbook to fill in, and upload it filled in."""

from __future__ import annotations

import rules
from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from styr.followup.access import report_for
from styr.followup.lifecycle import REPORT
from styr.followup.workbook import workbook_bytes, workbook_read
from styr.uploads import max_bytes, size_text, too_large

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(forms.Form):
    workbook = forms.FileField(
        label=gettext_lazy("The filled-in workbook"),
        help_text=gettext_lazy("The .xlsx file downloaded from this page, at most %(limit)s."),
        widget=forms.FileInput(attrs={"accept": f".xlsx,{XLSX}"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["workbook"]
        field.help_text = field.help_text % {"limit": size_text(max_bytes())}

    def clean_workbook(self):
        file = self.cleaned_data["workbook"]
        if not file.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(
                _("%(name)s is not an Excel workbook: upload the .xlsx file.") % {"name": file.name}
            )
        if file.size > max_bytes():
            raise forms.ValidationError(str(too_large(file.name, file.size)))
        return file


def excel(request, slug: str, year: int, period: str):
    """Offer the report's workbook; read an uploaded one back, listing every problem in it."""
    review = request.method == "POST"
    found = report_for(request, slug, year, period, review=review)
    if review:
        # A report not open for values takes no workbook; say why before reading one.
        REPORT.check(found, "edit", None)
    if "ladda-ner" in request.GET:
        return download(found)
    form, reading = UploadForm(), None
    if review:
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            file = form.cleaned_data["workbook"]
            reading = workbook_read(found, file, user=request.user, name=file.name)
            if reading.ok:
                messages.success(request, reading.summary())
                return redirect(found)
    context = {
        "report": found,
        "plan": found.plan,
        "deadline": found.deadline,  # read with the report (access.report_for)
        "form": form,
        "reading": reading,
        "problems": reading.listed if reading else [],
        "can_review": rules.test_rule("followup.review", request.user, found),
    }
    return render(request, "followup/excel.html", context)


def download(report) -> HttpResponse:
    plan = report.plan
    name = f"uppfoljning-{plan.organisation.slug}-{plan.year}-{report.period_choice.slug}.xlsx"
    return HttpResponse(
        workbook_bytes(report),
        content_type=XLSX,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
