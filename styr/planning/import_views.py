"""Upload a plan document, preview what it holds, and import it once the user confirms.

Nothing is saved before the confirmation: the preview rehearses the import in a transaction
that is rolled back, and carries the document read to the confirmation signed, in a hidden
field (planning.import_payload), so that what is saved is exactly what was shown.
"""

from __future__ import annotations

import rules
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from styr.organisations.models import Organisation
from styr.planning.import_payload import (
    PayloadRefused,
    Previewed,
    payload_dumps,
    payload_loads,
    payload_too_large,
)
from styr.planning.importing import (
    REFUSALS,
    document_placed,
    import_rehearsed,
    import_summary,
    plan_and_decision_import,
    refusal_problems,
)
from styr.planning.models import Plan
from styr.planning.parsing import Reading, read_plan
from styr.uploads import UploadRefused, max_bytes, size_text, upload_bytes

ACCEPTED = ".txt,.pdf,.docx,.json,text/plain,application/pdf,application/json"


class PlanUploadForm(forms.Form):
    document = forms.FileField(
        label=gettext_lazy("The plan document"),
        help_text=gettext_lazy("Text (.txt), PDF, Word (.docx) or Styr's JSON, at most %(limit)s."),
        widget=forms.FileInput(attrs={"accept": ACCEPTED}),
    )
    organisation = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Organisation"))
    year = forms.IntegerField(
        label=gettext_lazy("Year"),
        required=False,
        min_value=1900,
        max_value=2100,
        help_text=gettext_lazy("Needed only if the document's title does not give the year."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        field = self.fields["document"]
        field.help_text = field.help_text % {"limit": size_text(max_bytes())}

    def clean_document(self):
        file = self.cleaned_data["document"]
        try:
            self.data_read = upload_bytes(file, name=file.name)
        except UploadRefused as refused:
            raise forms.ValidationError(str(refused)) from refused
        return file


def organisations_for(user):
    """Return the organisations the user may add plans for; refuse one who may add none."""
    if not rules.test_rule("planning.add_any_plan", user):
        raise PermissionDenied
    candidates = Organisation.objects.select_related("municipality").order_by("name")
    return [o for o in candidates if rules.test_rule("planning.add_plan", user, o)]


def chosen(organisations: list[Organisation]):
    return Organisation.objects.filter(pk__in=[o.pk for o in organisations]).order_by("name")


def plan_upload(request):
    """Show the upload form; on upload, preview the document with every problem it has."""
    organisations = organisations_for(request.user)
    form = PlanUploadForm(
        request.POST or None, request.FILES or None, organisations=chosen(organisations)
    )
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        context |= preview(request, form)
    return render(request, "planning/plan_upload.html", context)


def preview(request, form: PlanUploadForm) -> dict:
    """Read the uploaded document for the chosen organisation and rehearse its import."""
    organisation = form.cleaned_data["organisation"]
    file = form.cleaned_data["document"]
    reading = read_plan(form.data_read, name=file.name)
    if reading.document is None and reading.lines:
        # The title lacks the body or the year: read it as the chosen organisation's plan.
        reading = read_plan(
            form.data_read,
            name=file.name,
            organisation=organisation.name,
            year=form.cleaned_data["year"],
        )
    problems, existing, replace = [], None, False
    document = reading.document
    records_decision = rules.test_rule("decisions.decide", request.user, organisation)
    if document is not None:
        problems += document_placed(document, organisation)
        existing = Plan.objects.filter(organisation=organisation, year=document.year).first()
        replace = existing is not None and rules.test_rule("planning.plan", request.user, existing)
        problems += import_rehearsed(
            document=document,
            decision=reading.decision if records_decision else None,
            replace=replace,
            actor=request.user,
        )
    summary = import_summary(reading, problems=problems)
    payload = ""
    if summary.ok:
        previewed = Previewed(
            document, reading.decision, organisation.pk, replace, file.name, summary.warnings
        )
        payload = payload_dumps(previewed, user=request.user)
        if too_large := payload_too_large(payload):
            summary.problems.append(too_large)
            payload = ""
    return {
        "summary": summary,
        "payload": payload,
        "existing": existing,
        "replace": replace,
        "organisation": organisation,
        "records_decision": records_decision,
        "name": file.name,
    }


@require_POST
def plan_upload_confirm(request):
    """Import exactly the previewed document, as the user who previewed it."""
    organisations = organisations_for(request.user)
    try:
        previewed = payload_loads(request.POST.get("payload", ""), user=request.user)
    except PayloadRefused as refused:
        messages.error(request, str(refused))
        return redirect("planning:plan_upload")
    organisation = next((o for o in organisations if o.pk == previewed.organisation_id), None)
    if organisation is None:
        raise PermissionDenied
    records_decision = rules.test_rule("decisions.decide", request.user, organisation)
    try:
        plan = plan_and_decision_import(
            document=previewed.document,
            decision=previewed.decision if records_decision else None,
            replace=previewed.replace,
            actor=request.user,
        )
    except REFUSALS as error:
        reading = Reading(
            previewed.document, warnings=previewed.warnings, decision=previewed.decision
        )
        form = PlanUploadForm(organisations=chosen(organisations))
        context = {
            "form": form,
            "summary": import_summary(reading, problems=refusal_problems(error)),
            "organisation": organisation,
            "name": previewed.name,
            "records_decision": records_decision,
        }
        return render(request, "planning/plan_upload.html", context)
    messages.success(
        request,
        _("%(name)s was imported as %(plan)s.") % {"name": previewed.name, "plan": plan.title},
    )
    return redirect(plan)
