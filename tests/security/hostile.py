"""Hostile input, and a check that none of it became live markup in a response.

Every payload tries to run ``alert(...)``: as a script element, an event
handler, a ``javascript:`` URL, or by closing the element or attribute it was
put in. The checks parse responses the way a browser would and look for any of
those carrying ``alert(``, so escaped text (which is harmless) passes and a
single unescaped payload fails.
"""

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

# Short enough for a 100-character field; each line attacks another context.
PAYLOAD = "x\"'><img src=x onerror=alert(1)></script><script>alert(2)</script>"
# For fields that end up in a URL, a link or an attribute.
URL_PAYLOAD = "javascript:alert(3)"
MARKUP_PAYLOADS = [
    PAYLOAD,
    '<svg onload="alert(4)"><a href="javascript:alert(5)">klik</a>',
    "</title><style>*{background:url(javascript:alert(6))}</style><iframe src=javascript:alert(7)>",
    '{"a": "</script><script>alert(8)</script>"}',
]
# What turns a payload into script: if any of these survive as markup, it ran.
SCRIPT = "alert("
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"}
# Elements whose content is HTML in a feed (RSS description, Atom summary and content).
FEED_HTML_ELEMENTS = {"description", "summary", "content"}


class _Finder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script: list[str] | None = None
        self._script_type = ""

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            squeezed = "".join(value.split()).lower()
            if name.startswith("on") and SCRIPT in value:
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and squeezed.startswith(("javascript:", "data:text/html")):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name == "style" and "javascript:" in squeezed:
                self.found.append(f"<{tag} style={value!r}>")
        if tag in {"iframe", "object", "embed"}:
            self.found.append(f"<{tag}>")
        if tag == "script":
            self._script = []
            self._script_type = dict(attrs).get("type") or ""
        if tag == "style":
            self._script = []
            self._script_type = "style"

    def handle_endtag(self, tag):
        if tag in {"script", "style"} and self._script is not None:
            text = "".join(self._script)
            self._script = None
            if self._script_type == "application/ld+json":
                try:
                    json.loads(text)
                except ValueError:
                    self.found.append(f"JSON-LD that is not JSON: {text[:120]!r}")
            elif SCRIPT in text or "javascript:" in text:
                self.found.append(f"<{tag}>{text[:120]}</{tag}>")

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)


def live_markup(html: str) -> list[str]:
    """Every piece of ``html`` through which a payload would run."""
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return finder.found


def live_markup_in_feed(xml: bytes) -> list[str]:
    """The same for a feed: it must parse, and its HTML-bearing elements are checked."""
    root = ET.fromstring(xml)
    found = []
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1]
        if name in FEED_HTML_ELEMENTS and element.text:
            found += live_markup(element.text)
    return found
