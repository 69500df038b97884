"""Markdown to safe HTML: rendered, then sanitised by nh3 (Ammonia): no script, no style."""

from __future__ import annotations

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote", "code", "pre",
    "h3", "h4", "table", "thead", "tbody", "tr", "th", "td", "hr",
}  # fmt: skip


def render_markdown(text: str, *, footnotes: bool = False) -> SafeString:
    """Markdown as safe HTML; with `footnotes`, [^1] references and their notes."""
    extensions = ["tables", "sane_lists", *(["footnotes"] if footnotes else [])]
    html = markdown.markdown(text or "", extensions=extensions, output_format="html")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS | ({"sup", "div"} if footnotes else set()),
        attributes={"a": {"href", "title"}, "sup": {"id"}, "li": {"id"}}
        if footnotes
        else {"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just now
