"""Who is asking: the client's address, read in one place for sign-in lockout, rate limits
and the audit trail.

Behind `SINERGIA_TRUSTED_PROXIES` proxies (each appends the address it received the request
from to `X-Forwarded-For`), the client is the entry that many places from the right; without
proxies it is the socket's peer. Entries a client wrote itself (further left) are never
believed.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str:
    """The client's IP address; the peer's when the forwarded header is missing or malformed."""
    peer = request.META.get("REMOTE_ADDR", "") or "0.0.0.0"  # noqa: S104 - no peer at all
    proxies = settings.SINERGIA_TRUSTED_PROXIES
    if proxies <= 0:
        return peer
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if len(forwarded) < proxies:
        return peer
    return _valid(forwarded[-proxies]) or peer
