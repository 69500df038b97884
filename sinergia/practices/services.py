"""Writes to the practice repository. Each checks the rule, validates, writes in one
transaction, records the change (status history and audit) and keeps the search index in
step. Only these functions change a practice's status."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sinergia.accounts.permissions import is_secretariat
from sinergia.accounts.services import Actor, actor_label, audit_record
from sinergia.inputs import web_address_problem
from sinergia.notifications.models import Kind
from sinergia.notifications.recipients import reviewer_users
from sinergia.notifications.services import notifications_settled, notify
from sinergia.practices import permissions
from sinergia.practices.models import (
    Attachment,
    Population,
    Practice,
    PracticePopulation,
    PracticeTranslation,
    Status,
    StatusChange,
)
from sinergia.practices.search import index_practice
from sinergia.registry.models import Country, Mechanism
from sinergia.uploads import upload_check
from sinergia.vocabulary.models import Concept
from sinergia.vocabulary.selectors import vocabulary_tagger

# How each action reads in "a practice that is published cannot be submitted".
ACTION_PARTICIPLES = {
    "submit": gettext_lazy("submitted"),
    "start_review": gettext_lazy("taken into review"),
    "request_changes": gettext_lazy("sent back for changes"),
    "publish": gettext_lazy("published"),
    "archive": gettext_lazy("archived"),
}

# Which status each action moves from and to.
TRANSITIONS: dict[str, tuple[set[str], str]] = {
    "submit": ({Status.DRAFT, Status.CHANGES_REQUESTED}, Status.SUBMITTED),
    "start_review": ({Status.SUBMITTED}, Status.IN_REVIEW),
    "request_changes": ({Status.SUBMITTED, Status.IN_REVIEW}, Status.CHANGES_REQUESTED),
    "publish": ({Status.SUBMITTED, Status.IN_REVIEW}, Status.PUBLISHED),
    "archive": ({Status.PUBLISHED}, Status.ARCHIVED),
}


@dataclass
class PracticeData:
    """What a form, the API or an import gives to create or change a practice."""

    title: str
    summary: str
    language: str
    countries: list[str]  # ISO3
    body: str = ""
    mechanisms: list[str] = field(default_factory=list)  # acronyms
    themes: list[str] | None = None  # concept keys; None: suggested by the tagger
    populations: list[str] = field(default_factory=list)
    year: int | None = None
    period_end: int | None = None
    implementing_institutions: list[str] = field(default_factory=list)
    partner_institutions: list[str] = field(default_factory=list)
    results: str = ""
    links: list[dict[str, str]] = field(default_factory=list)
    external_id: str = ""
    submitting_country: str | None = None  # ISO3
    submitting_mechanism: str | None = None  # acronym


def _lookup(model: Any, field_name: str, values: Iterable[str], label: str) -> list[Any]:
    values = list(dict.fromkeys(values))
    found = {
        getattr(obj, field_name): obj
        for obj in model.objects.filter(**{f"{field_name}__in": values})
    }
    missing = [value for value in values if value not in found]
    if missing:
        raise ValidationError({label: _("Unknown: %(values)s") % {"values": ", ".join(missing)}})
    return [found[value] for value in values]


def _scope(data: PracticeData, actor: Actor) -> tuple[Country | None, Mechanism | None]:
    """On whose behalf: given explicitly, or the actor's own country or mechanism."""
    country = (
        Country.objects.filter(iso3=data.submitting_country).first()
        if data.submitting_country
        else None
    )
    mechanism = (
        Mechanism.objects.filter(acronym=data.submitting_mechanism).first()
        if data.submitting_mechanism
        else None
    )
    if country is None and mechanism is None and not is_secretariat(actor):
        countries, mechanisms = permissions.focal_scopes(actor)
        if countries:
            country = Country.objects.filter(pk=min(countries)).first()
        elif mechanisms:
            mechanism = Mechanism.objects.filter(pk=min(mechanisms)).first()
    return country, mechanism


def _checked_links(links: list[dict[str, str]]) -> list[dict[str, str]]:
    """The links as stored: each a web address (the page links it) and a title."""
    checked = []
    for number, link in enumerate(links, start=1):
        url = str(link.get("url") or "").strip()
        problem = web_address_problem(url)
        if problem:
            raise ValidationError(
                {
                    "links": _("Link %(number)s: %(problem)s")
                    % {"number": number, "problem": problem}
                }
            )
        checked.append({"title": str(link.get("title") or "").strip() or url, "url": url})
    return checked


def _apply(practice: Practice, data: PracticeData) -> dict[str, Any]:
    """Validate and set the fields and relations of `practice` (saved); returns the changes."""
    countries = _lookup(Country, "iso3", data.countries, "countries")
    if not countries:
        raise ValidationError({"countries": _("Name at least one country.")})
    mechanisms = _lookup(Mechanism, "acronym", data.mechanisms, "mechanisms")
    tagger = vocabulary_tagger()
    suggested = tagger.concept_keys(f"{data.title}\n{data.summary}\n{data.body}", data.language)
    theme_keys = data.themes if data.themes is not None else suggested[:5]
    themes = _lookup(Concept, "key", theme_keys, "themes")
    unknown = [p for p in data.populations if p not in Population.values]
    if unknown:
        raise ValidationError(
            {"populations": _("Unknown: %(values)s") % {"values": ", ".join(unknown)}}
        )
    links = _checked_links(data.links)
    before = {
        "title": practice.title,
        "summary": practice.summary,
        "language": practice.language,
    }
    for name in (
        "title", "summary", "body", "language", "year", "period_end", "results",
        "implementing_institutions", "partner_institutions", "external_id",
    ):  # fmt: skip
        setattr(practice, name, getattr(data, name))
    practice.links = links
    practice.suggested_themes = suggested
    practice.full_clean(exclude=["submitting_country", "submitting_mechanism", "created_by"])
    practice.save()
    practice.countries.set(countries)
    practice.mechanisms.set(mechanisms)
    practice.themes.set(themes)
    PracticePopulation.objects.filter(practice=practice).exclude(
        population__in=data.populations
    ).delete()
    for population in data.populations:
        PracticePopulation.objects.get_or_create(practice=practice, population=population)
    return {
        "before": before,
        "after": {
            "title": practice.title,
            "summary": practice.summary,
            "language": practice.language,
        },
    }


def _public(*statuses: str) -> bool:
    """Whether a write to a practice in these statuses (before and after it) changes what the
    public reads: only published practices are public, so a draft's life moves no public
    version and leaves every public cache in place."""
    return Status.PUBLISHED in statuses


def practice_create(*, actor: Actor, data: PracticeData) -> Practice:
    """A new draft, on behalf of the actor's country or mechanism (the secretariat may name any)."""
    country, mechanism = _scope(data, actor)
    if not permissions.can_submit_for(
        actor,
        country_id=country.pk if country else None,
        mechanism_id=mechanism.pk if mechanism else None,
    ):
        raise PermissionDenied(
            _("You can submit practices only for your own country or mechanism.")
        )
    if country and country.iso3 not in data.countries and not is_secretariat(actor):
        raise ValidationError({"countries": _("A state submits practices of its own country.")})
    user = actor if isinstance(actor, get_user_model()) else None
    with transaction.atomic():
        practice = Practice(
            submitting_country=country,
            submitting_mechanism=mechanism,
            created_by=user,
            status=Status.DRAFT,
        )
        changes = _apply(practice, data)
        StatusChange.objects.create(
            practice=practice,
            from_status="",
            to_status=Status.DRAFT,
            by=user,
            by_label=actor_label(actor),
        )
        audit_record(
            actor=actor,
            action="practice.create",
            target=practice,
            summary=practice.title,
            changes=changes,
            public=False,
        )
    return practice


def practice_update(*, actor: Actor, practice: Practice, data: PracticeData) -> Practice:
    """Change a practice's content. Its row is locked and read again first, so that a
    review decision taken meanwhile (a publication) is neither undone nor missed."""
    if not permissions.can_edit(actor, practice):
        raise PermissionDenied(_("This practice cannot be changed by you in its present state."))
    with transaction.atomic():
        locked = Practice.objects.select_for_update().get(pk=practice.pk)
        if not permissions.can_edit(actor, locked):
            raise PermissionDenied(
                _("This practice cannot be changed by you in its present state.")
            )
        changes = _apply(locked, data)
        audit_record(
            actor=actor,
            action="practice.update",
            target=locked,
            summary=locked.title,
            changes=changes,
            public=_public(locked.status),
        )
        index_practice(locked)
    practice.refresh_from_db()
    return practice


def may_transition(action: str, actor: Actor, practice: Practice) -> bool:
    """Whether the actor may do `action` (submit, publish, ...) to the practice."""
    if action == "submit":
        return is_secretariat(actor) or permissions.is_author(actor, practice)
    return permissions.is_reviewer(actor)


def _transition(action: str, *, actor: Actor, practice: Practice, comment: str = "") -> Practice:
    sources, target = TRANSITIONS[action]
    if not may_transition(action, actor, practice):
        raise PermissionDenied(_("You may not do this to this practice."))
    with transaction.atomic():
        locked = Practice.objects.select_for_update().get(pk=practice.pk)
        if locked.status not in sources:
            raise ValidationError(
                _("A practice that is %(status)s cannot be %(action)s.")
                % {"status": locked.get_status_display(), "action": ACTION_PARTICIPLES[action]}
            )
        previous = locked.status
        locked.status = target
        if target == Status.PUBLISHED:
            locked.published_at = timezone.now()
        locked.save(update_fields=["status", "published_at", "updated_at"])
        user = actor if isinstance(actor, get_user_model()) else None
        StatusChange.objects.create(
            practice=locked,
            from_status=previous,
            to_status=target,
            by=user,
            by_label=actor_label(actor),
            comment=comment,
        )
        audit_record(
            actor=actor,
            action=f"practice.{action}",
            target=locked,
            summary=comment,
            changes={"before": {"status": previous}, "after": {"status": target}},
            public=_public(previous, target),
        )
        index_practice(locked)
        if action != "submit":
            # A reviewer has taken the submission up: the other reviewers' notices of it
            # are read, so that nobody opens one that is already handled.
            notifications_settled(
                kind=Kind.PRACTICE_SUBMITTED, key_prefix=_submission_key(locked.pk, "")
            )
        transaction.on_commit(lambda: _notify(action, locked, comment, actor), robust=True)
    practice.refresh_from_db()
    return practice


def practice_submit(*, actor: Actor, practice: Practice, comment: str = "") -> Practice:
    return _transition("submit", actor=actor, practice=practice, comment=comment)


def practice_start_review(*, actor: Actor, practice: Practice, comment: str = "") -> Practice:
    return _transition("start_review", actor=actor, practice=practice, comment=comment)


def practice_request_changes(*, actor: Actor, practice: Practice, comment: str) -> Practice:
    if not comment.strip():
        raise ValidationError({"comment": _("Say what should change.")})
    return _transition("request_changes", actor=actor, practice=practice, comment=comment)


def practice_publish(*, actor: Actor, practice: Practice, comment: str = "") -> Practice:
    return _transition("publish", actor=actor, practice=practice, comment=comment)


def practice_archive(*, actor: Actor, practice: Practice, comment: str = "") -> Practice:
    return _transition("archive", actor=actor, practice=practice, comment=comment)


def translation_set(
    *,
    actor: Actor,
    practice: Practice,
    language: str,
    title: str,
    summary: str,
    body: str = "",
    kind: str = "human",
) -> PracticeTranslation:
    """Add or replace the practice's text in `language`, marked human or machine."""
    if not (permissions.can_edit(actor, practice) or permissions.is_reviewer(actor)):
        raise PermissionDenied(_("You may not translate this practice."))
    if language == practice.language:
        raise ValidationError({"language": _("This is the practice's original language.")})
    with transaction.atomic():
        translation, _created = PracticeTranslation.objects.get_or_create(
            practice=practice,
            language=language,
            defaults={"title": title, "summary": summary, "kind": kind},
        )
        translation.title, translation.summary, translation.body, translation.kind = (
            title,
            summary,
            body,
            kind,
        )
        translation.full_clean()
        translation.save()
        audit_record(
            actor=actor,
            action="practice.translate",
            target=practice,
            summary=f"{language} ({kind})",
            public=_public(practice.status),
        )
        index_practice(practice)
    return translation


def _notify(action: str, practice: Practice, comment: str, actor: Actor) -> None:
    """Tell the people concerned: the reviewers of a submission, the author of a decision
    (published, or sent back for changes), each in their own language."""
    params = {"title": practice.title[:120], "comment": comment}
    link: dict[str, Any] = {"url_name": "practice_detail", "url_kwargs": {"pk": practice.pk}}
    if action == "submit":
        # Not a submission published in the same transaction (an import that publishes).
        if not Practice.objects.filter(pk=practice.pk, status=Status.SUBMITTED).exists():
            return
        submissions = StatusChange.objects.filter(practice=practice, to_status=Status.SUBMITTED)
        notify(
            recipients=reviewer_users().distinct(),
            kind=Kind.PRACTICE_SUBMITTED,
            key=_submission_key(practice.pk, str(submissions.count())),
            subject=gettext_lazy("Practice submitted for review: %(title)s"),
            body=gettext_lazy("Comment from the author: %(comment)s")
            if comment
            else gettext_lazy("It waits in the review queue."),
            params=params,
            actor=actor,
            **link,
        )
    elif action in DECISIONS and practice.created_by is not None:
        notify(
            recipients=[practice.created_by],
            kind=Kind.REVIEW_DECISION,
            subject=DECISIONS[action],
            body=gettext_lazy("Comment from the reviewer: %(comment)s") if comment else "",
            params=params,
            actor=actor,
            **link,
        )


def _submission_key(practice_id: int, number: str) -> str:
    """The key of the notices of a practice's `number`th submission (of all, with "")."""
    return f"practice-submitted:{practice_id}:{number}"


# The review decisions their author is told of.
DECISIONS = {
    "publish": gettext_lazy("Your practice is published: %(title)s"),
    "request_changes": gettext_lazy("Changes are requested to your practice: %(title)s"),
}


def attachment_add(*, actor: Actor, practice: Practice, upload: Any) -> Any:
    """Attach a file, checked by its content and size, stored under a random name."""
    if not permissions.can_edit(actor, practice):
        raise PermissionDenied(_("You may not add files to this practice."))
    checked = upload_check(upload)
    user = actor if isinstance(actor, get_user_model()) else None
    with transaction.atomic():
        attachment = Attachment(
            practice=practice,
            token=secrets.token_hex(16),
            original_name=checked.name,
            content_type=checked.content_type,
            size_bytes=checked.size,
            uploaded_by=user,
        )
        attachment.file.save(attachment.token, upload, save=False)
        attachment.save()
        audit_record(
            actor=actor,
            action="practice.attach",
            target=practice,
            summary=checked.name,
            public=_public(practice.status),
        )
    return attachment
