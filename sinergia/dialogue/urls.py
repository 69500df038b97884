from django.urls import path

from sinergia.dialogue import calendar_views, followup_views, report_draft_views, views

urlpatterns = [
    path("dialogue/", views.session_list, name="session_list"),
    path("dialogue/new/", views.session_create, name="session_create"),
    path("dialogue/<int:pk>/", views.session_detail, name="session_detail"),
    path("dialogue/<int:pk>/participants/", views.participant_create, name="participant_create"),
    path(
        "dialogue/<int:pk>/participants/<int:participant>/remove/",
        views.participant_remove,
        name="participant_remove",
    ),
    path("dialogue/<int:pk>/contribute/", views.contribution_create, name="contribution_create"),
    path(
        "dialogue/<int:pk>/questions/<int:number>/edit/",
        views.question_edit,
        name="question_edit",
    ),
    path("dialogue/<int:pk>/actions/", followup_views.action_create, name="action_create"),
    path("contributions/<int:pk>/", views.contribution_detail, name="contribution_detail"),
    path("contributions/<int:pk>/edit/", views.contribution_edit, name="contribution_edit"),
    path(
        "contributions/<int:pk>/practice/",
        views.contribution_practice,
        name="contribution_practice",
    ),
    path(
        "contributions/<int:pk>/files/<str:token>",
        views.contribution_file,
        name="contribution_file",
    ),
    path(
        "dialogue/<int:pk>/contributions.<str:fmt>",
        views.contribution_export,
        name="contribution_export",
    ),
    path("follow-up/", followup_views.action_list, name="action_list"),
    path("follow-up/export.<str:fmt>", followup_views.action_export, name="action_export"),
    path("meetings/export.<str:fmt>", calendar_views.meeting_export, name="meeting_export"),
    path("follow-up/<int:pk>/progress/", followup_views.action_progress, name="action_progress"),
    path("meetings/", calendar_views.meeting_calendar, name="meeting_calendar"),
    path("meetings/month/", calendar_views.meeting_month, name="meeting_month"),
    path("meetings/new/", calendar_views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/edit/", calendar_views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/cancel/", calendar_views.meeting_cancel_view, name="meeting_cancel"),
    path("dialogue/<int:pk>/drafts/", report_draft_views.report_drafts, name="report_drafts"),
    path(
        "dialogue/<int:pk>/drafts/<str:language>/start/",
        report_draft_views.report_draft_start,
        name="report_draft_start",
    ),
    path(
        "dialogue/<int:pk>/drafts/<str:language>/",
        report_draft_views.report_draft_edit,
        name="report_draft_edit",
    ),
    path(
        "dialogue/<int:pk>/drafts/<str:language>/preview.<str:fmt>",
        report_draft_views.report_draft_preview,
        name="report_draft_preview",
    ),
    path(
        "dialogue/<int:pk>/drafts/<str:language>/final/",
        report_draft_views.report_draft_finalize,
        name="report_draft_finalize",
    ),
    path(
        "dialogue/<int:pk>/finals/<int:final>/new-draft/",
        report_draft_views.report_draft_from_final,
        name="report_draft_from_final",
    ),
    path(
        "dialogue/<int:pk>/finals/<int:final>/report.<str:fmt>",
        report_draft_views.report_final_file,
        name="report_final_file",
    ),
]
