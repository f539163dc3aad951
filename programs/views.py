"""Getting onto a program and changing it: setup, joining a coach, the account page and
its deletion.

In programs, not accounts, because each of them reads or writes the athlete's assignment:
accounts, the layer below, knows users and invitations only.
"""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from django.views.decorators.http import require_http_methods, require_POST

from accounts.access import get_invitation
from accounts.forms import LanguageForm
from accounts.invitations import InvitationRefused
from accounts.models import EMAIL_TAKEN_MESSAGE, Invitation, InvitationState
from accounts.views import PENDING_INVITATION, invitation_gone, sign_up_page
from programs.account import update_account
from programs.deletion import delete_account
from programs.enrolment import AlreadySetUp, join_coach, set_up_training
from programs.forms import AccountForm, DeleteAccountForm, SetupForm
from programs.models import Assignment, open_assignment_of
from programs.numbers import shown_decimal
from programs.today import athlete_today
from programs.weeks import IsoWeek

# English (the tests compare it), translated where it is said.
SETUP_INVITATION_GONE = gettext_noop(
    "Setting up now starts you on the default program, without a coach."
)
SAVED_MESSAGE = gettext_lazy("Saved.")


@require_http_methods(["GET", "POST"])
def join(request, token: str):
    invitation = get_invitation(token=token)
    state = invitation.state(now=timezone.now())
    if state != InvitationState.OPEN:
        return invitation_gone(request, invitation, state)
    if not request.user.is_authenticated:
        return sign_up_page(request, invitation=invitation)
    if not Assignment.objects.filter(athlete=request.user).exists():
        # Signed up but not set up yet: setup picks the weekdays and takes the invitation.
        request.session[PENDING_INVITATION] = invitation.token
        return redirect("setup")
    return render(
        request,
        "programs/accept_invitation.html",
        {"invitation": invitation, "current": open_assignment_of(request.user)},
    )


@require_POST
@login_required
def accept_invitation(request, token: str):
    invitation = get_invitation(token=token)
    try:
        assignment = join_coach(athlete=request.user, token=invitation.token, now=timezone.now())
    except InvitationRefused as refused:
        return invitation_gone(request, invitation, refused.state)
    return redirect("week", iso_week=str(IsoWeek.of(assignment.start_date)))


@require_http_methods(["GET", "POST"])
@login_required
def setup(request):
    athlete = request.user
    if Assignment.objects.filter(athlete=athlete).exists():
        return redirect("home")
    token = request.session.get(PENDING_INVITATION)
    invitation = (
        Invitation.objects.select_related("program", "coach").filter(token=token).first()
        if token
        else None
    )
    form = SetupForm(
        request.POST if request.method == "POST" else None,
        initial={
            "unit": athlete.unit,
            "time_zone": athlete.time_zone,
            "start_date": athlete_today(athlete),
        },
        choose_program=invitation is None,
    )
    if form.is_valid():
        try:
            assignment = set_up_training(
                athlete=athlete,
                weekday_one=form.cleaned_data["weekday_one"],
                weekday_two=form.cleaned_data["weekday_two"],
                unit=form.cleaned_data["unit"],
                time_zone=form.cleaned_data["time_zone"],
                start_date=form.cleaned_data["start_date"],
                invitation_token=invitation.token if invitation else None,
                now=timezone.now(),
                program=form.cleaned_data.get("program"),
            )
        except AlreadySetUp:
            return redirect("home")
        except InvitationRefused as refused:
            request.session.pop(PENDING_INVITATION, None)
            form.add_error(None, f"{refused.message} {_(SETUP_INVITATION_GONE)}")
            invitation = None
        else:
            request.session.pop(PENDING_INVITATION, None)
            return redirect("week", iso_week=str(IsoWeek.of(assignment.start_date)))
    # A program that is not the house's is no slip of the hand: refused outright.
    status = 400 if form.is_bound and form.program_refused else 200
    return render(
        request, "programs/setup.html", {"form": form, "invitation": invitation}, status=status
    )


@require_http_methods(["GET", "POST"])
@login_required
def account(request):
    athlete = request.user
    assignment = open_assignment_of(athlete)
    bar, plates = athlete.bar_and_plates(athlete.unit)
    initial = {
        "unit": athlete.unit,
        "time_zone": athlete.time_zone,
        "email": athlete.email,
        "bar": shown_decimal(bar),
        "plates": " ".join(shown_decimal(plate) for plate in plates),
    }
    if assignment:
        initial |= {"weekday_one": assignment.weekday_one, "weekday_two": assignment.weekday_two}
    form = AccountForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        user=athlete,
        has_assignment=assignment is not None,
    )
    if form.is_valid():
        try:
            update_account(
                athlete=athlete,
                email=form.cleaned_data["email"],
                unit=form.cleaned_data["unit"],
                time_zone=form.cleaned_data["time_zone"],
                weekdays=form.weekdays,
                plates=form.bar_and_plates,
                now=timezone.now(),
            )
        except IntegrityError:
            athlete.refresh_from_db()
            form.add_error("email", EMAIL_TAKEN_MESSAGE)
        else:
            messages.success(request, SAVED_MESSAGE)
            return redirect("account")
    return render(
        request,
        "programs/account.html",
        {
            "form": form,
            "assignment": assignment,
            "has_any_assignment": assignment is not None
            or Assignment.objects.filter(athlete=athlete).exists(),
            "language_form": LanguageForm(initial={"language": athlete.language}),
        },
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def delete(request):
    """Typing the username deletes the account and everything that is the athlete's."""
    form = DeleteAccountForm(request.POST if request.method == "POST" else None, user=request.user)
    if form.is_valid():
        delete_account(athlete=request.user)
        logout(request)
        response = render(request, "programs/deleted.html")
        # As logging out does: nothing of the account stays on the phone.
        response["Clear-Site-Data"] = '"cache", "storage"'
        return response
    return render(
        request,
        "programs/delete.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )
