"""The interface speaks Swedish unless the visitor has chosen another language."""

from decimal import Decimal

from django.conf import settings
from django.utils import formats, translation

from styr.swedish import decimal_write, plain_write


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


def number(value: Decimal) -> str:
    """Return a number as the active language writes it: 2,7 and 1 150 in Swedish (as
    styr.swedish writes them, with the minus sign −), 2.7 and 1,150 in English; never 2.700000."""
    if translation.get_language() == "sv":
        return decimal_write(value, grouped=True)
    plain = Decimal(plain_write(value))
    return formats.number_format(plain, use_l10n=True, force_grouping=True)
