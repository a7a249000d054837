"""The municipality and its bodies (council, boards, companies) and the offices behind them."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Municipality(models.Model):
    """A municipality, with the rules by which it judges its follow-up (DOMAIN.md leaves them open).

    The defaults are what the documentation explains and the follow-up pages show.
    """

    class ForecastBase(models.TextChoices):
        BUDGET = "budget", _("the net budget")
        OUTCOME = "outcome", _("the net outcome")

    name = models.CharField(_("name"), max_length=200, unique=True)
    code = models.CharField(
        _("municipality code"), max_length=4, blank=True, help_text=_("Four digits, e.g. 0180.")
    )
    partly_met_margin = models.DecimalField(
        _("partly met within (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(20),
        help_text=_(
            "An indicator is partly met when its outcome misses the target by at most this "
            "share of the target."
        ),
    )
    forecast_accuracy_base = models.CharField(
        _("forecast accuracy in per cent of"),
        max_length=10,
        choices=ForecastBase.choices,
        default=ForecastBase.BUDGET,
        help_text=_("Forecast accuracy is (T2 forecast − outcome) in per cent of this."),
    )
    forecast_accuracy_tolerance = models.DecimalField(
        _("forecast accuracy target (+/- %)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(1),
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Office(models.Model):
    """The civil service that serves one or more bodies and writes their plans."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="offices",
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="unique_office_name")
        ]

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    """A body that adopts plans: the council, a board or a company board."""

    class Kind(models.TextChoices):
        COUNCIL = "council", pgettext_lazy("kind of organisation", "Council")
        BOARD = "board", pgettext_lazy("kind of organisation", "Board")
        COMPANY = "company", pgettext_lazy("kind of organisation", "Company")

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("name in web addresses"), max_length=100, unique=True, help_text=_("e.g. kommunstyrelsen")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.BOARD)
    office = models.ForeignKey(
        Office,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("office"),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="unique_organisation_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    """A unit of an office; a plan's budget has a line per department."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="departments", verbose_name=_("office")
    )
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["office", "name"], name="unique_department_name")
        ]

    def __str__(self) -> str:
        return self.name
