"""Addresses: pages under a language prefix (/es/, /en/, /fr/, /pt/), the API under /api/v1/."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from sinergia.accounts import two_factor
from sinergia.accounts import views as account_views
from sinergia.accounts.password_reset import SitePasswordResetView
from sinergia.api import api
from sinergia.core import views as core_views

urlpatterns = [
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("healthz", core_views.health, name="health"),
]

urlpatterns += i18n_patterns(
    path("", core_views.home, name="home"),
    path("", include("sinergia.registry.urls")),
    path("", include("sinergia.profiles.urls")),
    path("", include("sinergia.synergy.urls")),
    path("", include("sinergia.practices.urls")),
    path("", include("sinergia.statistics.urls")),
    path("", include("sinergia.dialogue.urls")),
    path("", include("sinergia.search.urls")),
    path("", include("sinergia.jobs.urls")),
    path("", include("sinergia.workspace.urls")),
    path("", include("sinergia.notifications.urls")),
    path("api/", core_views.api_guide, name="api_guide"),
    path("accounts/tokens/", account_views.token_list, name="token_list"),
    path("audit/", account_views.audit_trail, name="audit_trail"),
    path(
        "audit/versions/<str:label>/<str:pk>/",
        account_views.object_versions,
        name="object_versions",
    ),
    path("accounts/two-factor/", two_factor.two_factor_setup, name="two_factor_setup"),
    path("accounts/two-factor/verify/", two_factor.two_factor_verify, name="two_factor_verify"),
    path("accounts/two-factor/off/", two_factor.two_factor_disable, name="two_factor_disable"),
    path("accounts/tokens/<int:pk>/revoke/", account_views.token_revoke_view, name="token_revoke"),
    path(
        "accounts/password_reset/",
        SitePasswordResetView.as_view(),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    prefix_default_language=True,
)

admin.site.site_header = "Sinergia"
admin.site.site_title = "Sinergia"

handler403 = "sinergia.core.views.permission_denied"
handler404 = "sinergia.core.views.page_not_found"
handler500 = "sinergia.core.views.server_error"
