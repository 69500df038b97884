from django.urls import path

from sinergia.jobs import report_views, views

urlpatterns = [
    path("jobs/<str:token>/", views.job_detail, name="job_detail"),
    path("jobs/<str:token>/status", views.job_status, name="job_status"),
    path("practices/import/", views.practices_import, name="practices_import"),
    path(
        "dialogue/<int:pk>/report.<str:language>.<str:fmt>",
        report_views.session_report,
        name="session_report",
    ),
    path(
        "dialogue/<int:pk>/reports/build/",
        report_views.session_reports_build,
        name="session_reports_build",
    ),
]
