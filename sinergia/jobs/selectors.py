"""Read jobs as the people who follow them may see them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sinergia.accounts.permissions import is_secretariat
from sinergia.accounts.services import Actor
from sinergia.dialogue.models import Session
from sinergia.jobs.models import Job, JobKind, JobState
from sinergia.jobs.services import job_progress


def can_follow(actor: Actor, job: Job) -> bool:
    """A public job (a report anyone may ask for): anyone with its address; another: whoever
    asked for it and the secretariat."""
    if job.public or is_secretariat(actor):
        return True
    return bool(actor and actor.is_authenticated and job.requested_by_id == actor.pk)


def job_get(actor: Actor, token: str) -> Job:
    job = Job.objects.select_related("requested_by").filter(token=token).first()
    if job is None or not can_follow(actor, job):
        raise Http404("No such job")
    return job


WAITING_SECONDS = 120


@dataclass
class JobView:
    """A job as its page shows it, in the reader's language."""

    job: Job
    title: str
    subject: str
    step: str
    done: int
    total: int
    outcome: str
    link: str
    link_text: str

    @property
    def finished(self) -> bool:
        return self.job.finished

    @property
    def waiting_long(self) -> bool:
        """Queued for longer than a worker takes to start a job: is a worker running?"""
        waited = timezone.now() - self.job.created_at
        return self.job.state == JobState.QUEUED and waited > timedelta(seconds=WAITING_SECONDS)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def _steps() -> dict[str, str]:
    return {
        "report": _("Building the report"),
        "reports": _("Building the reports"),
        "check": _("Checking every row of the file"),
        "import": _("Importing the practices"),
        "index": _("Indexing the published practices"),
        "package": _("Writing the tables of the package"),
        "analysis": _("Computing overlaps, gaps and opportunities"),
    }


def job_view(job: Job) -> JobView:
    """What the page says of `job`: its subject, where it is, and once done, what it made."""
    step, done, total = job_progress(job)
    params = job.params
    subject, outcome, link, link_text = "", "", "", ""
    if job.kind in {JobKind.REPORT, JobKind.REPORTS}:
        session = Session.objects.filter(pk=params.get("session")).first()
        subject = session.display_title if session else ""
        if job.kind == JobKind.REPORT and session:
            language = translation.get_language_info(params["language"])["name_translated"]
            subject = f"{subject} · {language} · {params['format'].upper()}"
            with translation.override(params["language"]):  # the report's own language
                link = reverse(
                    "session_report", args=[session.pk, params["language"], params["format"]]
                )
            link_text = _("Download the report")
        elif session:
            outcome = _("%(count)d reports stored.") % {"count": job.result.get("count", 0)}
            link, link_text = reverse("session_detail", args=[session.pk]), _("Back to the session")
    elif job.kind == JobKind.IMPORT:
        subject = params.get("name", "")
        outcome = _("%(created)d created, %(updated)d updated, %(published)d published.") % {
            "created": job.result.get("created", 0),
            "updated": job.result.get("updated", 0),
            "published": job.result.get("published", 0),
        }
        link, link_text = reverse("practice_list"), _("See the good practices")
    elif job.kind == JobKind.REINDEX:
        outcome = _("%(count)d published practices indexed.") % {
            "count": job.result.get("count", 0)
        }
        link, link_text = reverse("practice_list"), _("Search the good practices")
    elif job.kind == JobKind.PACKAGE:
        link, link_text = "/api/v1/export/datapackage.zip", _("Download the open-data package")
    elif job.kind == JobKind.ANALYSIS:
        link, link_text = reverse("synergy_dashboard"), _("See the synergies")
    return JobView(
        job=job,
        title=str(JobKind(job.kind).label),
        subject=subject,
        step=_steps().get(step, ""),
        done=done,
        total=total,
        outcome=outcome if job.state == JobState.DONE else "",
        link=link if job.state == JobState.DONE else "",
        link_text=link_text,
    )


def job_problems(actor: Actor, job: Job) -> list[Any]:
    """Why a job failed, for whoever may read it: the problems of a refused file; the error
    itself only for the secretariat."""
    if job.state != JobState.FAILED:
        return []
    if job.result.get("problems"):
        return list(job.result["problems"])
    return [job.error] if is_secretariat(actor) and job.error else []
