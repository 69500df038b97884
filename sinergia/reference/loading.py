"""Load a validated `Bundle` into the database: all of it or nothing, and idempotently.

The bundle is authoritative for what it contains: a second load of the same files changes
nothing; a load of edited files updates what changed and removes the memberships, agenda
items, commitments and meetings of bundled mechanisms that the files no longer hold.
Mechanisms and themes added by people are never removed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction

from sinergia.accounts.services import Actor, audit_record
from sinergia.data_version import data_version_bump
from sinergia.reference.schema import (
    Bundle,
    FrameworkSourceSpec,
    MechanismSpec,
    PartialDate,
    SourceSpec,
    TextSpec,
)
from sinergia.regions import SUBREGION_M49
from sinergia.registry.models import (
    AgendaItem,
    Commitment,
    Country,
    Mechanism,
    Meeting,
    Membership,
    Source,
    Subregion,
)
from sinergia.registry.sources import source_quality_classify
from sinergia.vocabulary.models import Concept, ConceptMatch, Framework, FrameworkItem


@dataclass
class LoadReport:
    """How many rows of each kind a load created, updated, removed or left unchanged."""

    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    removed: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(
            sum(self.created.values()) + sum(self.updated.values()) + sum(self.removed.values())
        )

    def summary(self) -> str:
        def part(label: str, counter: Counter[str]) -> str:
            return f"{label} {sum(counter.values())}"

        return ", ".join(
            part(label, counter)
            for label, counter in (
                ("created", self.created),
                ("updated", self.updated),
                ("removed", self.removed),
                ("unchanged", self.unchanged),
            )
        )


class _Sync:
    """Create-or-update by natural key, saving only what differs, counting what it did.

    Existing rows of each model are read once, so a load costs one query per model plus one
    write per row that changed.
    """

    def __init__(self, report: LoadReport):
        self.report = report
        self._rows: dict[
            tuple[type[models.Model], tuple[str, ...]], dict[tuple[Any, ...], Any]
        ] = {}

    @staticmethod
    def _key_value(value: Any) -> Any:
        return value.pk if isinstance(value, models.Model) else value

    def _existing(
        self, model: type[models.Model], fields: tuple[str, ...]
    ) -> dict[tuple[Any, ...], Any]:
        cache_key = (model, fields)
        if cache_key not in self._rows:
            attributes = [model._meta.get_field(name).get_attname() for name in fields]  # type: ignore[union-attr]
            self._rows[cache_key] = {
                tuple(getattr(row, attribute) for attribute in attributes): row
                for row in model._default_manager.all()
            }
        return self._rows[cache_key]

    def upsert(
        self, model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any]
    ) -> Any:
        name = model._meta.model_name or model.__name__
        fields = tuple(sorted(lookup))
        rows = self._existing(model, fields)
        key = tuple(self._key_value(lookup[field]) for field in fields)
        instance = rows.get(key)
        if instance is None:
            instance = model(**lookup, **values)
            self._save(instance)
            rows[key] = instance
            self.report.created[name] += 1
            return instance
        changed = [
            field
            for field, value in values.items()
            if self._key_value(getattr(instance, field)) != self._key_value(value)
        ]
        if changed:
            for field in changed:
                setattr(instance, field, values[field])
            self._save(instance)
            self.report.updated[name] += 1
        else:
            self.report.unchanged[name] += 1
        return instance

    @staticmethod
    def _save(instance: models.Model) -> None:
        # The bundle was validated as a whole before the load; field checks stay cheap here,
        # and relations and constraints are enforced by the database.
        relations = [field.name for field in instance._meta.fields if field.is_relation]
        instance.clean_fields(exclude=relations)
        instance.save()

    def set_m2m(self, manager: Any, targets: list[models.Model], name: str) -> None:
        wanted = {target.pk for target in targets}
        current = {related.pk for related in manager.all()}
        if wanted != current:
            manager.set(targets)
            self.report.updated[name] += 1

    def remove_stale(self, queryset: models.QuerySet[Any], keep_ids: set[int]) -> None:
        stale = list(queryset.exclude(pk__in=keep_ids))
        if stale:
            self.report.removed[queryset.model._meta.model_name or ""] += len(stale)
            for row in self._rows.values():
                for key in [key for key, instance in row.items() if instance in stale]:
                    del row[key]
            for instance in stale:
                instance.delete()  # one by one, so each removal enters the history


@dataclass(frozen=True)
class _Official:
    """What makes a source the official word of a body: its website and its names."""

    hosts: list[str]
    names: list[str]

    @classmethod
    def of(cls, bundle: Bundle) -> _Official:
        mechanisms = [
            (m.website, [m.acronym, *m.names.model_dump().values()]) for m in bundle.mechanisms
        ]
        # Mechanisms added by people count too: their sites are as official as the bundled.
        mechanisms += [
            (website, [acronym, *names.values()])
            for acronym, website, names in Mechanism.objects.values_list(
                "acronym", "website", "names"
            )
        ]
        return cls(
            hosts=sorted({website for website, _names in mechanisms if website}),
            names=sorted({name for _website, names in mechanisms for name in names if name}),
        )


def _source_values(spec: SourceSpec | FrameworkSourceSpec, official: _Official) -> dict[str, Any]:
    """A source's fields; its quality as the file gives it, else classified by the rules of
    `source_quality_classify`."""
    quality = spec.quality or source_quality_classify(
        url=spec.url,
        publisher=spec.publisher,
        official_hosts=official.hosts,
        official_names=official.names,
    )
    return {
        "title": spec.title,
        "publisher": spec.publisher,
        "url": spec.url,
        "consulted": spec.consulted,
        "quality": str(quality),
        "language": spec.language or "",
        "publisher_language": spec.publisher_language or "",
    }


def _date(value: PartialDate | None) -> tuple[Any, str]:
    if value is None:
        return None, "year"
    return value.value, value.precision


def reference_data_load(
    *, bundle: Bundle, actor: Actor = None, actor_label: str = "sinergia init"
) -> LoadReport:
    """Write `bundle` to the database in one transaction and record it in the audit trail."""
    report = LoadReport()
    sync = _Sync(report)
    with transaction.atomic():
        # The mechanisms' texts are tagged with the vocabulary loaded a moment before: a new
        # data version first, so that no process keeps a tagger of a load rolled back.
        data_version_bump()
        subregions = {
            key: sync.upsert(Subregion, {"key": key}, {"m49": m49, "position": position})
            for position, (key, m49) in enumerate(SUBREGION_M49.items())
        }
        for spec in bundle.countries:
            sync.upsert(
                Country,
                {"iso3": spec.iso3},
                {
                    "iso2": spec.iso2,
                    "m49": spec.m49,
                    "subregion": subregions[spec.subregion],
                    "sovereign": spec.sovereign,
                },
            )
        countries = {country.iso3: country for country in Country.objects.all()}

        sources: dict[str, Source] = {}
        official = _Official.of(bundle)
        for framework_spec in bundle.frameworks:
            sources[framework_spec.source_id] = sync.upsert(
                Source,
                {"key": framework_spec.source_id},
                _source_values(framework_spec.source, official),
            )
        for mechanism_spec in bundle.mechanisms:
            for source_spec in mechanism_spec.sources:
                sources[source_spec.id] = sync.upsert(
                    Source, {"key": source_spec.id}, _source_values(source_spec, official)
                )

        concepts = _load_vocabulary(bundle, sync, sources)
        _load_mechanisms(bundle, sync, sources, countries, concepts)

        audit_record(
            actor=actor,
            actor_fallback=actor_label,
            action="reference_data.load",
            summary=report.summary(),
            changes={
                "created": dict(report.created),
                "updated": dict(report.updated),
                "removed": dict(report.removed),
            },
        )
    return report


def _load_vocabulary(bundle: Bundle, sync: _Sync, sources: dict[str, Source]) -> dict[str, Concept]:
    items: dict[tuple[str, str], FrameworkItem] = {}
    for position, framework_spec in enumerate(bundle.frameworks):
        framework = sync.upsert(
            Framework,
            {"key": framework_spec.id},
            {
                "labels": framework_spec.labels.model_dump(),
                "source": sources[framework_spec.source_id],
                "position": position,
                "notes": framework_spec.notes,
                "translated_languages": list(framework_spec.machine_translated),
            },
        )
        for item_position, item_spec in enumerate(framework_spec.items):
            items[(framework_spec.id, item_spec.code)] = sync.upsert(
                FrameworkItem,
                {"framework": framework, "code": item_spec.code},
                {"labels": item_spec.labels.model_dump(), "position": item_position},
            )

    concepts: dict[str, Concept] = {}
    for position, theme in enumerate(bundle.themes):
        concept = sync.upsert(
            Concept,
            {"key": theme.id},
            {
                "labels": theme.labels.model_dump(),
                "synonyms": {
                    lang: terms for lang, terms in theme.synonyms.model_dump().items() if terms
                },
                "definition": dict(theme.definition),
                "position": position,
            },
        )
        concepts[theme.id] = concept
        keep: set[int] = set()
        for framework_id, codes in theme.crosswalk.items():
            for code in codes:
                match = sync.upsert(
                    ConceptMatch, {"concept": concept, "item": items[(framework_id, str(code))]}, {}
                )
                keep.add(match.pk)
        sync.remove_stale(ConceptMatch.objects.filter(concept=concept), keep)
    return concepts


def _load_mechanisms(
    bundle: Bundle,
    sync: _Sync,
    sources: dict[str, Source],
    countries: dict[str, Country],
    concepts: dict[str, Concept],
) -> None:
    mechanisms: dict[str, Mechanism] = {}
    for spec in bundle.mechanisms:
        mechanisms[spec.acronym] = sync.upsert(
            Mechanism,
            {"acronym": spec.acronym},
            {
                "names": spec.names.model_dump(),
                "aliases": list(spec.aliases),
                "kind": spec.kind,
                "scope": spec.scope,
                "established": spec.established,
                "status": spec.status,
                "website": spec.website,
                "secretariat": spec.secretariat.original,
                "supporting_organizations": list(spec.supporting_organizations),
                "description": {k: v for k, v in spec.description.model_dump().items() if v},
                "source": sources[spec.source],
                "unconfirmed": {field: note.original for field, note in spec.unconfirmed.items()},
                "editorial_language": spec.editorial_language,
                "editorial_translations": _editorial_translations(spec),
            },
        )
    # References between mechanisms, once every mechanism exists.
    for spec in bundle.mechanisms:
        mechanism = mechanisms[spec.acronym]
        sync.upsert(
            Mechanism,
            {"acronym": spec.acronym},
            {
                "parent": mechanisms[spec.parent] if spec.parent else None,
                "members_from": mechanisms[spec.members_from] if spec.members_from else None,
            },
        )
        sync.set_m2m(mechanism.related, [mechanisms[a] for a in spec.related], "mechanism_related")
        _load_members(spec, mechanism, sync, sources, countries)
        _load_texts(AgendaItem, spec.agenda, mechanism, sync, sources, concepts)
        _load_texts(Commitment, spec.commitments, mechanism, sync, sources, concepts)
        _load_meetings(spec, mechanism, sync, sources)


def _editorial_translations(spec: MechanismSpec) -> dict[str, Any]:
    """The translations of a mechanism's secretariat and notes, as the model keeps them."""
    translations: dict[str, Any] = {}
    if spec.secretariat.translation:
        translations["secretariat"] = spec.secretariat.translations()
    unconfirmed = {
        field: note.translations() for field, note in spec.unconfirmed.items() if note.translation
    }
    if unconfirmed:
        translations["unconfirmed"] = unconfirmed
    return translations


def _load_members(
    spec: MechanismSpec,
    mechanism: Mechanism,
    sync: _Sync,
    sources: dict[str, Source],
    countries: dict[str, Country],
) -> None:
    keep: set[int] = set()
    # Memberships added or ended through Sinergia are the newer word: left as they are.
    recorded = set(
        Membership.objects.filter(mechanism=mechanism, recorded_in_sinergia=True).values_list(
            "country_id", "role", "since"
        )
    )
    for member in spec.members:
        since, since_precision = _date(member.since)
        until, until_precision = _date(member.until)
        if (countries[member.country].pk, member.role, since) in recorded:
            continue
        membership = sync.upsert(
            Membership,
            {
                "mechanism": mechanism,
                "country": countries[member.country],
                "role": member.role,
                "since": since,
            },
            {
                "since_precision": since_precision,
                "until": until,
                "until_precision": until_precision,
                "source": sources[member.source],
                "confirmed": member.confirmed,
                "note": member.note.original,
                "note_language": member.note.original_language if member.note.original else "",
                "note_translations": member.note.translations(),
            },
        )
        keep.add(membership.pk)
    sync.remove_stale(
        Membership.objects.filter(mechanism=mechanism, recorded_in_sinergia=False), keep
    )


def _load_texts(
    model: type[AgendaItem] | type[Commitment],
    texts: list[TextSpec],
    mechanism: Mechanism,
    sync: _Sync,
    sources: dict[str, Source],
    concepts: dict[str, Concept],
) -> None:
    keep: set[int] = set()
    for position, text in enumerate(texts):
        date, date_precision = _date(text.date)
        item = sync.upsert(
            model,
            {"mechanism": mechanism, "position": position, "recorded_in_sinergia": False},
            {
                "text": text.text,
                "language": text.language,
                # A dated text gives its year too: filters and exports by year keep working.
                "year": text.year or (date.year if date else None),
                "date": date,
                "date_precision": date_precision if date else "day",
                "translations": dict(text.translations),
                "source": sources[text.source],
            },
        )
        sync.set_m2m(
            item.themes, [concepts[key] for key in text.themes], f"{model._meta.model_name}_themes"
        )
        keep.add(item.pk)
    sync.remove_stale(model.objects.filter(mechanism=mechanism, recorded_in_sinergia=False), keep)


def _load_meetings(
    spec: MechanismSpec, mechanism: Mechanism, sync: _Sync, sources: dict[str, Source]
) -> None:
    keep: set[int] = set()
    for meeting in spec.meetings:
        instance = sync.upsert(
            Meeting,
            {
                "mechanism": mechanism,
                "title": meeting.title,
                "date": meeting.date.value,
                "recorded_in_sinergia": False,
            },
            {
                "date_precision": meeting.date.precision,
                "language": meeting.language or "",
                "place": meeting.place,
                "level": meeting.level or "",
                "outcome": meeting.outcome,
                "outcome_url": meeting.outcome_url,
                "source": sources[meeting.source],
            },
        )
        keep.add(instance.pk)
    sync.remove_stale(Meeting.objects.filter(mechanism=mechanism, recorded_in_sinergia=False), keep)
