from typing import Any

from django import template

from sinergia.notifications.selectors import unread_count

register = template.Library()


@register.simple_tag
def notifications_unread(user: Any) -> int:
    """How many notifications `user` has not read (0 for people not signed in)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return unread_count(user)
