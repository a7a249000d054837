"""The central office's view of the reporting workflow: the reporting calendar, where each
period's deadline is set, and the completion overview of a period."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from styr.followup.access import municipality_for, period_named
from styr.followup.calendar import deadline_of, deadlines_set
from styr.followup.choices import Period
from styr.followup.completion import completion as completion_of
from styr.planning.forms import DATE


class CalendarForm(forms.Form):
    """A deadline for each period of the year, named by the period's value (T1, T2, year)."""

    def __init__(self, *args, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        for period in Period:
            closes = period.closing_day(year).isoformat()
            self.fields[period.value] = forms.DateField(
                label=period.label,
                widget=DATE,
                help_text=_("Reported per %(day)s.") % {"day": closes},
            )


def calendar(request, year: int):
    """Show each period's deadline for the year and let the central office change them."""
    municipality, municipalities = municipality_for(request, year)
    initial = {period.value: deadline_of(municipality, year, period) for period in Period}
    form = CalendarForm(request.POST or None, year=year, initial=initial)
    if form.is_valid():
        try:
            deadlines_set(municipality=municipality, year=year, dues=form.cleaned_data)
        except ValidationError as error:
            for period, problems in error.message_dict.items():
                form.add_error(period, problems)
        else:
            messages.success(request, _("The reporting calendar was saved."))
            return redirect(request.get_full_path())
    context = {
        "form": form,
        "year": year,
        "municipality": municipality,
        "municipalities": municipalities,
        "periods": list(Period),
    }
    return render(request, "followup/calendar.html", context)


def completion(request, year: int, period: str):
    """Show how far each board and each responsible person has come with the period's report."""
    municipality, municipalities = municipality_for(request, year)
    found = period_named(period)
    context = {
        "completion": completion_of(municipality=municipality, year=year, period=found),
        "municipalities": municipalities,
        "periods": list(Period),
    }
    return render(request, "followup/completion.html", context)
