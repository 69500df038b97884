"""A person's notifications: the list, marking read, and how each kind reaches them."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sinergia.form_errors import add_service_errors
from sinergia.i18n import LANGUAGE_CHOICES
from sinergia.notifications import selectors, services
from sinergia.notifications.models import Kind, Notification

PAGE_SIZE = 50


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    notifications = selectors.notifications_of(request.user)
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    response = render(
        request,
        "notifications/notification_list.html",
        {"page": page, "unread": selectors.unread_count(request.user)},
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(Notification, pk=pk, recipient_id=request.user.pk)
    services.notification_mark_read(actor=request.user, notification=notification)
    if request.POST.get("open") and notification.url.startswith("/"):
        return redirect(notification.url)
    return redirect("notification_list")


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    count = services.notifications_mark_all_read(actor=request.user)
    if count:
        messages.success(request, _("All notifications marked read."))
    return redirect("notification_list")


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(
        label=gettext_lazy("Language of messages"),
        choices=LANGUAGE_CHOICES,
        help_text=gettext_lazy("Notifications and mail are written to you in this language."),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for kind in Kind:
            self.fields[f"{kind.value}:in_app"] = forms.BooleanField(
                label=_("%(kind)s: in Sinergia") % {"kind": kind.label}, required=False
            )
            self.fields[f"{kind.value}:email"] = forms.BooleanField(
                label=_("%(kind)s: by email") % {"kind": kind.label}, required=False
            )

    def rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [
            (str(kind.label), self[f"{kind.value}:in_app"], self[f"{kind.value}:email"])
            for kind in Kind
        ]


@login_required
def notification_preferences(request: HttpRequest) -> HttpResponse:
    current = selectors.notification_preferences_of(request.user)
    initial: dict[str, object] = {"language": selectors.message_language_of(request.user)}
    for kind, (in_app, email) in current.items():
        initial[f"{kind}:in_app"], initial[f"{kind}:email"] = in_app, email
    form = PreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.notification_preferences_set(
                actor=request.user,
                user=request.user,
                choices={kind: (data[f"{kind}:in_app"], data[f"{kind}:email"]) for kind in Kind},
                language=data["language"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your choices are saved."))
            return redirect("notification_preferences")
    return render(request, "notifications/preferences.html", {"form": form})
