"""The vocabulary as SKOS, read back by rdflib as another system would."""

from __future__ import annotations

import pytest
from rdflib import RDF, SKOS, Graph, URIRef

from sinergia.i18n import LANGUAGE_CODES
from sinergia.vocabulary.models import Concept, ConceptMatch, Framework

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "rdf_format", "content_type"),
    [
        ("/api/v1/vocabulary.ttl", "turtle", "text/turtle"),
        ("/api/v1/vocabulary.jsonld", "json-ld", "application/ld+json"),
    ],
)
def test_every_concept_has_four_preflabels_and_its_crosswalks(
    client, path, rdf_format, content_type
):
    response = client.get(path)
    assert response["Content-Type"].startswith(content_type)
    graph = Graph().parse(data=response.content, format=rdf_format)

    themes = [
        URIRef(f"https://sinergia.oas.org/id/theme/{key}")
        for key in Concept.objects.values_list("key", flat=True)
    ]
    for theme in themes:
        assert (theme, RDF.type, SKOS.Concept) in graph
        languages = {label.language for label in graph.objects(theme, SKOS.prefLabel)}
        assert languages == set(LANGUAGE_CODES), theme

    schemes = set(graph.subjects(RDF.type, SKOS.ConceptScheme))
    assert len(schemes) == 1 + Framework.objects.count()  # the themes, and each framework

    exact = len(list(graph.subject_objects(SKOS.exactMatch)))
    close = len(list(graph.subject_objects(SKOS.closeMatch)))
    assert exact + close == ConceptMatch.objects.count()
    gcm = URIRef("https://sinergia.oas.org/id/scheme/gcm")
    gcm_objectives = list(graph.subjects(SKOS.inScheme, gcm))
    assert len(gcm_objectives) == 23
    assert all(
        any(graph.subjects(None, item)) for item in gcm_objectives
    )  # every objective reached

    regularization = URIRef("https://sinergia.oas.org/id/theme/regularization")
    assert "regularización extraordinaria" in {
        str(label) for label in graph.objects(regularization, SKOS.altLabel)
    }
