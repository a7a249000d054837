"""The audit events in the admin: to read, never to add, change or remove."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from styr.audit.events import event_label
from styr.audit.models import Event
from styr.audit.selectors import event_actions


class ActionFilter(admin.SimpleListFilter):
    title = _("event")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        return event_actions()

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "label", "actor_name", "organisation", "target_repr", "refused"]
    list_filter = ["refused", ActionFilter, "organisation"]
    list_select_related = ["organisation"]
    search_fields = ["actor_name", "target_repr", "reason", "action"]
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in Event._meta.fields]

    @admin.display(description=_("event"), ordering="action")
    def label(self, event: Event) -> str:
        return event_label(event.action)

    # The record is evidence: nobody adds to it, changes or removes it by hand.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
