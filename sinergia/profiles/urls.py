from django.urls import path

from sinergia.profiles import views

urlpatterns = [
    path("mechanisms/<str:acronym>/", views.mechanism_detail, name="mechanism_detail"),
    path("countries/<str:iso3>/", views.country_detail, name="country_detail"),
]
