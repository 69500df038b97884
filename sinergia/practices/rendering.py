"""Markdown to safe HTML: rendered, then sanitised by nh3 (Ammonia): no script, no style.

Rendered by markdown-it-py (CommonMark and its tables), whose work grows in step with the
length of the text and whose nesting stops at MAX_NESTING. Each "[" that opens no link costs
a search for its end, so after MAX_FAILED_LINKS of them the rest of the text is read without
links: a body of 50,000 "[" then takes about as long as an ordinary one. Links are not
vetted here: nh3 keeps http, https and mailto addresses and drops the others.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline, image, link

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote", "code", "pre",
    "h3", "h4", "table", "thead", "tbody", "tr", "th", "td", "hr",
}  # fmt: skip
MAX_NESTING = 20  # blocks within blocks, inlines within inlines
MAX_FAILED_LINKS = 2_000

# A footnote as the concept notes write them: "[^3]" in the text, "[^3]: the note" on a line.
_FOOTNOTE_LABEL = r"\[\^([^\]\s]{1,32})\]"
_FOOTNOTE_DEFINITION = re.compile(_FOOTNOTE_LABEL + r":[ \t]*(.*)")
_FOOTNOTE_REFERENCE = re.compile(_FOOTNOTE_LABEL)


def _links_while_few_fail(rule: Callable[[StateInline, bool], bool], opener: str) -> Any:
    """`rule` (links or images), tried until MAX_FAILED_LINKS openers have found no link."""

    def bounded(state: StateInline, silent: bool) -> bool:
        if not state.src.startswith(opener, state.pos):
            return False
        failed = state.env.get("failed_links", 0)
        if failed >= MAX_FAILED_LINKS:
            return False
        if rule(state, silent):
            return True
        if not silent:  # a top-level opener; the searches nested in it are part of its cost
            state.env["failed_links"] = failed + 1
        return False

    return bounded


def _footnote_definition(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A line "[^label]: text": kept in the environment, rendered at the end."""
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    begin = state.bMarks[start] + state.tShift[start]
    match = _FOOTNOTE_DEFINITION.fullmatch(state.src, begin, state.eMarks[start])
    if match is None:
        return False
    if not silent:
        state.env.setdefault("footnotes", {}).setdefault(match.group(1), match.group(2))
        state.line = start + 1
    return True


def _footnote_reference(state: StateInline, silent: bool) -> bool:
    """A "[^label]" whose label the text defines: a numbered link to its note."""
    if not state.src.startswith("[^", state.pos):
        return False
    match = _FOOTNOTE_REFERENCE.match(state.src, state.pos, state.posMax)
    if match is None or match.group(1) not in state.env.get("footnotes", {}):
        return False
    if not silent:
        order: list[str] = state.env.setdefault("footnote_order", [])
        if match.group(1) not in order:
            order.append(match.group(1))
        token = state.push("footnote_ref", "", 0)
        token.meta = {"number": order.index(match.group(1)) + 1}
    state.pos = match.end()
    return True


def _footnotes_html(parser: MarkdownIt, env: dict[str, Any]) -> str:
    """The notes the text refers to, numbered in the order of their first reference."""
    order = env.get("footnote_order", [])
    if not order:
        return ""
    items = "".join(
        f'<li id="fn:{number}"><p>{parser.renderInline(env["footnotes"][label])}&#160;'
        f'<a href="#fnref:{number}">↩</a></p></li>'
        for number, label in enumerate(order, start=1)
    )
    return f'<div class="footnote"><hr><ol>{items}</ol></div>'


def _footnote_reference_html(
    renderer: Any, tokens: list[Any], index: int, options: Any, env: Any
) -> str:
    number = tokens[index].meta["number"]
    return f'<sup id="fnref:{number}"><a href="#fn:{number}">{number}</a></sup>'


@cache
def _parser(footnotes: bool) -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table")
    parser.validateLink = lambda url: True  # type: ignore[method-assign]  # nh3 decides
    parser.inline.ruler.at("link", _links_while_few_fail(link, "["))
    parser.inline.ruler.at("image", _links_while_few_fail(image, "!["))
    if footnotes:
        parser.block.ruler.before(
            "reference", "footnote_definition", _footnote_definition, {"alt": ["paragraph"]}
        )
        parser.inline.ruler.before("link", "footnote_reference", _footnote_reference)
        parser.add_render_rule("footnote_ref", _footnote_reference_html)
    return parser


def render_markdown(text: str, *, footnotes: bool = False) -> SafeString:
    """Markdown as safe HTML; with `footnotes`, [^1] references and their notes."""
    parser = _parser(footnotes)
    env: dict[str, Any] = {}
    html = parser.render(text or "", env) + (_footnotes_html(parser, env) if footnotes else "")
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
