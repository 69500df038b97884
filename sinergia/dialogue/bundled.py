"""The dialogue sessions bundled with Sinergia (`data/dialogue/sessions/*.yaml`), each with
its concept note beside it (`<key>.concept-note.<language>.md`).

A session file is loaded again only when it changes, so edits made in Sinergia to a bundled
session stay until the bundled file itself is corrected.
"""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path
from typing import Literal

import yaml
from django.conf import settings
from django.db import transaction
from pydantic import Field, ValidationError, model_validator

from sinergia.accounts.services import SystemActor, audit_record
from sinergia.dialogue.models import GuidingQuestion, Participant, ParticipantKind, Session
from sinergia.i18n import LanguageCode
from sinergia.reference.schema import Editorial, EditorialText, OptionalText, SourceSpec, Strict
from sinergia.registry.models import Country, Mechanism, Source
from sinergia.registry.sources import source_quality_in_registry

LanguageText = dict[LanguageCode, str]


class AgendaSpec(Strict):
    title: LanguageText
    source: str | None = None


class QuestionSpec(Strict):
    text: LanguageText


class ParticipantSpec(Strict):
    mechanism: str | None = None
    country: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    organization: str | None = None
    role: Literal["panelist", "invited", "delegation", "organization"]
    confirmed: bool = True
    # An editorial text: a string (English) or the original with its translations.
    note: Editorial = EditorialText()
    source: str | None = None

    @model_validator(mode="after")
    def _check(self) -> ParticipantSpec:
        if sum(bool(value) for value in (self.mechanism, self.country, self.organization)) != 1:
            raise ValueError("name exactly one of mechanism, country or organization")
        if not self.confirmed and not self.note.strip():
            raise ValueError("an unconfirmed participant needs a note that says why")
        if self.confirmed and not self.source:
            raise ValueError("a confirmed participant needs a source")
        return self


class SessionSpec(Strict):
    key: str = Field(pattern=r"^[a-z0-9-]+$")
    convener: str
    date: datetime.date
    modality: Literal["", "in_person", "virtual", "hybrid"] = ""
    place: OptionalText = ""
    title: LanguageText
    document: OptionalText = ""
    chair: OptionalText = ""
    source: str
    concept_note_source: str | None = None
    agenda: list[AgendaSpec] = []
    guiding_questions: list[QuestionSpec] = Field(min_length=1)
    translated_by_sinergia: list[LanguageCode] = []
    participants: list[ParticipantSpec] = []
    unconfirmed: dict[str, Editorial] = {}
    sources: list[SourceSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _check(self) -> SessionSpec:
        known = {source.id for source in self.sources}
        cited = {self.source, self.concept_note_source}
        cited |= {item.source for item in self.agenda} | {p.source for p in self.participants}
        if len({note.original_language for note in self.unconfirmed.values()}) > 1:
            raise ValueError("the unconfirmed notes have one original language")
        missing = sorted(str(key) for key in cited - known - {None})
        if missing:
            raise ValueError(f"sources not declared in this file: {', '.join(missing)}")
        if "es" not in self.title or "en" not in self.title:
            raise ValueError("the title is needed in es and en")
        for number, question in enumerate(self.guiding_questions, start=1):
            if "es" not in question.text or "en" not in question.text:
                raise ValueError(f"guiding question {number} is needed in es and en")
        return self


class SessionFileError(Exception):
    def __init__(self, path: Path, message: str):
        super().__init__(f"{path.name}: {message}")


def session_files(data_dir: Path | None = None) -> list[Path]:
    folder = Path(data_dir or settings.SINERGIA_DATA_DIR) / "dialogue" / "sessions"
    return sorted(folder.glob("*.yaml"))


def session_problems(data_dir: Path, mechanisms: set[str], countries: set[str]) -> list[str]:
    """Every problem in the bundled session files, for `sinergia data validate`."""
    problems = []
    for path in session_files(data_dir):
        try:
            spec, _note, _language = read_session_file(path)
        except SessionFileError as error:
            problems.append(str(error))
            continue
        named = {spec.convener} | {p.mechanism for p in spec.participants if p.mechanism}
        for acronym in sorted(named - mechanisms):
            problems.append(f"{path.name}: unknown mechanism {acronym}")
        for iso3 in sorted({p.country for p in spec.participants if p.country} - countries):
            problems.append(f"{path.name}: unknown country {iso3}")
    return problems


def read_session_file(path: Path) -> tuple[SessionSpec, str, str]:
    """The session, its concept note (Markdown) and the note's language; refuses a bad file
    with the field that is wrong."""
    raw = path.read_bytes()
    try:
        spec = SessionSpec.model_validate(yaml.safe_load(raw))
    except ValidationError as error:
        first = error.errors()[0]
        location = ".".join(str(part) for part in first["loc"]) or "file"
        raise SessionFileError(path, f"{location}: {first['msg']}") from None
    except yaml.YAMLError as error:
        raise SessionFileError(path, f"not valid YAML: {error}") from None
    notes = sorted(path.parent.glob(f"{spec.key}.concept-note.*.md"))
    if notes:
        language = notes[0].name.rsplit(".", 2)[-2]
        return spec, notes[0].read_text(encoding="utf-8"), language
    return spec, "", "es"


def _checksum(path: Path) -> str:
    digest = hashlib.sha256(path.read_bytes())
    for note in sorted(path.parent.glob(f"{path.stem}.concept-note.*.md")):
        digest.update(note.read_bytes())
    return digest.hexdigest()


def bundled_sessions_load() -> list[str]:
    """Load every bundled session that is new or changed; returns their keys."""
    loaded = []
    for path in session_files():
        checksum = _checksum(path)
        spec, concept_note, language = read_session_file(path)
        if Session.objects.filter(key=spec.key, bundle_checksum=checksum).exists():
            continue
        with transaction.atomic():
            _load(spec, concept_note, language, checksum)
        loaded.append(spec.key)
    return loaded


def _load(spec: SessionSpec, concept_note: str, language: str, checksum: str) -> Session:
    sources = {}
    for source_spec in spec.sources:
        sources[source_spec.id], _created = Source.objects.update_or_create(
            key=source_spec.id,
            defaults={
                "title": source_spec.title,
                "publisher": source_spec.publisher,
                "url": source_spec.url,
                "consulted": source_spec.consulted,
                "language": source_spec.language or "",
                "publisher_language": source_spec.publisher_language or "",
                "quality": source_spec.quality
                or source_quality_in_registry(url=source_spec.url, publisher=source_spec.publisher),
            },
        )
    convener = Mechanism.objects.get(acronym=spec.convener)
    session, created = Session.objects.update_or_create(
        key=spec.key,
        defaults={
            "convener": convener,
            "date": spec.date,
            "modality": spec.modality,
            "place": spec.place,
            "title": dict(spec.title),
            "document": spec.document,
            "chair": spec.chair,
            "concept_note": concept_note,
            "concept_note_language": language,
            "source": sources[spec.source],
            "concept_note_source": sources.get(spec.concept_note_source or ""),
            "unconfirmed": {field: note.original for field, note in spec.unconfirmed.items()},
            "unconfirmed_language": next(
                (note.original_language for note in spec.unconfirmed.values()), "en"
            ),
            "unconfirmed_translations": {
                field: note.translations()
                for field, note in spec.unconfirmed.items()
                if note.translation
            },
            "bundle_checksum": checksum,
        },
    )
    session.sources.set(sources.values())
    session.agenda.all().delete()
    for position, item in enumerate(spec.agenda, start=1):
        session.agenda.create(position=position, title=dict(item.title))
    for number, question_spec in enumerate(spec.guiding_questions, start=1):
        GuidingQuestion.objects.update_or_create(
            session=session,
            number=number,
            defaults={
                "text": dict(question_spec.text),
                "translated": [c for c in spec.translated_by_sinergia if c in question_spec.text],
            },
        )
    for participant_spec in spec.participants:
        values = {
            "role": participant_spec.role,
            "confirmed": participant_spec.confirmed,
            "note": participant_spec.note.original,
            "note_language": (
                participant_spec.note.original_language if participant_spec.note.original else ""
            ),
            "note_translations": participant_spec.note.translations(),
            "source": sources.get(participant_spec.source or ""),
        }
        if participant_spec.mechanism:
            Participant.objects.update_or_create(
                session=session,
                mechanism=Mechanism.objects.get(acronym=participant_spec.mechanism),
                defaults={"kind": ParticipantKind.MECHANISM, **values},
            )
        elif participant_spec.country:
            Participant.objects.update_or_create(
                session=session,
                country=Country.objects.get(iso3=participant_spec.country),
                defaults={"kind": ParticipantKind.DELEGATION, **values},
            )
        else:
            Participant.objects.update_or_create(
                session=session,
                organization=participant_spec.organization,
                defaults={"kind": ParticipantKind.ORGANIZATION, **values},
            )
    audit_record(
        actor=SystemActor("sinergia init"),
        action="session.load" if created else "session.reload",
        target=session,
        summary=spec.key,
        # Its sources are the registry's: one may be the source of a mechanism's page.
        also=("registry",) if spec.sources else (),
    )
    return session
