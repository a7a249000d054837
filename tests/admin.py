"""What the admin tests share: addresses, a page's form as posted, the refusal, a stored row,
and `staff`, a client logged in as a superuser (tests/conftest.py)."""

from django.contrib import messages
from django.contrib.messages import get_messages
from django.urls import reverse


def admin_url(model, view: str, *args) -> str:
    meta = model._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=args)


def form_data(page) -> dict:
    """Return what an admin page posts if nothing is changed: its form and its inlines."""
    forms = [page.context["adminform"].form]
    data = {}
    for inline in page.context.get("inline_admin_formsets", []):
        formset = inline.formset
        management = formset.management_form
        data.update(
            {management.add_prefix(name): management[name].value() for name in management.fields}
        )
        forms += formset.initial_forms
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is not None and value is not False:
                data[form.add_prefix(name)] = value
    return data


def refusal(response) -> str:
    """Return why the admin refused the request: its message, or the errors on its form."""
    if response.status_code == 302:
        said = [m for m in get_messages(response.wsgi_request) if m.level == messages.ERROR]
        return " ".join(str(m) for m in said)
    assert response.status_code == 200, response.status_code
    errors = response.context["errors"]
    return " ".join(str(error) for error in errors)


def row(instance) -> dict:
    """Return the object as stored, and how much history it has."""
    model = type(instance)
    stored = model.objects.filter(pk=instance.pk).values().get()
    history = getattr(model, "history", None)
    return {**stored, "history": history.filter(id=instance.pk).count() if history else None}
