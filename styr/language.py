"""The interface speaks Swedish unless the visitor has chosen another language."""

from django.conf import settings
from django.utils import translation


class ChosenLanguageMiddleware:
    """Activate the language chosen with Django's set_language view, or else Swedish.

    Unlike Django's LocaleMiddleware, the browser's Accept-Language is not asked: many Swedish
    officials run browsers in English, and a municipality's pages should still meet them in
    Swedish.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
