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
    path("synergy/gaps/", views.gap_choose, name="synergy_gap_choose"),
    path("synergy/gaps/<slug:subregion>/<slug:theme>/", views.gap_detail, name="synergy_gap"),
    path("synergy/countries/<str:iso3>/", views.state_detail, name="synergy_state"),
    path(
        "synergy/countries/<str:iso3>/charts/<slug:name>.json",
        views.state_chart_spec,
        name="synergy_state_chart_spec",
    ),
    path(
        "synergy/countries/<str:iso3>/charts/<slug:name>/data.<str:fmt>",
        views.state_chart_data,
        name="synergy_state_chart_data",
    ),
]
