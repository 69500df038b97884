"""The vocabulary in the data package: themes, framework items and crosswalks."""

from __future__ import annotations

from sinergia.opendata.resources import Resource, language_fields, language_values
from sinergia.uris import concept_uri
from sinergia.vocabulary.models import Concept, ConceptMatch, FrameworkItem


def themes_resource() -> Resource:
    return Resource(
        "themes",
        "Themes",
        "Sinergia's thematic vocabulary (also as SKOS at /api/v1/vocabulary.ttl).",
        [
            ("key", "string", "identifier"),
            ("uri", "string", "stable identifier"),
            *language_fields("label", "label"),
        ],
        (
            [c.key, concept_uri(c.key), *language_values(c.labels)]
            for c in Concept.objects.order_by("position", "key")
        ),
        primary_key=["key"],
    )


def framework_items_resource() -> Resource:
    return Resource(
        "framework_items",
        "Framework items",
        "The GCM objectives, SDG target 10.7 and the other frameworks' items.",
        [
            ("framework", "string", "framework key"),
            ("code", "string", "code"),
            *language_fields("label", "label"),
        ],
        (
            [item.framework.key, item.code, *language_values(item.labels)]
            for item in FrameworkItem.objects.select_related("framework").order_by(
                "framework__position", "position"
            )
        ),
        primary_key=["framework", "code"],
    )


def crosswalks_resource() -> Resource:
    return Resource(
        "crosswalks",
        "Crosswalks",
        "Which theme matches which framework item, exactly or closely.",
        [
            ("theme", "string", "theme key"),
            ("framework", "string", "framework key"),
            ("code", "string", "item code"),
            ("match", "string", "exact or close"),
        ],
        (
            [m.concept.key, m.item.framework.key, m.item.code, m.kind]
            for m in ConceptMatch.objects.select_related("concept", "item__framework")
        ),
    )
