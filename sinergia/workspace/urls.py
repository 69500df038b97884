from django.urls import path

from sinergia.workspace import views

urlpatterns = [
    path("workspace/", views.workspace, name="workspace"),
    path("workspace/unconfirmed/", views.unconfirmed, name="workspace_unconfirmed"),
]
