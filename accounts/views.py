"""Signing up, alone or through a coach's invitation; the account's language."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.forms import LanguageForm, SignupForm
from accounts.invitations import GONE_MESSAGES, InvitationRefused
from accounts.models import EMAIL_TAKEN_MESSAGE, USERNAME_TAKEN_MESSAGE, Invitation, User
from accounts.signup import sign_up

# Between sign-up and setup, the invitation the athlete came through.
PENDING_INVITATION = "pending_invitation"
# Sign-up logs the new athlete in itself; with several backends (login throttling adds
# one) Django needs to be told which one vouches for them.
LOGIN_BACKEND = "django.contrib.auth.backends.ModelBackend"


def invitation_gone(request, invitation: Invitation, state):
    return render(
        request,
        "accounts/invitation_gone.html",
        {"invitation": invitation, "message": _(GONE_MESSAGES[state])},
        status=410,
    )


def sign_up_page(request, invitation: Invitation | None):
    form = SignupForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            user = sign_up(
                username=form.cleaned_data["username"],
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
                invitation_token=invitation.token if invitation else None,
                now=timezone.now(),
            )
        except InvitationRefused as refused:
            return invitation_gone(request, invitation, refused.state)
        except IntegrityError:
            # Someone took the name or the address between the check and the insert.
            username = form.cleaned_data["username"]
            taken_name = User.objects.filter(username__iexact=username).exists()
            form.add_error(
                "username" if taken_name else "email",
                USERNAME_TAKEN_MESSAGE if taken_name else EMAIL_TAKEN_MESSAGE,
            )
        else:
            login(request, user, backend=LOGIN_BACKEND)
            if invitation:
                request.session[PENDING_INVITATION] = invitation.token
            return redirect("setup")
    return render(request, "accounts/signup.html", {"form": form, "invitation": invitation})


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("home")
    return sign_up_page(request, invitation=None)


@require_http_methods(["GET", "POST"])
@login_required
def language(request):
    """The account page's language form posts here; a refused code comes back to this
    page with the message (the account page's other fields are not the accounts app's)."""
    athlete = request.user
    form = LanguageForm(
        request.POST if request.method == "POST" else None,
        initial={"language": athlete.language},
    )
    if not form.is_valid():
        return render(
            request,
            "accounts/language.html",
            {"form": form},
            status=400 if form.is_bound else 200,
        )
    athlete.choose_language(language=form.cleaned_data["language"])
    if athlete.language:
        # "Saved" said in the language the next pages will have.
        translation.activate(athlete.language)
        request.LANGUAGE_CODE = translation.get_language()
    messages.success(request, _("Language saved."))
    response = redirect("account")
    # The cookie too, so the pages after logging out stay in the language chosen.
    if athlete.language:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            athlete.language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    else:
        response.delete_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response
