"""The language an athlete chose on the account page, over the browser's."""

from django.utils import translation


class UserLanguageMiddleware:
    """After AuthenticationMiddleware (it reads request.user) and LocaleMiddleware (whose
    choice from Accept-Language or the cookie it overrides when the athlete chose one)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
