"""The signed-in person's links in the header: what their roles let them do, decided by the
permission rules of each app (never by a role's name in a template)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sinergia.accounts.permissions import can_edit_mechanism, is_secretariat
from sinergia.accounts.services import Actor
from sinergia.practices.permissions import focal_scopes, is_reviewer
from sinergia.practices.selectors import review_waiting
from sinergia.registry.models import Country, Mechanism


@dataclass(frozen=True)
class AccountLink:
    url_name: str  # marks the link as the current page
    label: str
    href: str
    count: int | None = None
    count_text: str = ""  # the count in words, for screen readers


def account_links(actor: Actor) -> list[AccountLink]:
    """The header's links for `actor`, in order; none for someone not signed in."""
    if actor is None or not actor.is_authenticated:
        return []
    countries, mechanisms = focal_scopes(actor)
    secretariat = is_secretariat(actor)
    links = [AccountLink("workspace", _("My workspace"), reverse("workspace"))]
    if is_reviewer(actor):
        waiting = review_waiting().count()
        links.append(
            AccountLink(
                "practice_review",
                _("Review queue"),
                reverse("practice_review"),
                count=waiting,
                count_text=ngettext(
                    "%(count)d practice waits for review",
                    "%(count)d practices wait for review",
                    waiting,
                )
                % {"count": waiting},
            )
        )
    if countries or mechanisms:
        links.append(AccountLink("practice_mine", _("My practices"), reverse("practice_mine")))
    if secretariat or countries or mechanisms:
        # Focal points report progress on the actions their state or mechanism owns.
        href = reverse("action_list")
        if not secretariat and len(countries) + len(mechanisms) == 1:
            href += "?" + urlencode({"owner": _owner_code(countries, mechanisms)})
        links.append(AccountLink("action_list", _("Follow-up"), href))
    if secretariat or any(can_edit_mechanism(actor, pk) for pk in mechanisms):
        links.append(AccountLink("meeting_create", _("New meeting"), reverse("meeting_create")))
    if secretariat:
        links.append(AccountLink("audit_trail", _("Audit trail"), reverse("audit_trail")))
    links.append(AccountLink("token_list", _("API tokens"), reverse("token_list")))
    links.append(
        AccountLink("two_factor_setup", _("Two-factor sign-in"), reverse("two_factor_setup"))
    )
    return links


def _owner_code(countries: set[int], mechanisms: set[int]) -> str:
    """How the follow-up list names the one state or mechanism: ISO3 or acronym."""
    if countries:
        return Country.objects.get(pk=next(iter(countries))).iso3
    return Mechanism.objects.get(pk=next(iter(mechanisms))).acronym
