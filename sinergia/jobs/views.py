"""Pages of background jobs: a job's progress, and the requests that start jobs."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from sinergia.accounts.permissions import is_secretariat
from sinergia.jobs import selectors
from sinergia.jobs.requests import import_request
from sinergia.practices.importing import MAX_FILE_BYTES

# How often the page asks for the job's progress, when scripts run.
POLL_MILLISECONDS = 1500


def _context(request: HttpRequest, token: str) -> dict[str, object]:
    job = selectors.job_get(request.user, token)
    return {
        "view": selectors.job_view(job),
        "problems": selectors.job_problems(request.user, job),
        "poll_milliseconds": POLL_MILLISECONDS,
    }


@never_cache
def job_detail(request: HttpRequest, token: str) -> HttpResponse:
    return render(request, "jobs/job_detail.html", _context(request, token))


@never_cache
def job_status(request: HttpRequest, token: str) -> HttpResponse:
    """The job's status alone, which the page's script puts in place of its own."""
    return render(request, "jobs/_job_status.html", _context(request, token))


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File of good practices"),
        help_text=_("JSON or CSV, in the format of the import guide; all rows or none."),
    )
    publish = forms.BooleanField(label=_("Publish what is imported"), required=False)

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if not (upload.name or "").lower().endswith((".json", ".csv")):
            raise forms.ValidationError(_("Choose a .json or .csv file."))
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file is too large: split it."))
        return upload


@login_required
def practices_import(request: HttpRequest) -> HttpResponse:
    """The secretariat imports a file of practices; the import runs as a job."""
    if not is_secretariat(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = import_request(
            upload=form.cleaned_data["file"],
            publish=form.cleaned_data["publish"],
            by=request.user,
        )
        return redirect("job_detail", job.token)
    return render(request, "jobs/practices_import.html", {"form": form})
