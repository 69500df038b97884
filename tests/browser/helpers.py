"""What several browser journeys do alike."""

from __future__ import annotations


def open_menu(page) -> None:  # type: ignore[no-untyped-def]
    """Unfold the header's menu, as a person on a phone does (it is open on a wide screen)."""
    menu = page.locator("details.menu-fold")
    if menu.get_attribute("open") is None:
        menu.locator("summary").click()
