"""HTML bodies -> text: quote and signature containers dropped, lines mapped back."""

from __future__ import annotations

import pytest

from deadlint.extract import extract
from deadlint.sources import Source
from deadlint.sources.html_text import html_to_text


def authored(html: str) -> str:
    """The text that reaches the rules: HTML converted, then quotes and signatures blanked."""
    converted = html_to_text(html)
    return extract(Source(path="m.html", text=converted.text, line_numbers=converted.line_numbers)).text


@pytest.mark.parametrize("container", [
    '<blockquote type="cite">Fix it ASAP</blockquote>',
    '<div class="gmail_quote gmail_quote_container"><div class="gmail_attr">x</div>Fix it ASAP</div>',
    '<div class="moz-cite-prefix">On Mon, Jane wrote:</div><blockquote type="cite">ASAP</blockquote>',
    '<div class="gmail_signature" data-smartmail="gmail_signature">We reply ASAP</div>',
    '<div data-smartmail="gmail_signature">We reply ASAP</div>',
    '<div id="Signature"><p>Support — we reply ASAP</p></div>',
    '<pre class="moz-signature" cols="72">-- \nWe reply ASAP</pre>',
    '<div id="appendonsend"></div><hr><div id="divRplyFwdMsg"><b>From:</b> Jane</div><div>Fix it ASAP</div>',
    '<div id="x_divRplyFwdMsg">From: Jane</div><p>Fix it ASAP</p>',
])
def test_quote_and_signature_containers_produce_no_text(container):
    text = html_to_text(f"<p>Hei Matti,</p><p>Korjaamme vian.</p>{container}<p></p>").text
    assert "ASAP" not in text and "Korjaamme vian." in text


def test_outlook_desktop_reply_header_block_is_blanked_by_the_text_rules():
    html = ('<p class="MsoNormal">We will send the fix on Monday.</p>\n'
            '<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">\n'
            '<p class="MsoNormal"><b>From:</b> Jane Doe &lt;jane@example.com&gt;<br>\n'
            '<b>Sent:</b> Monday, November 16, 2026 9:12 AM<br>\n<b>To:</b> Support</p></div>\n'
            '<p class="MsoNormal">Please fix it ASAP.</p>\n')
    text = authored(html)
    assert "We will send the fix on Monday." in text and "ASAP" not in text and "Jane" not in text


def test_entities_and_nbsp_are_decoded_for_the_phrase_rules():
    text = html_to_text("<p>Korjaamme&nbsp;t&auml;m&auml;n mahdollisimman&#160;pian &amp; kerromme.</p>").text
    assert text == "Korjaamme tämän mahdollisimman pian & kerromme.\n"


def test_blocks_break_lines_and_each_line_maps_to_its_html_line():
    html = "<div>\n<p>Hi Jane,</p>\n<p>We will fix it\nASAP.</p>\n<ul><li>one</li><li>two</li></ul>\n</div>"
    result = html_to_text(html)
    pairs = [(line, number) for line, number in zip(result.text.split("\n"), result.line_numbers) if line]
    assert pairs == [("Hi Jane,", 2), ("We will fix it", 3), ("ASAP.", 4), ("one", 5), ("two", 5)]


def test_head_style_script_and_stray_end_tags_are_ignored():
    html = "<html><head><title>ASAP</title><style>p{color:red}</style></head><body></span>Hello.<script>x</script>"
    assert html_to_text(html).text == "Hello.\n"


def test_empty_html_gives_empty_text():
    assert html_to_text("<html><body></body></html>").text == ""
