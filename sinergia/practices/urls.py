from django.urls import path

from sinergia.practices import views
from sinergia.practices.feeds import LatestPracticesFeed

urlpatterns = [
    path("practices/", views.practice_list, name="practice_list"),
    path("practices/export.<str:fmt>", views.practice_export, name="practice_export"),
    path("practices/feed/", LatestPracticesFeed(), name="practice_feed"),
    path("practices/new/", views.practice_create, name="practice_create"),
    path("practices/mine/", views.my_practices, name="practice_mine"),
    path("practices/review/", views.review_queue, name="practice_review"),
    path("practices/<int:pk>/", views.practice_detail, name="practice_detail"),
    path("practices/<int:pk>/edit/", views.practice_edit, name="practice_edit"),
    path("practices/<int:pk>/files/", views.attachment_upload, name="practice_attach"),
    path("practices/<int:pk>/translations/", views.practice_translate, name="practice_translate"),
    path("practices/<int:pk>/files/<str:token>", views.attachment_download, name="practice_file"),
    path(
        "practices/<int:pk>/<slug:action>/", views.practice_transition, name="practice_transition"
    ),
]
