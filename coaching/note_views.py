"""The conversation's views: the athlete's answer to a note, the coach's note on the
athlete in general, and each author's edit and delete of their own (404 for anyone else).
Bad text gets the form back with its message (400) and writes nothing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coaching import conversation
from coaching.access import (
    coach_required,
    get_athlete_for_coach,
    get_note_for_athlete,
    get_note_for_author,
    get_reply_for_author,
)
from coaching.forms import NoteTextForm, ReplyForm


def _back(request, fallback: str) -> str:
    """Back to the page the form was on (a path of this site), else the fallback."""
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return back
    return fallback


def _athlete_page(note) -> str:
    """Where an athlete reads a note: its session, or today's for a note in general."""
    if note.session_id is None:
        return reverse("today")
    return reverse("session", args=[note.session_id]) + "#notes"


def _form_page(request, *, title: str, form, action: str, back: str, status: int = 200):
    context = {"title": title, "form": form, "action": action, "back": back}
    return render(request, "coaching/note_form.html", context, status=status)


@login_required
@require_POST
def reply(request, note_id: int):
    note = get_note_for_athlete(athlete=request.user, note_id=note_id)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        action = reverse("note_reply", args=[note.pk])
        return _form_page(
            request,
            title=_("Answer your coach"),
            form=form,
            action=action,
            back=_athlete_page(note),
            status=400,
        )
    conversation.reply_to_note(
        note=note,
        text=form.cleaned_data["text"],
        by=request.user,
        at=timezone.now(),
        site=request.build_absolute_uri("/"),
    )
    messages.success(request, _("Answer sent to your coach."))
    return redirect(_back(request, _athlete_page(note)))


def _edit(request, *, item, form_class, title: str, action: str, back: str, saved: str):
    """An author's edit of their note or answer: the form, then the text saved."""
    if request.method == "GET":
        form = form_class(initial={"text": item.text})
        return _form_page(request, title=title, form=form, action=action, back=back)
    form = form_class(request.POST)
    if not form.is_valid():
        return _form_page(request, title=title, form=form, action=action, back=back, status=400)
    conversation.edit_text(item=item, text=form.cleaned_data["text"])
    messages.success(request, saved)
    return redirect(back)


@login_required
@require_http_methods(["GET", "POST"])
def reply_edit(request, reply_id: int):
    found = get_reply_for_author(author=request.user, reply_id=reply_id)
    return _edit(
        request,
        item=found,
        form_class=ReplyForm,
        title=_("Edit your answer"),
        action=reverse("reply_edit", args=[found.pk]),
        back=_athlete_page(found.note),
        saved=_("Answer saved."),
    )


@login_required
@require_POST
def reply_delete(request, reply_id: int):
    found = get_reply_for_author(author=request.user, reply_id=reply_id)
    back = _athlete_page(found.note)
    found.delete()
    messages.success(request, _("Answer deleted."))
    return redirect(back)


@coach_required
@require_POST
def athlete_note(request, athlete_id: int):
    found = get_athlete_for_coach(coach=request.user, athlete_id=athlete_id)
    form = NoteTextForm(request.POST)
    back = reverse("coach_athlete", args=[found.pk]) + "#thread"
    if not form.is_valid():
        action = reverse("coach_athlete_note", args=[found.pk])
        return _form_page(
            request,
            title=_("A note for the athlete"),
            form=form,
            action=action,
            back=back,
            status=400,
        )
    conversation.add_athlete_note(
        athlete=found,
        text=form.cleaned_data["text"],
        by=request.user,
        site=request.build_absolute_uri("/"),
    )
    messages.success(request, _("Note left for the athlete."))
    return redirect(back)


def _coach_back(note) -> str:
    athlete_id = note.athlete_id if note.session_id is None else note.session.athlete_id
    return reverse("coach_athlete", args=[athlete_id]) + "#thread"


@coach_required
@require_http_methods(["GET", "POST"])
def note_edit(request, note_id: int):
    found = get_note_for_author(author=request.user, note_id=note_id)
    return _edit(
        request,
        item=found,
        form_class=NoteTextForm,
        title=_("Edit your note"),
        action=reverse("coach_note_edit", args=[found.pk]),
        back=_coach_back(found),
        saved=_("Note saved."),
    )


@coach_required
@require_POST
def note_delete(request, note_id: int):
    found = get_note_for_author(author=request.user, note_id=note_id)
    back = _coach_back(found)
    found.delete()
    messages.success(request, _("Note deleted."))
    return redirect(back)
