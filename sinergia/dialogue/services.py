"""Writes to the annual dialogue. Each checks the rule, validates, writes in one transaction
and leaves an audit record."""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sinergia.accounts.permissions import is_secretariat
from sinergia.accounts.services import Actor, actor_label, audit_record
from sinergia.dialogue import permissions
from sinergia.dialogue.models import (
    CONTRIBUTION_PARTS,
    ActionStatus,
    Contribution,
    ContributionAttachment,
    ContributionStatus,
    FollowUpAction,
    GuidingQuestion,
    Participant,
    ParticipantKind,
    ProgressNote,
    Session,
)
from sinergia.dialogue.notices import (
    action_assigned_notify,
    contribution_notify,
    meeting_clashes_notify,
)
from sinergia.practices.models import Practice
from sinergia.practices.services import PracticeData, practice_create, practice_submit
from sinergia.registry.mentions import mention_finder
from sinergia.registry.models import Country, Mechanism, Meeting
from sinergia.registry.services import document_source, meeting_add
from sinergia.uploads import upload_check
from sinergia.vocabulary.models import Concept
from sinergia.vocabulary.selectors import vocabulary_tagger

THEMES_PER_CONTRIBUTION = 8


def _user(actor: Actor) -> Any:
    return actor if isinstance(actor, get_user_model()) else None


@dataclass
class ContributionData:
    """What the form or the API gives to record a contribution."""

    question: int  # the guiding question's number in its session
    language: str
    statement: str = ""
    added_value: str = ""
    challenges: str = ""
    good_practices: str = ""
    coordination: str = ""
    status: str = ContributionStatus.SUBMITTED
    themes: list[str] | None = None  # concept keys; None: found by the tagger


def _apply_contribution(contribution: Contribution, data: ContributionData) -> None:
    """Validate and set fields, themes and mentions of `contribution` (saved)."""
    question = GuidingQuestion.objects.filter(
        session_id=contribution.session_id, number=data.question
    ).first()
    if question is None:
        raise ValidationError(
            {
                "question": _("This session has no guiding question %(number)s.")
                % {"number": data.question}
            }
        )
    if data.status not in {ContributionStatus.DRAFT, ContributionStatus.SUBMITTED}:
        raise ValidationError({"status": _("A contribution is either a draft or submitted.")})
    contribution.question = question
    contribution.language = data.language
    contribution.status = data.status
    contribution.statement = data.statement.strip()
    for name in CONTRIBUTION_PARTS:
        setattr(contribution, name, getattr(data, name).strip())
    if not contribution.full_text:
        raise ValidationError({"statement": _("Write the statement or at least one of its parts.")})
    contribution.full_clean(exclude=["recorded_by", "session", "participant", "question"])
    contribution.save()

    text = contribution.full_text
    if data.themes is None:
        keys = vocabulary_tagger().concept_keys(text, data.language)[:THEMES_PER_CONTRIBUTION]
    else:
        keys = list(dict.fromkeys(data.themes))
    themes = list(Concept.objects.filter(key__in=keys))
    missing = sorted(set(keys) - {theme.key for theme in themes})
    if missing:
        raise ValidationError({"themes": _("Unknown: %(values)s") % {"values": ", ".join(missing)}})
    contribution.themes.set(themes)

    mentions = mention_finder().find(text)
    participant = contribution.participant
    contribution.mentioned_mechanisms.set(
        Mechanism.objects.filter(acronym__in=mentions.mechanisms).exclude(
            pk=participant.mechanism_id or 0
        )
    )
    contribution.mentioned_countries.set(
        Country.objects.filter(iso3__in=mentions.countries).exclude(pk=participant.country_id or 0)
    )


def contribution_submit(
    *, actor: Actor, participant: Participant, data: ContributionData
) -> Contribution:
    """Record what `participant` said: by its own focal point, or by the secretariat for it."""
    if not permissions.can_contribute(actor, participant):
        raise PermissionDenied(
            _("You can submit contributions only for your own country or mechanism.")
        )
    with transaction.atomic():
        contribution = Contribution(
            session_id=participant.session_id,
            participant=participant,
            recorded_by=_user(actor),
            on_behalf=not permissions.speaks_for(actor, participant),
        )
        _apply_contribution(contribution, data)
        audit_record(
            actor=actor,
            action="contribution.create",
            target=contribution,
            summary=f"{participant.short_name}, question {data.question}",
            changes={"status": contribution.status, "language": contribution.language},
        )
        if contribution.status == ContributionStatus.SUBMITTED:
            contribution_notify(contribution=contribution, actor=actor)
    return contribution


def contribution_update(
    *, actor: Actor, contribution: Contribution, data: ContributionData, upload: Any = None
) -> Contribution:
    """Change a contribution; with `upload`, attach a file to it in the same transaction."""
    if not permissions.can_edit_contribution(actor, contribution):
        raise PermissionDenied(_("You may not change this contribution."))
    before = {
        name: getattr(contribution, name) for name in ("status", "statement", *CONTRIBUTION_PARTS)
    }
    with transaction.atomic():
        _apply_contribution(contribution, data)
        after = {name: getattr(contribution, name) for name in before}
        audit_record(
            actor=actor,
            action="contribution.update",
            target=contribution,
            summary=contribution.participant.short_name,
            changes={
                name: {"before": before[name], "after": after[name]}
                for name in before
                if before[name] != after[name]
            },
        )
        if before["status"] != after["status"] == ContributionStatus.SUBMITTED:
            contribution_notify(contribution=contribution, actor=actor)
        if upload is not None:
            contribution_attachment_add(actor=actor, contribution=contribution, upload=upload)
    return contribution


def contribution_withdraw(*, actor: Actor, contribution: Contribution) -> Contribution:
    if not permissions.can_edit_contribution(actor, contribution):
        raise PermissionDenied(_("You may not change this contribution."))
    with transaction.atomic():
        before = contribution.status
        contribution.status = ContributionStatus.WITHDRAWN
        contribution.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action="contribution.withdraw",
            target=contribution,
            changes={"status": {"before": before, "after": contribution.status}},
        )
    return contribution


def contribution_attachment_add(
    *, actor: Actor, contribution: Contribution, upload: Any
) -> ContributionAttachment:
    """Attach a file, checked by its content and size, stored under a random name."""
    if not permissions.can_edit_contribution(actor, contribution):
        raise PermissionDenied(_("You may not add files to this contribution."))
    checked = upload_check(upload)
    with transaction.atomic():
        attachment = ContributionAttachment(
            contribution=contribution,
            token=secrets.token_hex(16),
            original_name=checked.name,
            content_type=checked.content_type,
            size_bytes=checked.size,
            uploaded_by=_user(actor),
        )
        attachment.file.save(attachment.token, upload, save=False)
        attachment.save()
        audit_record(
            actor=actor, action="contribution.attach", target=contribution, summary=checked.name
        )
    return attachment


def practice_from_contribution(
    *,
    actor: Actor,
    contribution: Contribution,
    title: str,
    summary: str = "",
    countries: list[str] | None = None,
) -> Practice:
    """Report once, reuse everywhere: the good practice a contribution describes becomes a
    practice in the repository, submitted for review, linked to the contribution."""
    if not permissions.can_edit_contribution(actor, contribution):
        raise PermissionDenied(_("You may not change this contribution."))
    participant = contribution.participant
    if participant.kind == ParticipantKind.ORGANIZATION:
        raise ValidationError(
            {"participant": _("Only a state or a mechanism can report a practice.")}
        )
    if countries is None:
        countries = (
            [participant.country.iso3]  # type: ignore[union-attr]
            if participant.country_id
            else list(contribution.mentioned_countries.values_list("iso3", flat=True))
        )
    body = contribution.good_practices or contribution.statement
    data = PracticeData(
        title=title.strip(),
        summary=(summary or body).strip()[:2000],
        body=body,
        language=contribution.language,
        countries=countries,
        mechanisms=[participant.mechanism.acronym] if participant.mechanism_id else [],  # type: ignore[union-attr]
        year=contribution.session.date.year,
        submitting_country=participant.country.iso3 if participant.country_id else None,  # type: ignore[union-attr]
        submitting_mechanism=participant.mechanism.acronym if participant.mechanism_id else None,  # type: ignore[union-attr]
        links=[],
    )
    with transaction.atomic():
        practice = practice_create(actor=actor, data=data)
        practice = practice_submit(
            actor=actor,
            practice=practice,
            comment=_("Reported at the dialogue session of %(date)s.")
            % {"date": contribution.session.date.isoformat()},
        )
        contribution.practices.add(practice)
        audit_record(
            actor=actor,
            action="contribution.practice",
            target=contribution,
            summary=practice.title,
            changes={"practice": practice.pk},
        )
    return practice


# Sessions, questions, participants: the secretariat.


@dataclass
class SessionData:
    key: str
    convener: str  # acronym
    date: datetime.date
    title: dict[str, str]
    modality: str = "in_person"
    place: str = ""
    document: str = ""
    chair: str = ""
    concept_note: str = ""
    concept_note_language: str = "es"
    questions: list[dict[str, str]] = field(default_factory=list)  # one {language: text} each
    agenda: list[dict[str, str]] = field(default_factory=list)


def _require_secretariat(actor: Actor) -> None:
    if not permissions.can_manage_sessions(actor):
        raise PermissionDenied(_("Only the secretariat manages dialogue sessions."))


def _check_languages(values: dict[str, str], field_name: str) -> dict[str, str]:
    cleaned = {code: text.strip() for code, text in values.items() if text and text.strip()}
    unknown = sorted(set(cleaned) - set(settings.LANGUAGE_CODES))
    if unknown:
        raise ValidationError(
            {field_name: _("Unknown: %(values)s") % {"values": ", ".join(unknown)}}
        )
    if not cleaned:
        raise ValidationError({field_name: _("Write it in at least one language.")})
    return cleaned


def session_save(*, actor: Actor, data: SessionData, session: Session | None = None) -> Session:
    """Create a session, or change one; its questions and agenda are replaced in order."""
    _require_secretariat(actor)
    convener = Mechanism.objects.filter(acronym=data.convener).first()
    if convener is None:
        raise ValidationError({"convener": _("Unknown: %(values)s") % {"values": data.convener}})
    title = _check_languages(data.title, "title")
    questions = [_check_languages(text, "questions") for text in data.questions]
    agenda = [_check_languages(text, "agenda") for text in data.agenda]
    with transaction.atomic():
        created = session is None
        session = session or Session()
        for name in (
            "key",
            "date",
            "modality",
            "place",
            "document",
            "chair",
            "concept_note",
            "concept_note_language",
        ):
            setattr(session, name, getattr(data, name))
        session.convener = convener
        session.title = title
        session.full_clean(exclude=["source", "concept_note_source"])
        session.save()
        for number, text in enumerate(questions, start=1):
            question, _new = GuidingQuestion.objects.get_or_create(
                session=session, number=number, defaults={"text": text}
            )
            if question.text != text:
                question.text = text
                question.translated = [
                    code
                    for code in question.translated
                    if code not in text or text[code] == question.text.get(code)
                ]
                question.save()
        answered = session.questions.filter(number__gt=len(questions), contributions__isnull=False)
        if answered.exists():
            raise ValidationError(
                {"questions": _("A question that has answers cannot be removed.")}
            )
        session.questions.filter(number__gt=len(questions)).delete()
        session.agenda.all().delete()
        for position, text in enumerate(agenda, start=1):
            session.agenda.create(position=position, title=text)
        audit_record(
            actor=actor,
            action="session.create" if created else "session.update",
            target=session,
            summary=session.key,
        )
    return session


def question_set(
    *, actor: Actor, question: GuidingQuestion, text: dict[str, str]
) -> GuidingQuestion:
    """Change a guiding question's text; a language edited here is no longer marked as
    Sinergia's translation if the secretariat gives the official text."""
    _require_secretariat(actor)
    cleaned = _check_languages(text, "text")
    before = dict(question.text)
    with transaction.atomic():
        question.translated = [
            code for code in question.translated if cleaned.get(code) == before.get(code)
        ]
        question.text = cleaned
        question.full_clean()
        question.save()
        audit_record(
            actor=actor,
            action="question.update",
            target=question,
            changes={"text": {"before": before, "after": cleaned}},
        )
    return question


def participant_add(
    *,
    actor: Actor,
    session: Session,
    country: str | None = None,
    mechanism: str | None = None,
    organization: str = "",
    role: str = "",
    source_title: str = "",
    source_publisher: str = "",
    source_url: str = "",
) -> Participant:
    """Add a state delegation (ISO3), a mechanism (acronym) or another organization, confirmed
    by the public document named (`source_*`), or shown as not confirmed without one."""
    _require_secretariat(actor)
    participant = Participant(session=session, organization=organization.strip())
    if country:
        participant.kind = ParticipantKind.DELEGATION
        participant.country = Country.objects.filter(iso3=country).first()
        if participant.country is None:
            raise ValidationError({"country": _("Unknown: %(values)s") % {"values": country}})
    elif mechanism:
        participant.kind = ParticipantKind.MECHANISM
        participant.mechanism = Mechanism.objects.filter(acronym=mechanism).first()
        if participant.mechanism is None:
            raise ValidationError({"mechanism": _("Unknown: %(values)s") % {"values": mechanism}})
    elif participant.organization:
        participant.kind = ParticipantKind.ORGANIZATION
    else:
        raise ValidationError({"country": _("Name a country, a mechanism or an organization.")})
    participant.role = (
        role
        or {
            ParticipantKind.DELEGATION: "delegation",
            ParticipantKind.MECHANISM: "panelist",
            ParticipantKind.ORGANIZATION: "organization",
        }[ParticipantKind(participant.kind)]
    )
    already = session.participants.filter(
        country=participant.country, mechanism=participant.mechanism
    ).exclude(kind=ParticipantKind.ORGANIZATION)
    if participant.kind != ParticipantKind.ORGANIZATION and already.exists():
        raise ValidationError(
            {
                "party": _("%(name)s already takes part in this session.")
                % {"name": participant.name}
            }
        )
    with transaction.atomic():
        if source_title.strip() or source_url.strip():
            participant.source = document_source(
                mechanism=session.convener,
                title=source_title,
                publisher=source_publisher,
                url=source_url,
            )
        participant.confirmed = participant.source is not None
        participant.full_clean()
        participant.save()
        audit_record(
            actor=actor,
            action="participant.add",
            target=participant,
            summary=participant.name,
            changes={"source": str(participant.source or "")},
        )
    return participant


# Meetings.


def meeting_create(*, actor: Actor, mechanism: Mechanism, **fields: Any) -> Meeting:
    """Add a meeting to the calendar (`sinergia.registry.services.meeting_add`, which checks
    the rule), and tell the focal points of the bodies of any clash it makes."""
    with transaction.atomic():
        meeting = meeting_add(actor=actor, mechanism=mechanism, **fields)
        meeting_clashes_notify(meeting=meeting, actor=actor)
    return meeting


def participant_remove(*, actor: Actor, participant: Participant) -> None:
    """Take a participant off a session, if nothing it said is recorded."""
    _require_secretariat(actor)
    if participant.contributions.exists():
        raise ValidationError(
            {
                "participant": _(
                    "%(name)s has contributions in this session: withdraw them instead."
                )
                % {"name": participant.name}
            }
        )
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="participant.remove",
            target=participant,
            summary=participant.name,
            changes={"session": participant.session.key},
        )
        participant.delete()


# Follow-up actions.


def _action_owners(
    mechanisms: list[str], countries: list[str]
) -> tuple[list[Mechanism], list[Country]]:
    mechanisms, countries = list(dict.fromkeys(mechanisms)), list(dict.fromkeys(countries))
    found_mechanisms = list(Mechanism.objects.filter(acronym__in=mechanisms))
    found_countries = list(Country.objects.filter(iso3__in=countries))
    missing = sorted(
        (set(mechanisms) - {m.acronym for m in found_mechanisms})
        | (set(countries) - {c.iso3 for c in found_countries})
    )
    if missing:
        raise ValidationError({"owners": _("Unknown: %(values)s") % {"values": ", ".join(missing)}})
    if not found_mechanisms and not found_countries:
        raise ValidationError(
            {"owners": _("Name at least one mechanism or state that owns the action.")}
        )
    return found_mechanisms, found_countries


def action_create(
    *,
    actor: Actor,
    session: Session,
    description: str,
    language: str,
    owner_mechanisms: list[str] | None = None,
    owner_countries: list[str] | None = None,
    owner_mechanism: str | None = None,
    owner_country: str | None = None,
    due: datetime.date | None = None,
) -> FollowUpAction:
    """Record an action agreed at `session`, owned by one or more mechanisms (acronyms) and
    states (ISO3); `owner_mechanism` and `owner_country` name a single one."""
    _require_secretariat(actor)
    mechanisms, countries = _action_owners(
        [*(owner_mechanisms or []), *([owner_mechanism] if owner_mechanism else [])],
        [*(owner_countries or []), *([owner_country] if owner_country else [])],
    )
    action = FollowUpAction(
        session=session, description=description.strip(), language=language, due=due
    )
    action.full_clean()
    with transaction.atomic():
        action.save()
        action.owner_mechanisms.set(mechanisms)
        action.owner_countries.set(countries)
        audit_record(
            actor=actor,
            action="action.create",
            target=action,
            summary=action.description[:200],
            changes={"owners": action.owner_codes},
        )
        action_assigned_notify(action=action, actor=actor)
    return action


def action_progress(
    *,
    actor: Actor,
    action: FollowUpAction,
    status: str,
    note: str = "",
    at: datetime.datetime | None = None,
) -> ProgressNote:
    """Report progress on an action: a note, and its status now."""
    if not permissions.can_update_action(actor, action):
        raise PermissionDenied(
            _("Only the owner's focal point or the secretariat reports progress.")
        )
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Unknown: %(values)s") % {"values": status}})
    if status == action.status and not note.strip():
        raise ValidationError({"note": _("Write what moved, or change the status.")})
    with transaction.atomic():
        progress = ProgressNote(
            action=action,
            at=at or timezone.now(),
            status_before=action.status,
            status_after=status,
            note=note.strip(),
            author=_user(actor),
            author_label=actor_label(actor),
            on_behalf=not permissions.speaks_for_owner(actor, action),
            speaks_for=permissions.owners_spoken_for(actor, action),
        )
        progress.full_clean(exclude=["author"])
        progress.save()
        if action.status != status:
            action.status = status
            action.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action="action.progress",
            target=action,
            summary=progress.note[:200],
            changes={"status": {"before": progress.status_before, "after": status}},
        )
    return progress


__all__ = [
    "ContributionData",
    "SessionData",
    "action_create",
    "action_progress",
    "contribution_attachment_add",
    "contribution_create",
    "contribution_submit",
    "contribution_update",
    "contribution_withdraw",
    "delegation_join",
    "meeting_create",
    "participant_add",
    "participant_remove",
    "practice_from_contribution",
    "question_set",
    "session_save",
]


def delegation_join(*, actor: Actor, session: Session, country: str) -> Participant:
    """A state focal point's delegation joins the session when it first speaks; the country
    must be a member of the convener (for the CAM, of the OAS) on the session's date."""
    from sinergia.registry.selectors import member_codes

    found = Country.objects.filter(iso3=country).first()
    if found is None:
        raise ValidationError({"participant": _("Unknown: %(values)s") % {"values": country}})
    existing = session.participants.filter(country=found).first()
    if existing is not None:
        return existing
    if not (is_secretariat(actor) or permissions.speaks_for(actor, Participant(country=found))):
        raise PermissionDenied(_("You can speak only for your own country."))
    if found.iso3 not in member_codes(session.convener, day=session.date):
        raise ValidationError(
            {
                "participant": _("%(country)s is not a member of %(convener)s on %(date)s.")
                % {
                    "country": found.name,
                    "convener": session.convener.acronym,
                    "date": session.date,
                }
            }
        )
    participant = Participant(
        session=session, kind=ParticipantKind.DELEGATION, role="delegation", country=found
    )
    participant.full_clean()
    with transaction.atomic():
        participant.save()
        audit_record(actor=actor, action="participant.join", target=participant, summary=found.iso3)
    return participant


def contribution_create(
    *,
    actor: Actor,
    session: Session,
    data: ContributionData,
    participant: int | None = None,
    country: str | None = None,
    upload: Any = None,
) -> Contribution:
    """Speak at a session, as the page and the API both offer it: for `participant` (its id
    in the session), or for the delegation of `country`, which joins the session with its
    first contribution; with `upload`, a file attached to it. One transaction: a refused
    contribution leaves no participant, no file and no audit entry behind."""
    with transaction.atomic():
        if participant is not None:
            speaker = session.participants.filter(pk=participant).first()
            if speaker is None:
                raise ValidationError({"participant": _("No such participant in this session.")})
        elif country:
            speaker = delegation_join(actor=actor, session=session, country=country)
        else:
            raise ValidationError(
                {"participant": _("Name a participant of the session, or a country.")}
            )
        contribution = contribution_submit(actor=actor, participant=speaker, data=data)
        if upload is not None:
            contribution_attachment_add(actor=actor, contribution=contribution, upload=upload)
    return contribution
