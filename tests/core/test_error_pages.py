"""Error pages in the reader's language, inside the site's frame, and problem details under
/api/: 403, 404, 500 (and 503 when the database is down), the CSRF failure, and the
refusals made before any view runs (413, 411, 429)."""

from __future__ import annotations

import html
import json

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import path

from sinergia import urls as site_urls
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NOT_FOUND = {
    "es": "Página no encontrada",
    "en": "Page not found",
    "fr": "Page introuvable",
    "pt": "Página não encontrada",
}
FORBIDDEN = {
    "es": "No permitido",
    "en": "Not allowed",
    "fr": "Non autorisé",
    "pt": "Não permitido",
}
SERVER_ERROR = {
    "es": "Algo salió mal",
    "en": "Something went wrong",
    "fr": "Une erreur s'est produite",
    "pt": "Algo deu errado",
}
UNREACHABLE = {
    "es": "Sinergia no puede acceder a su base de datos",
    "en": "Sinergia cannot reach its database",
    "fr": "Sinergia ne peut pas joindre sa base de données",
    "pt": "O Sinergia não consegue acessar seu banco de dados",
}
CSRF = {
    "es": "No se pudo enviar el formulario",
    "en": "The form could not be sent",
    "fr": "Le formulaire n'a pas pu être envoyé",
    "pt": "Não foi possível enviar o formulário",
}
MECHANISMS = {"es": "Mecanismos", "en": "Mechanisms", "fr": "Mécanismes", "pt": "Mecanismos"}
LANGUAGES = list(NOT_FOUND)


def _broken(request, **kwargs):
    raise ValueError("boom")


def _database_down(request, **kwargs):
    raise OperationalError("connection refused")


urlpatterns = [
    *site_urls.urlpatterns,
    path("<str:language>/broken/", _broken),
    path("<str:language>/database-down/", _database_down),
    path("api/v1/broken/", _broken),
]
handler403 = site_urls.handler403
handler404 = site_urls.handler404
handler500 = site_urls.handler500


@pytest.fixture
def production(settings):
    settings.DEBUG = False


def _page(response, language):
    text = html.unescape(response.content.decode())
    assert response["Content-Type"].startswith("text/html")
    assert f'<html lang="{language}">' in text
    assert 'class="site-header"' in text and 'role="search"' in text  # the site's frame
    assert MECHANISMS[language] in text  # the navigation, in the reader's language
    assert f'href="/{language}/"' in text  # home
    assert f'href="/{language}/search/' in text or 'action="/' in text
    return text


@pytest.mark.parametrize("language", LANGUAGES)
def test_not_found_page_in_each_language(client, production, language):
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    text = _page(response, language)
    assert NOT_FOUND[language] in text
    for other in LANGUAGES:  # the language switch keeps the address
        assert f'href="/{other}/no-such-page/" hreflang="{other}"' in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_not_found_offers_the_list_the_address_belongs_to(client, production, language):
    response = client.get(f"/{language}/countries/XXX/")
    assert response.status_code == 404
    text = _page(response, language)
    assert f'href="/{language}/countries/"' in text


def test_not_found_without_prefix_speaks_the_chosen_language(client, production):
    response = client.get("/no-such-page-at-all.txt", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 404
    assert NOT_FOUND["fr"] in _page(response, "fr")


@pytest.mark.parametrize("language", LANGUAGES)
def test_forbidden_page_in_each_language(client, production, language):
    client.force_login(UserFactory())  # signed in, but not the secretariat
    response = client.get(f"/{language}/audit/")
    assert response.status_code == 403
    assert FORBIDDEN[language] in _page(response, language)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.urls(__name__)
def test_server_error_page_in_each_language(production, language):
    client = Client(raise_request_exception=False)
    response = client.get(f"/{language}/broken/")
    assert response.status_code == 500
    assert SERVER_ERROR[language] in _page(response, language)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.urls(__name__)
def test_database_down_is_503_in_each_language(production, language):
    client = Client(raise_request_exception=False)
    response = client.get(f"/{language}/database-down/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert UNREACHABLE[language] in _page(response, language)


@pytest.mark.urls(__name__)
def test_the_server_error_page_asks_nothing_of_the_database(production):
    from sinergia.core import views

    client = Client(raise_request_exception=False)
    with pytest.MonkeyPatch.context() as patch:
        original = views.bare_page

        def watched(*args, **kwargs):
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            with CaptureQueriesContext(connection) as queries:
                response = original(*args, **kwargs)
            assert len(queries) == 0
            return response

        patch.setattr(views, "bare_page", watched)
        response = client.get("/es/broken/")
    assert response.status_code == 500
    assert "Iniciar sesión" not in response.content.decode()  # no account links: no user read


@pytest.mark.urls(__name__)
def test_api_server_error_is_problem_json(production):
    client = Client(raise_request_exception=False)
    response = client.get("/api/v1/broken/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/problem+json"
    assert json.loads(response.content)["status"] == 500


def test_api_not_found_stays_json(client, production):
    for address in ("/api/v1/no-such-thing/", "/api/nothing-here"):
        response = client.get(address)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
        assert json.loads(response.content)["status"] == 404


@pytest.mark.parametrize("language", LANGUAGES)
def test_csrf_failure_page_in_each_language(production, language):
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/{language}/accounts/login/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    assert CSRF[language] in _page(response, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_too_large_request_page_in_each_language(client, production, settings, language):
    settings.SINERGIA_MAX_REQUEST_BYTES = 10
    titles = {
        "es": "Solicitud demasiado grande",
        "en": "Request too large",
        "fr": "Requête trop volumineuse",
        "pt": "Pedido grande demais",
    }
    response = client.post(f"/{language}/accounts/login/", {"username": "x" * 50})
    assert response.status_code == 413
    text = _page(response, language)
    assert titles[language] in text


def test_too_large_api_request_is_problem_json(client, production, settings):
    settings.SINERGIA_MAX_REQUEST_BYTES = 10
    response = client.post("/api/v1/practices/", data="x" * 50, content_type="application/json")
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
