from django.urls import path

from sinergia.statistics import views

urlpatterns = [
    path("statistics/", views.statistics_home, name="statistics_home"),
    path("statistics/map.json", views.map_spec, name="statistics_map_spec"),
    path("statistics/map-data.<str:fmt>", views.map_data, name="statistics_map_data"),
    path("statistics/check/", views.figure_check, name="statistics_check"),
    path("statistics/areas/<str:code>/", views.area_detail, name="statistics_area"),
    path(
        "statistics/areas/<str:code>/data.<str:fmt>", views.area_data, name="statistics_area_data"
    ),
    path(
        "statistics/areas/<str:code>/series.json",
        views.area_series_spec,
        name="statistics_area_spec",
    ),
]
