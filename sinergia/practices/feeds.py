"""An Atom feed of the latest published practices (application/atom+xml; charset=utf-8)."""

from __future__ import annotations

from typing import Any

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from sinergia.practices.models import Practice
from sinergia.practices.permissions import ANONYMOUS, visible_filter


class PlainTextAtomFeed(Atom1Feed):
    """Atom whose entry summaries are plain text (`type="text"`): a summary is what a person
    typed, so markup in it must reach a feed reader as characters, never as HTML."""

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class LatestPracticesFeed(Feed):
    feed_type = PlainTextAtomFeed
    title = _("Sinergia: latest good practices")
    subtitle = _(
        "Good practices on migration governance published by the OAS Committee on Migration Issues."
    )

    def link(self) -> str:
        return reverse("practice_list")

    def items(self) -> Any:
        return Practice.objects.filter(visible_filter(ANONYMOUS)).order_by("-published_at")[:30]

    def item_title(self, item: Practice) -> str:
        return item.title

    def item_description(self, item: Practice) -> str:
        return item.summary

    def item_link(self, item: Practice) -> str:
        return reverse("practice_detail", kwargs={"pk": item.pk})

    def item_pubdate(self, item: Practice) -> Any:
        return item.published_at
