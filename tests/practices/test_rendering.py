"""Markdown as readers see it: CommonMark with tables and, in concept notes, footnotes;
sanitised; and as quick for hostile text as for ordinary text of the same length."""

from __future__ import annotations

from sinergia.practices.rendering import MAX_NESTING, render_markdown


def test_lists_tables_and_links():
    html = render_markdown(
        'Texto con **énfasis** y [un enlace](https://www.oas.org "OEA").\n\n'
        "- uno\n- dos\n\n| país | personas |\n|---|---|\n| COL | 1.905.393 |\n"
    )
    assert "<strong>énfasis</strong>" in html
    assert 'href="https://www.oas.org"' in html and 'title="OEA"' in html
    assert "<li>uno</li>" in html and "<td>1.905.393</td>" in html


def test_only_web_and_mail_addresses_are_kept():
    html = render_markdown("[a](javascript:alert(1)) [b](data:text/html,x) [c](mailto:a@b.org)")
    assert "javascript:" not in html and "data:" not in html and 'href="mailto:a@b.org"' in html


def test_footnotes_are_numbered_in_the_order_they_are_cited():
    html = render_markdown(
        "Primero[^b] y después[^a].\n\n[^a]: Nota A.\n[^b]: Nota B, https://www.oas.org.",
        footnotes=True,
    )
    assert '<sup id="fnref:1"><a href="#fn:1"' in html and html.index("Nota B") < html.index(
        "Nota A"
    )
    assert '<li id="fn:2"><p>Nota A.' in html and 'href="#fnref:2"' in html
    assert "[^" not in html
    assert "[^a]" in render_markdown("Sin notas[^a].\n\n[^a]: Nota A.")  # only where asked


def test_nesting_stops_at_its_limit():
    html = render_markdown(">" * 5_000 + " fondo")
    assert html.count("<blockquote>") <= MAX_NESTING


def test_brackets_that_open_no_link_leave_the_links_before_them():
    html = render_markdown("Véase [la fuente](https://www.oas.org) [sic] " + "[" * 5_000)
    assert '<a href="https://www.oas.org"' in html and "[sic]" in html
    assert html.count("[") == 5_001
