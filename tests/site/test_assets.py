"""No external assets: the pages load nothing from another site, so the
site works offline and no reader is tracked by a third party."""

import re
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings

from tests.site.pages import build_newsroom, public_pages

STATIC = Path(settings.BASE_DIR) / "static"


class Assets(HTMLParser):
    """The URLs a browser would fetch on its own to render the page."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.scripts_with_src = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") in ("stylesheet", "icon", "preload", "manifest"):
            self.urls.append(attrs["href"])
        if tag == "script" and "src" in attrs:
            self.scripts_with_src += 1
            self.urls.append(attrs["src"])
        if tag in ("img", "source", "iframe", "video", "audio", "embed"):
            self.urls += [attrs[key] for key in ("src",) if key in attrs]
            self.urls += [part.split()[0] for part in attrs.get("srcset", "").split(",") if part]
        if "style" in attrs:
            self.urls += re.findall(r"url\(([^)]*)\)", attrs["style"])


def test_pages_load_only_their_own_assets_and_no_scripts(client, places, frozen):
    for name, url in public_pages(build_newsroom()).items():
        assets = Assets()
        assets.feed(client.get(url).content.decode())
        assert assets.urls, name
        outside = [asset for asset in assets.urls if not asset.startswith("/")]
        assert outside == [], name
        assert assets.scripts_with_src == 0, name


def test_the_stylesheets_import_nothing_and_use_system_fonts():
    for stylesheet in STATIC.rglob("*.css"):
        css = stylesheet.read_text()
        assert "@import" not in css
        assert "url(" not in css
        assert "@font-face" not in css
