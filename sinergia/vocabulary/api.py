"""Read endpoints of the vocabulary."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema

from sinergia.i18n import localized
from sinergia.uris import concept_uri
from sinergia.vocabulary import selectors, skos

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


def _rdf(body: bytes, content_type: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Access-Control-Allow-Origin"] = "*"
    return response


@router.get(
    "/vocabulary.ttl",
    summary="The vocabulary as SKOS (Turtle)",
    response={200: None},
    openapi_extra={"responses": {200: {"description": "SKOS", "content": {"text/turtle": {}}}}},
)
def vocabulary_turtle(request: HttpRequest) -> HttpResponse:
    """Sinergia's themes as a SKOS concept scheme with prefLabel and altLabel in es, en, fr and
    pt; each framework as a scheme of its own; crosswalks as skos:exactMatch or closeMatch."""
    return _rdf(skos.vocabulary_turtle(), "text/turtle; charset=utf-8")


@router.get(
    "/vocabulary.jsonld",
    summary="The vocabulary as SKOS (JSON-LD)",
    response={200: None},
    openapi_extra={
        "responses": {200: {"description": "SKOS", "content": {"application/ld+json": {}}}}
    },
)
def vocabulary_jsonld(request: HttpRequest) -> HttpResponse:
    """The same SKOS graph as `vocabulary.ttl`, as JSON-LD."""
    return _rdf(skos.vocabulary_jsonld(), "application/ld+json")
