"""HTML pages (a paper's web edition saved as a file): the text a browser shows.

A file that starts like an HTML document (a doctype, ``<html>``, ``<head>`` or ``<body>``)
is read as its text, laid out as the plain-text pages are: each block element (``<p>``,
``<div>``, ``<h1>``, ``<li>``, ``<td>`` …) a paragraph, a blank line between paragraphs,
``<br>`` a line break. Scripts, styles and the title are left out, character references
decoded, and white space inside a paragraph collapsed as HTML collapses it (inside
``<pre>`` it is kept).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_DOCUMENT = re.compile(r"\ufeff?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
                       r"<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
BLOCKS = frozenset(
    "address article aside blockquote caption center dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre "
    "section summary table tbody td tfoot th thead tr ul".split())
HIDDEN = frozenset("script style title noscript template".split())
_SPACE = re.compile(r"[ \t\r\n\f]+")  # HTML's white space (not U+3000, the ideographic space)
_BREAK = "\x01"  # a line break, while the text is put together
_PARAGRAPH = "\x00"  # a paragraph boundary


def is_html(text: str) -> bool:
    """The text starts like an HTML document."""
    return bool(_DOCUMENT.match(text, 0, 4096))


def html_text(text: str) -> str:
    """The text of an HTML document, a paragraph per block element (see the module)."""
    parser = _Text()
    parser.feed(text)
    parser.close()
    paragraphs = []
    for para in "".join(parser.parts).split(_PARAGRAPH):
        lines = [line.strip(" ") for line in para.split(_BREAK)]
        if any(lines):
            paragraphs.append("\n".join(line for line in lines if line))
    return "\n\n".join(paragraphs) + "\n"


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0  # inside this many hidden elements
        self.pre = 0  # inside this many <pre>: white space kept, line ends are breaks

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in HIDDEN:
            self.hidden += 1
        elif tag == "br":
            self.parts.append(_BREAK)
        elif tag in BLOCKS:
            self.parts.append(_PARAGRAPH)
            self.pre += tag == "pre"

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag == "br":
            self.parts.append(_BREAK)
        elif tag in BLOCKS:
            self.parts.append(_PARAGRAPH)

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCKS:
            self.parts.append(_PARAGRAPH)
            if tag == "pre":
                self.pre = max(0, self.pre - 1)

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        data = data.replace(_PARAGRAPH, "").replace(_BREAK, "").replace("\xa0", " ")
        if self.pre:
            self.parts.append(data.replace("\r\n", "\n").replace("\n", _BREAK))
        else:
            self.parts.append(_SPACE.sub(" ", data))
