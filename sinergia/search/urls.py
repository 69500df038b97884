from django.urls import path

from sinergia.search import views

urlpatterns = [
    path("search/", views.site_search, name="site_search"),
]
