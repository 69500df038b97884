from django.urls import path

from sinergia.vocabulary import views

urlpatterns = [
    path("themes/", views.theme_list, name="theme_list"),
    path("themes/export.<str:fmt>", views.theme_export, name="theme_export"),
    path("themes/<slug:key>/", views.theme_detail, name="theme_detail"),
]
