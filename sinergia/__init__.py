"""Sinergia: coordination platform for migration governance in the Americas."""

# The task queue's application, loaded with Django so that jobs are sent through it.
from sinergia.celery import app as celery_app

__all__ = ["celery_app"]
