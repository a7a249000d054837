from django import forms
from django.utils.translation import gettext_lazy as _

from styr.decisions.models import Amendment
from styr.planning.forms import DATE


class AmendmentForm(forms.ModelForm):
    """An amendment, naming its place as the decision does: section, board goal, item."""

    class Meta:
        model = Amendment
        fields = [
            "point",
            "operation",
            "section",
            "board_goal",
            "activity",
            "indicator",
            "level",
            "title",
            "text",
            "start",
            "end",
        ]
        widgets = {
            "activity": forms.TextInput,
            "board_goal": forms.TextInput,
            "indicator": forms.TextInput,
            "title": forms.TextInput,
            "level": forms.Select(
                choices=[("", "–"), ("board", _("Board")), ("council", _("Council"))]
            ),
            "start": DATE,
            "end": DATE,
        }
        help_texts = {
            "section": _("The area goal's number, as in “avsnitt 2.1”."),
            "title": _(
                "A new activity's title, an indicator's new target as written, or the title of "
                "the text to change."
            ),
            "text": _("The new wording of the text."),
        }
