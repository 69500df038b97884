from django.urls import path

from sinergia.registry import membership_views, views

urlpatterns = [
    path("mechanisms/", views.mechanism_list, name="mechanism_list"),
    path("mechanisms/export.<str:fmt>", views.mechanism_export, name="mechanism_export"),
    path(
        "mechanisms/<str:acronym>/members/",
        membership_views.membership_manage,
        name="membership_manage",
    ),
    path(
        "mechanisms/<str:acronym>/members/<int:pk>/end/",
        membership_views.membership_end,
        name="membership_end",
    ),
    path("countries/", views.country_list, name="country_list"),
    path("countries/export.<str:fmt>", views.country_export, name="country_export"),
    path("themes/", views.theme_list, name="theme_list"),
    path("themes/export.<str:fmt>", views.theme_export, name="theme_export"),
    path("themes/<slug:key>/", views.theme_detail, name="theme_detail"),
]
