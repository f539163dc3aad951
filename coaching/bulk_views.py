"""The desk's bulk actions. The desk's form holds the selection (a checkbox per athlete)
and the note; "Assign a program…" opens a second page with the programs to choose from,
so the desk itself asks no query more. Anything refused is a 400 that writes nothing."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from coaching import bulk
from coaching.access import coach_required
from coaching.forms import BulkAssignForm, BulkForm, BulkNoteForm
from programs.today import athlete_today

UNKNOWN_ACTION_MESSAGE = gettext_lazy("Choose an action: assign a program or send a note.")


def _page(request, *, form, athletes=(), refused: str = "", status: int = 200):
    if not athletes and form.is_bound and form.is_valid():
        athletes = form.cleaned_data["athletes"]
    context = {"form": form, "athletes": athletes, "refused": refused}
    return render(request, "coaching/bulk.html", context, status=status)


@coach_required
@require_POST
def bulk_action(request):
    action = request.POST.get("action", "")
    if action == "note":
        form = BulkNoteForm(request.POST, coach=request.user)
        if not form.is_valid():
            return _page(request, form=form, status=400)
        athletes = form.cleaned_data["athletes"]
        bulk.note_to_all(
            athletes=athletes,
            text=form.cleaned_data["text"],
            by=request.user,
            site=request.build_absolute_uri("/"),
        )
        messages.success(
            request,
            ngettext(
                "Note sent to {count} athlete.", "Note sent to {count} athletes.", len(athletes)
            ).format(count=len(athletes)),
        )
        return redirect("coach_desk")
    if action == "choose":
        chosen = BulkForm(request.POST, coach=request.user)
        if not chosen.is_valid():
            return _page(request, form=chosen, status=400)
        form = BulkAssignForm(
            initial={
                "athletes": [athlete.pk for athlete in chosen.cleaned_data["athletes"]],
                "start_date": athlete_today(request.user),
            },
            coach=request.user,
            today=athlete_today(request.user),
        )
        return _page(request, form=form, athletes=chosen.cleaned_data["athletes"])
    if action == "assign":
        form = BulkAssignForm(request.POST, coach=request.user, today=athlete_today(request.user))
        if not form.is_valid():
            return _page(request, form=form, status=400)
        athletes = form.cleaned_data["athletes"]
        try:
            bulk.assign_to_all(
                athletes=athletes,
                program=form.cleaned_data["program"],
                start_date=form.cleaned_data["start_date"],
                by=request.user,
            )
        except ValueError as refused:
            return _page(request, form=form, refused=str(refused), status=400)
        messages.success(
            request,
            ngettext(
                "{program} assigned to {count} athlete.",
                "{program} assigned to {count} athletes.",
                len(athletes),
            ).format(program=form.cleaned_data["program"], count=len(athletes)),
        )
        return redirect("coach_desk")
    return _page(
        request, form=BulkForm(coach=request.user), refused=UNKNOWN_ACTION_MESSAGE, status=400
    )
