"""The Celery application that runs Sinergia's background jobs (`sinergia.jobs`), configured
from the `CELERY_*` settings. `sinergia worker` starts a worker of it."""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sinergia.settings")

app = Celery("sinergia")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["sinergia.jobs", "sinergia.notifications"])
