"""The filters of the events page, read from the address's query (?handelse=plan.adopted)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from styr.audit.selectors import EventFilters, event_actions
from styr.organisations.models import Organisation
from styr.planning.forms import DATE

# The query's names, in Swedish like the rest of Styr's addresses.
PARAMETERS = {
    "organisation": "organisation",
    "action": "handelse",
    "person": "person",
    "since": "fran",
    "until": "till",
    "refused": "nekade",
}


class EventFilterForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        label=_("Organisation"),
        empty_label=_("All"),
    )
    action = forms.ChoiceField(required=False, label=_("Kind of event"))
    person = forms.CharField(
        required=False,
        max_length=150,
        label=_("User name"),
        help_text=_("Who did it, or the user name tried in a failed login."),
    )
    since = forms.DateField(required=False, label=_("From"), widget=DATE, help_text=_("YYYY-MM-DD"))
    until = forms.DateField(
        required=False, label=_("To"), widget=DATE, help_text=_("YYYY-MM-DD, included")
    )
    refused = forms.BooleanField(required=False, label=_("Only what was refused"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("All")), *event_actions()]

    def add_prefix(self, field_name: str) -> str:
        """Name each field in the query as the page's addresses do."""
        return PARAMETERS.get(field_name, field_name)

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", _("The period ends before it begins."))
        return cleaned

    def filters(self) -> EventFilters:
        """Return the filters asked for; call it after is_valid()."""
        data = self.cleaned_data
        return EventFilters(
            organisation=data["organisation"],
            action=data["action"],
            person=data["person"].strip(),
            since=data["since"],
            until=data["until"],
            refused=data["refused"],
        )
