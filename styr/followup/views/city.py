"""The central office's city-wide roll-up of a period: the council's goals across all boards,
and the indicators measured for the whole city, with a form for the values computed centrally."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from styr.followup.access import municipality_for, period_named
from styr.followup.choices import Period
from styr.followup.fields import SwedishDecimalField
from styr.followup.rollup import city_outcome_save, city_rollup
from styr.followup.selectors import name_key
from styr.planning.choices import Aggregation


class CentralValueForm(forms.Form):
    """The city's value of an indicator computed centrally, such as the city's solidity."""

    indicator = forms.CharField(widget=forms.HiddenInput)
    value = SwedishDecimalField(label=gettext_lazy("City value"), required=True)
    source = forms.CharField(label=gettext_lazy("Source"), max_length=300, required=False)
    comment = forms.CharField(
        label=gettext_lazy("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


def city(request, year: int, period: str):
    """Show the roll-up of the boards' approved values; save a central value an admin enters."""
    municipality, municipalities = municipality_for(request, year)
    found = period_named(period)
    rollup = city_rollup(municipality=municipality, year=year, period=found)
    for board in rollup.boards:
        board.url = reverse("followup:report", args=[board.slug, year, found.slug])
    # A yearly indicator is not due at T1 and T2: the central office enters it at year end.
    central = [i for i in rollup.indicators if i.aggregation == Aggregation.CENTRAL and i.due]
    posted = request.POST.get("indicator", "") if request.method == "POST" else None
    for indicator in central:
        indicator.form = central_form(indicator, posted, request.POST)
    if posted is not None:
        chosen = next((i for i in central if i.form.is_bound), None)
        if chosen is None:
            raise Http404(posted)
        if central_saved(request, chosen, rollup):
            return redirect(request.get_full_path())
    context = {
        "rollup": rollup,
        "central": central,
        "municipalities": municipalities,
        "periods": list(Period),
        "current": found,
    }
    return render(request, "followup/city.html", context)


def central_form(indicator, posted: str | None, data) -> CentralValueForm:
    """Return the indicator's form: bound if it was the one sent, else with the saved value.

    The page writes the fields out itself: dozens of forms rendered field by field through
    Django's form templates would be most of the page's time.
    """
    if posted is not None and name_key(posted) == name_key(indicator.name):
        return CentralValueForm(data)
    initial = {"indicator": indicator.name}
    if indicator.central:
        saved = indicator.central
        initial |= {"value": saved.value, "source": saved.source, "comment": saved.comment}
    return CentralValueForm(initial=initial)


def central_saved(request, indicator, rollup) -> bool:
    form = indicator.form
    if not form.is_valid():
        return False
    try:
        city_outcome_save(
            municipality=rollup.municipality,
            year=rollup.year,
            period=rollup.period,
            indicator_name=indicator.name,
            value=form.cleaned_data["value"],
            comment=form.cleaned_data["comment"],
            source=form.cleaned_data["source"],
        )
    except ValidationError as error:
        form.add_error(None, error.messages)
        return False
    messages.success(request, _("The city value of %(name)s was saved.") % {"name": indicator.name})
    return True
