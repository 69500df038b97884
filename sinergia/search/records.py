"""The records the site search matches, read from the other apps: mechanisms, countries,
themes, dialogue sessions, contributions and meetings, each with its names and texts in the
four languages. Built once per process and data version; contributions that only their
authors may see are read for them alone, never kept."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.db.models import Prefetch
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sinergia.accounts.services import Actor
from sinergia.data_version import ALL_BUT_PRACTICES, data_version
from sinergia.dialogue.models import CONTRIBUTION_PARTS, Contribution, ContributionStatus, Session
from sinergia.dialogue.permissions import visible_contributions
from sinergia.i18n import localized, territory_name
from sinergia.registry.models import Country, Mechanism, Meeting
from sinergia.search.matching import IndexedRecord, Record, Text, index_record
from sinergia.vocabulary.models import Concept

CACHE_SECONDS = 24 * 3600  # the key holds the data version: a change is seen at once


def _languages() -> list[str]:
    return list(settings.LANGUAGE_CODES)


def _each_language(make: Callable[[str], str]) -> dict[str, str]:
    """{language: make(language)}, each made with that language active."""
    values = {}
    for language in _languages():
        with translation.override(language):
            values[language] = make(language)
    return values


def _texts(values: dict[str, str] | None) -> tuple[Text, ...]:
    return tuple(Text(text, language) for language, text in (values or {}).items() if text)


def _translated(value: object) -> dict[str, str]:
    """A translatable label (a choice's) in each language."""
    return _each_language(lambda _language: str(value))


def _dated(day: date, *, before: Sequence[str] = (), after: Sequence[str] = ()) -> dict[str, str]:
    """The parts before, the date and the parts after, joined by " · ", in each language
    (the date as that language writes it)."""
    return _each_language(
        lambda _language: " · ".join(
            part for part in (*before, date_format(day, "DATE_FORMAT"), *after) if part
        )
    )


def _newest_first(day: date) -> int:
    return -day.toordinal()


def mechanism_records() -> list[Record]:
    return [
        Record(
            kind="mechanism",
            key=mechanism.acronym,
            titles={
                language: f"{localized(mechanism.names, language)} ({mechanism.acronym})"
                for language in _languages()
            },
            meta=_translated(mechanism.get_kind_display()),
            details=mechanism.description or {},
            names=(*_texts(mechanism.names), *(Text(alias) for alias in mechanism.aliases)),
            codes=(mechanism.acronym,),
            texts=_texts(mechanism.description),
        )
        for mechanism in Mechanism.objects.order_by("acronym")
    ]


def country_records() -> list[Record]:
    return [
        Record(
            kind="country",
            key=country.iso3,
            titles={language: territory_name(country.iso2, language) for language in _languages()},
            meta={
                language: territory_name(country.subregion.m49, language)
                for language in _languages()
            },
            names=tuple(
                Text(territory_name(country.iso2, language), language) for language in _languages()
            ),
            codes=(country.iso3,),
            texts=tuple(
                Text(territory_name(country.subregion.m49, language), language)
                for language in _languages()
            ),
        )
        for country in Country.objects.select_related("subregion")
    ]


def theme_records() -> list[Record]:
    return [
        Record(
            kind="theme",
            key=concept.key,
            titles=concept.labels,
            details=concept.definition or {},
            names=(
                *_texts(concept.labels),
                *(
                    Text(synonym, language)
                    for language, synonyms in (concept.synonyms or {}).items()
                    for synonym in synonyms
                ),
            ),
            texts=_texts(concept.definition),
            order=index,
        )
        for index, concept in enumerate(Concept.objects.order_by("position", "key"))
    ]


def session_records() -> list[Record]:
    sessions = Session.objects.select_related("convener").prefetch_related("agenda")
    return [
        Record(
            kind="session",
            key=str(session.pk),
            titles=session.title,
            meta=_dated(session.date, before=[session.convener.acronym], after=[session.place]),
            names=_texts(session.title),
            codes=(session.convener.acronym,),
            texts=(
                Text(session.place),
                Text(session.document),
                *_texts(session.convener.names),
                *(text for item in session.agenda.all() for text in _texts(item.title)),
            ),
            order=_newest_first(session.date),
        )
        for session in sessions
    ]


def _participant_names(contribution: Contribution) -> dict[str, str]:
    participant = contribution.participant
    if participant.country_id:
        return {
            language: territory_name(participant.country.iso2, language)  # type: ignore[union-attr]
            for language in _languages()
        }
    if participant.mechanism_id:
        names = participant.mechanism.names  # type: ignore[union-attr]
        return {language: localized(names, language) for language in _languages()}
    return dict.fromkeys(_languages(), participant.organization)


def _contribution_record(contribution: Contribution, order: int) -> Record:
    names = _participant_names(contribution)
    parts = [contribution.statement, *(getattr(contribution, p) for p in CONTRIBUTION_PARTS)]
    text = " ".join(part.strip() for part in parts if part.strip())

    def meta(language: str) -> str:
        pieces = [
            date_format(contribution.session.date, "DATE_FORMAT"),
            _("Question %(number)s") % {"number": contribution.question.number},
        ]
        if contribution.status != ContributionStatus.SUBMITTED:
            pieces.append(str(contribution.get_status_display()))
        return " · ".join(pieces)

    mechanism = contribution.participant.mechanism
    return Record(
        kind="contribution",
        key=str(contribution.pk),
        titles=_each_language(
            lambda language: _("%(participant)s: contribution") % {"participant": names[language]}
        ),
        meta=_each_language(meta),
        details=dict.fromkeys(_languages(), text),
        details_language=contribution.language,
        names=tuple(Text(name, language) for language, name in names.items()),
        codes=(mechanism.acronym,) if mechanism else (),
        texts=(
            Text(text, contribution.language),
            *(label for theme in contribution.themes.all() for label in _texts(theme.labels)),
        ),
        order=order,
    )


def contribution_records(actor: Actor) -> list[Record]:
    """The contributions `actor` may see (`visible_contributions`), as records, those of the
    latest session first."""
    contributions = (
        Contribution.objects.filter(visible_contributions(actor))
        .select_related("session", "question", "participant__country", "participant__mechanism")
        .prefetch_related(Prefetch("themes", queryset=Concept.objects.only("labels")))
        .order_by("-session__date", "pk")
    )
    return [_contribution_record(c, order) for order, c in enumerate(contributions)]


def meeting_records() -> list[Record]:
    meetings = Meeting.objects.select_related("mechanism")
    return [
        Record(
            kind="meeting",
            key=meeting.mechanism.acronym,
            titles=dict.fromkeys(_languages(), meeting.title),
            meta=dict.fromkeys(
                _languages(),
                " · ".join(
                    part
                    for part in (meeting.mechanism.acronym, meeting.date_display, meeting.place)
                    if part
                ),
            ),
            details=dict.fromkeys(_languages(), meeting.outcome),
            names=(Text(meeting.title),),
            texts=(
                Text(meeting.place),
                Text(meeting.outcome),
                Text(meeting.mechanism.acronym),
                *_texts(meeting.mechanism.names),
            ),
            order=_newest_first(meeting.date),
        )
        for meeting in meetings
    ]


PUBLIC_BUILDERS: dict[str, Callable[[], list[Record]]] = {
    "mechanism": mechanism_records,
    "country": country_records,
    "theme": theme_records,
    "session": session_records,
    "contribution": lambda: contribution_records(None),
    "meeting": meeting_records,
}


def _sees_only_public_contributions(actor: Actor) -> bool:
    return visible_contributions(actor) == visible_contributions(None)


# This process's records of the current data version, under that version's token: {token:
# {kind: records}}. The token lives in the shared cache, so that clearing the cache clears
# these too; reading records from memory spares a search their unpickling.
_memory: dict[str, dict[str, list[IndexedRecord]]] = {}


def _version_token() -> str | None:
    """A token for the current data version, the same in every process; None when the cache
    keeps nothing."""
    key = f"site-search-version:{data_version(*ALL_BUT_PRACTICES).key}"
    token = cache.get(key)
    if token is None:
        cache.add(key, secrets.token_hex(8), CACHE_SECONDS)  # the first process's wins
        token = cache.get(key)
    return token


def indexed_records(kinds: list[str], actor: Actor) -> dict[str, list[IndexedRecord]]:
    """The indexed records of each of `kinds` (those of PUBLIC_BUILDERS) that `actor` may
    see. What everyone sees is built once per process and data version; contributions that
    only some may see are read for the reader alone."""
    token = _version_token()
    kept = _memory.get(token, {}) if token else {}
    if token and token not in _memory:
        _memory.clear()
        _memory[token] = kept
    private = "contribution" in kinds and not _sees_only_public_contributions(actor)
    result: dict[str, list[IndexedRecord]] = {}
    for kind in kinds:
        if kind == "contribution" and private:
            result[kind] = [index_record(record) for record in contribution_records(actor)]
            continue
        if kind not in kept:
            kept[kind] = [index_record(record) for record in PUBLIC_BUILDERS[kind]()]
        result[kind] = kept[kind]
    return result
