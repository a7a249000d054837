from django import forms

from styr.accessibility.models import Report


class ReportForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = ["page", "description", "contact"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
