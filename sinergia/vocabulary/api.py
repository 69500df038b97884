"""Read endpoints of the vocabulary."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from sinergia.i18n import localized
from sinergia.uris import concept_uri
from sinergia.vocabulary import selectors

router = Router(tags=["vocabulary"])


class CrosswalkOut(Schema):
    framework: str
    code: str
    match: str


class ThemeOut(Schema):
    key: str
    uri: str
    label: str
    labels: dict[str, str]
    synonyms: dict[str, list[str]]
    definition: dict[str, str]
    crosswalk: list[CrosswalkOut]


@router.get("/themes", response=list[ThemeOut], summary="List themes")
def list_themes(request: HttpRequest) -> list[dict[str, object]]:
    """The thematic vocabulary: labels and synonyms in es/en/fr/pt, and the crosswalks to the GCM
    objectives, SDG target 10.7, the Los Angeles Declaration, the 2013 High-level Dialogue and
    AG/RES. 2988 ¶56."""
    return [
        {
            "key": concept.key,
            "uri": concept_uri(concept.key),
            "label": localized(concept.labels),
            "labels": concept.labels,
            "synonyms": concept.synonyms,
            "definition": concept.definition,
            "crosswalk": [
                {
                    "framework": match.item.framework.key,
                    "code": match.item.code,
                    "match": match.kind,
                }
                for match in concept.matches.all()
            ],
        }
        for concept in selectors.concept_list()
    ]
