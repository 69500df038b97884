"""The vocabulary as SKOS: Sinergia's themes as one concept scheme, each framework (the GCM
objectives, SDG target 10.7, ...) as a scheme of its own, and the crosswalks between them as
skos:exactMatch or skos:closeMatch. Written as Turtle or JSON-LD by rdflib."""

from __future__ import annotations

from django.conf import settings
from rdflib import DCTERMS, RDF, SKOS, Graph, Literal, Namespace, URIRef

from sinergia.uris import concept_uri
from sinergia.vocabulary.models import Concept, ConceptMatch, Framework, MatchKind


def _scheme_uri(key: str) -> URIRef:
    return URIRef(f"{settings.SINERGIA_URI_BASE}scheme/{key}")


def _item_uri(framework: str, code: str) -> URIRef:
    return URIRef(f"{settings.SINERGIA_URI_BASE}framework/{framework}/{code}")


def vocabulary_graph() -> Graph:
    graph = Graph()
    graph.bind("skos", SKOS)
    graph.bind("dct", DCTERMS)
    graph.bind("sinergia", Namespace(settings.SINERGIA_URI_BASE))

    themes = _scheme_uri("themes")
    graph.add((themes, RDF.type, SKOS.ConceptScheme))
    for language, title in {
        "es": "Temas de Sinergia",
        "en": "Sinergia themes",
        "fr": "Thèmes de Sinergia",
        "pt": "Temas do Sinergia",
    }.items():
        graph.add((themes, SKOS.prefLabel, Literal(title, lang=language)))
    for concept in Concept.objects.order_by("position", "key"):
        subject = URIRef(concept_uri(concept.key))
        graph.add((subject, RDF.type, SKOS.Concept))
        graph.add((subject, SKOS.inScheme, themes))
        graph.add((subject, SKOS.topConceptOf, themes))
        graph.add((themes, SKOS.hasTopConcept, subject))
        graph.add((subject, SKOS.notation, Literal(concept.key)))
        for language, label in concept.labels.items():
            graph.add((subject, SKOS.prefLabel, Literal(label, lang=language)))
        for language, synonyms in concept.synonyms.items():
            for synonym in synonyms:
                graph.add((subject, SKOS.altLabel, Literal(synonym, lang=language)))
        for language, text in concept.definition.items():
            if text:
                graph.add((subject, SKOS.definition, Literal(text, lang=language)))

    for framework in Framework.objects.select_related("source").prefetch_related("items"):
        scheme = _scheme_uri(framework.key)
        graph.add((scheme, RDF.type, SKOS.ConceptScheme))
        for language, label in framework.labels.items():
            graph.add((scheme, SKOS.prefLabel, Literal(label, lang=language)))
        if framework.source.url:
            graph.add((scheme, DCTERMS.source, URIRef(framework.source.url)))
        for item in framework.items.all():
            subject = _item_uri(framework.key, item.code)
            graph.add((subject, RDF.type, SKOS.Concept))
            graph.add((subject, SKOS.inScheme, scheme))
            graph.add((subject, SKOS.topConceptOf, scheme))
            graph.add((scheme, SKOS.hasTopConcept, subject))
            graph.add((subject, SKOS.notation, Literal(item.code)))
            for language, label in item.labels.items():
                graph.add((subject, SKOS.prefLabel, Literal(label, lang=language)))

    relation = {MatchKind.EXACT: SKOS.exactMatch, MatchKind.CLOSE: SKOS.closeMatch}
    for match in ConceptMatch.objects.select_related("concept", "item__framework"):
        graph.add(
            (
                URIRef(concept_uri(match.concept.key)),
                relation.get(match.kind, SKOS.closeMatch),  # type: ignore[call-overload]
                _item_uri(match.item.framework.key, match.item.code),
            )
        )
    return graph


def vocabulary_turtle() -> bytes:
    return vocabulary_graph().serialize(format="turtle").encode("utf-8")


def vocabulary_jsonld() -> bytes:
    return vocabulary_graph().serialize(format="json-ld", indent=1).encode("utf-8")
