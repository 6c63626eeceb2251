from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


def language_of(request) -> str:
    """The language chosen with the switch (a cookie), else the site's default."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class SiteLanguageMiddleware:
    """Indonesian unless the visitor chose another language with the switch.

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language:
    a newsroom in NTT speaks Indonesian to every reader and editor by default,
    and English is a choice made on the site (the language cookie).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_of(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response
