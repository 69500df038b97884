from django.urls import path

from sinergia.synergy import views

urlpatterns = [
    path("synergy/", views.dashboard, name="synergy_dashboard"),
    path("synergy/charts/<slug:name>.json", views.chart_spec, name="synergy_chart_spec"),
    path("synergy/charts/<slug:name>/data.<str:fmt>", views.chart_data, name="synergy_chart_data"),
    path(
        "synergy/opportunities/<str:key>/",
        views.opportunity_detail,
        name="synergy_opportunity",
    ),
]
