"""Enrolling in two-factor sign-in as a person does: read the key the page shows, give the
code an authenticator app holding it would show."""

from __future__ import annotations

import base64
import re

from django_otp.oath import totp


def setup_of(page: str) -> dict[str, str]:
    """The key shown on the setup page, as an authenticator app reads it, and the page's
    setup field: what a person who scanned the code then posts, with `code`."""
    secret = re.search(r"<code>([A-Z2-7]+)</code>", page).group(1)
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    setup = re.search(r'name="setup" value="([^"]+)"', page).group(1)
    return {"setup": setup, "code": f"{totp(key):06d}"}
