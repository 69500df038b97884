"""Password reset: the link in the mail is built on `SITE_URL`, never on the Host header of
the request that asked for it, and a mail that cannot be sent is logged without its link."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.views import PasswordResetView
from django.http import HttpResponse, HttpResponseRedirect

logger = logging.getLogger(__name__)


class SitePasswordResetForm(PasswordResetForm):
    def send_mail(self, *args: Any, **kwargs: Any) -> None:
        try:
            super().send_mail(*args, **kwargs)
        except (OSError, ValueError) as error:  # smtplib's errors are OSErrors
            logger.error("A password-reset mail could not be sent: %s", type(error).__name__)


class SitePasswordResetView(PasswordResetView):
    form_class = SitePasswordResetForm

    def form_valid(self, form: Any) -> HttpResponse:
        site = urlsplit(settings.SITE_URL)
        form.save(
            domain_override=site.netloc,
            use_https=site.scheme == "https",
            token_generator=self.token_generator,
            from_email=self.from_email,
            email_template_name=self.email_template_name,
            subject_template_name=self.subject_template_name,
            request=self.request,
            html_email_template_name=self.html_email_template_name,
            extra_email_context=self.extra_email_context,
        )
        return HttpResponseRedirect(self.get_success_url())
