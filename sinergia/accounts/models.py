"""People, their roles, and the audit trail of every write."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sinergia.i18n import LANGUAGE_CHOICES


class RoleKind(models.TextChoices):
    STATE_FOCAL_POINT = "state_focal_point", _("state focal point")
    MECHANISM_FOCAL_POINT = "mechanism_focal_point", _("mechanism focal point")
    REVIEWER = "reviewer", _("reviewer")
    ADMIN = "admin", _("administrator")


class RoleAssignment(models.Model):
    """A role a person holds: focal point of a country or a mechanism, reviewer, admin."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_assignments",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=30, choices=RoleKind.choices)
    country = models.ForeignKey(
        "registry.Country",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country"),
    )
    mechanism = models.ForeignKey(
        "registry.Mechanism",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mechanism"),
    )

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        role="state_focal_point", country__isnull=False, mechanism__isnull=True
                    )
                    | models.Q(
                        role="mechanism_focal_point", mechanism__isnull=False, country__isnull=True
                    )
                    | models.Q(
                        role__in=["reviewer", "admin"], country__isnull=True, mechanism__isnull=True
                    )
                ),
                name="role_scope_matches_role",
            )
        ]

    def __str__(self) -> str:
        scope = self.country or self.mechanism or ""
        return f"{self.user} · {self.get_role_display()} {scope}".strip()


class AuditEntry(models.Model):
    """Who did what, when, to which object: written by every service that writes."""

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    actor_label = models.CharField(
        _("actor"), max_length=150, help_text=_("The user, or the command that wrote.")
    )
    action = models.CharField(_("action"), max_length=80, db_index=True)
    object_type = models.CharField(_("object type"), max_length=80, blank=True)
    object_id = models.CharField(_("object"), max_length=80, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_id}"


class ApiToken(models.Model):
    """A personal API token: it acts for its owner, within one country or mechanism the owner
    is a focal point of (or, for the secretariat, unscoped). Only its hash is stored; the
    secret is shown once, when it is made."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12, unique=True)
    digest = models.CharField(max_length=64)
    country = models.ForeignKey(
        "registry.Country",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country"),
    )
    mechanism = models.ForeignKey(
        "registry.Mechanism",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mechanism"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(country__isnull=False, mechanism__isnull=False),
                name="token_one_scope",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def scope_label(self) -> str:
        if self.country_id:
            return str(self.country)
        if self.mechanism_id:
            return str(self.mechanism)
        return str(_("secretariat"))


class Profile(models.Model):
    """What a person chooses for themselves: the language Sinergia writes to them in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("user"),
    )
    language = models.CharField(
        _("language of messages"),
        max_length=2,
        choices=LANGUAGE_CHOICES,
        blank=True,
        help_text=_("The language of the notifications and mail Sinergia sends you."),
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return str(self.user)
