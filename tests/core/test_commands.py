"""The `sinergia` command and the home page's health check."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from sinergia.accounts.models import RoleAssignment


def test_the_console_script_is_installed_and_lists_the_commands():
    executable = Path(sys.executable).with_name("sinergia")
    assert executable.exists(), "the sinergia console script is not installed"
    result = subprocess.run(
        [executable, "help"], capture_output=True, text=True, timeout=60, check=True
    )
    for command in ("init", "demo", "serve", "data"):
        assert command in result.stdout


@pytest.mark.django_db
def test_demo_creates_one_account_per_role_once(capsys, settings):
    settings.DEBUG = True
    call_command("demo")
    call_command("demo")
    assert get_user_model().objects.filter(username="punto-focal-col").count() == 1
    assert RoleAssignment.objects.filter(
        user__username="punto-focal-crm", mechanism__acronym="CRM"
    ).exists()
    assert "secretaria" in capsys.readouterr().out


@pytest.mark.django_db
def test_demo_is_refused_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="known passwords"):
        call_command("demo")


@pytest.mark.django_db
def test_health_check(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
