"""Cases and their decisions: the decision points, attachments, reservations and amendments."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from styr.decisions.bodies import members_written
from styr.organisations.models import Organisation
from styr.planning.models import Plan, PlanVersion

# The law gives three weeks to appeal, from the day the minutes are posted (kommunallagen 13:5).
APPEAL_PERIOD = timedelta(weeks=3)


class Case(models.Model):
    """A matter before a body (ärende), here the adoption of a plan."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="cases", verbose_name=_("organisation")
    )
    plan = models.ForeignKey(
        Plan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("plan"),
    )
    memorandum = models.CharField(_("memorandum"), max_length=50, blank=True)
    diary_number = models.CharField(_("diary number"), max_length=50, blank=True)
    title = models.CharField(_("title"), max_length=300)
    proposed_by = models.CharField(_("proposed by"), max_length=100, blank=True)
    decided_by = models.CharField(_("decided by"), max_length=100, blank=True)
    rapporteur = models.CharField(_("rapporteur"), max_length=200, blank=True)
    rapporteur_title = models.CharField(_("rapporteur's title"), max_length=100, blank=True)
    preparing_office = models.CharField(_("prepared by"), max_length=200, blank=True)
    statement_date = models.DateField(_("date of the office's statement"), null=True, blank=True)
    proposal_date = models.DateField(_("date of the proposal"), null=True, blank=True)
    meeting_date = models.DateField(_("meeting"), null=True, blank=True)
    signed_date = models.DateField(_("minutes signed"), null=True, blank=True)
    posted_date = models.DateField(_("minutes posted"), null=True, blank=True)
    version = models.ForeignKey(
        PlanVersion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("the version it adopted"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.memorandum} {self.title}".strip()

    @property
    def appeal_ends(self):
        return self.posted_date + APPEAL_PERIOD if self.posted_date else None


class Reservation(models.Model):
    """A formal dissent by members of a party, in a forum, perhaps referring to an earlier one."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reservations")
    forum = models.CharField(_("forum"), max_length=100)
    party = models.CharField(_("party"), max_length=20)
    members = models.JSONField(_("members"), default=list)
    # The title each member is named with ("borgarrådet"), in the members' order; "" for a
    # member named without one. A reservation recorded before titles were kept has none.
    titles = models.JSONField(_("titles"), default=list, blank=True)
    text = models.TextField(_("text"), blank=True)
    refers_to = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referred_by",
        verbose_name=_("refers to"),
    )
    # The party's own plan (the open-data JSON of a plan), read beside the adopted one.
    alternative = models.JSONField(_("alternative plan"), null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("reservation")
        verbose_name_plural = _("reservations")
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.party} ({self.forum})"

    def clean(self):
        # The admin edits both lists as JSON: a title without its member reads as nobody's.
        if self.titles and len(self.titles) != len(self.members):
            raise ValidationError(
                {"titles": _('Give one title for each member, "" for a member without one.')}
            )

    @property
    def members_written(self) -> list[str]:
        """The members as the minutes name them: "borgarrådet Karin Wanngård"."""
        return members_written(self.members, self.titles)


class DecisionPoint(models.Model):
    """A numbered point (att-sats) of the proposal, or of a reservation's own proposal."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="decision_points")
    reservation = models.ForeignKey(
        Reservation, on_delete=models.CASCADE, null=True, blank=True, related_name="points"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("decision point")
        verbose_name_plural = _("decision points")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"


class Attachment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Amendment(models.Model):
    """A change the decision makes to the proposal, as an operation on the items it names."""

    class Operation(models.TextChoices):
        CHANGE_ACTIVITY = "change_activity", _("Change an activity's dates")
        ADD_ACTIVITY = "add_activity", _("Add an activity")
        REMOVE_ACTIVITY = "remove_activity", _("Remove an activity")
        CHANGE_TARGET = "change_target", _("Change an indicator's target")
        ADD_INDICATOR = "add_indicator", _("Add an indicator")
        REMOVE_INDICATOR = "remove_indicator", _("Remove an indicator")
        ADD_BOARD_GOAL = "add_board_goal", _("Add a board goal")
        REMOVE_BOARD_GOAL = "remove_board_goal", _("Remove a board goal")
        CHANGE_TEXT = "change_text", _("Change a text of the plan")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="amendments")
    point = models.PositiveSmallIntegerField(_("decision point"))
    operation = models.CharField(_("operation"), max_length=30, choices=Operation.choices)
    section = models.CharField(_("section"), max_length=10, blank=True)
    activity = models.TextField(_("activity"), blank=True)
    board_goal = models.TextField(_("board goal"), blank=True)
    indicator = models.TextField(_("indicator"), blank=True)
    level = models.CharField(_("level"), max_length=10, blank=True)
    title = models.TextField(_("new title or target"), blank=True)
    text = models.TextField(_("new text"), blank=True)
    start = models.DateField(_("start date"), null=True, blank=True)
    end = models.DateField(_("end date"), null=True, blank=True)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.point}: {self.get_operation_display()} ({self.section})"
