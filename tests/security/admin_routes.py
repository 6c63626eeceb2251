"""Every URL the admin serves, read from the admin site itself.

Tests walk this list instead of a hand-written one, so a page added to the
admin later is checked without anyone remembering to add it.
"""

import re

from django.contrib import admin
from django.urls import URLResolver

CONVERTER = re.compile(r"<(?:\w+:)?(\w+)>")


def admin_routes() -> list[tuple[str, str | None]]:
    """(route under /admin/, URL name) for every admin URL pattern."""

    def walk(patterns, prefix: str):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern), pattern.name

    return list(walk(admin.site.get_urls(), ""))


def concrete(route: str, **values) -> str:
    """A URL for ``route``, its parameters filled from ``values`` (default 1)."""
    if route.startswith("^(?P<app_label>"):
        return "/admin/articles/"
    if route == "(?P<url>.*)$":
        return "/admin/tidak-ada/"
    return "/admin/" + CONVERTER.sub(lambda match: str(values.get(match.group(1), 1)), route)
