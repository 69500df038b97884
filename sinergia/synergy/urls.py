from django.urls import path

from sinergia.synergy import views

urlpatterns = [
    path("synergy/", views.dashboard, name="synergy_dashboard"),
    path("synergy/charts/<slug:name>.json", views.chart_spec, name="synergy_chart_spec"),
    path("synergy/charts/<slug:name>.csv", views.chart_csv, name="synergy_chart_csv"),
    path(
        "synergy/opportunities/<str:key>/",
        views.opportunity_detail,
        name="synergy_opportunity",
    ),
]
