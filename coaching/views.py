"""The coach's desk and drill-in: every view loads through coaching.access (404 for anyone
but the athlete's coach or a superuser), then calls a rule and renders.

The athlete's week, session, progress and balance pages are not here: coaching/urls.py
routes the coach's read-only copies to the athlete's own views, with a Viewer
(coaching/viewer.py) that keeps the links in the coach's URLs and logs nothing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from coaching import changes, conversation
from coaching.access import (
    athletes_of,
    coach_required,
    get_athlete_for_coach,
    get_note_for_athlete,
    get_prescription_for_athlete,
    get_session_for_coach,
)
from coaching.desk import desk_rows
from coaching.forms import AdjustForm, AssignForm, NoteForm, NoteTextForm
from coaching.test_sets import coach_test_sets, program_exercises
from coaching.viewer import coach_viewer
from programs.models import Prescription, PrescriptionOverride, open_assignment_of
from programs.numbers import parse_whole_number
from programs.today import athlete_today
from programs.week_page import load_week
from programs.weeks import IsoWeek
from tracking.views import session_page

SORTS = {"attention": gettext_lazy("Needs attention first"), "name": gettext_lazy("By name")}


@coach_required
@require_GET
def desk(request):
    sort = request.GET.get("sort", "attention")
    if sort not in SORTS:
        sort = "attention"
    today = athlete_today(request.user)
    rows = desk_rows(athletes=athletes_of(request.user), today=today, sort=sort)
    context = {
        "rows": rows,
        "sort": sort,
        "sorts": SORTS,
        "sort_label": SORTS[sort],
        "week": IsoWeek.of(today),
    }
    return render(request, "coaching/desk.html", context)


def _slots(athlete, assignment) -> list[tuple[Prescription, PrescriptionOverride | None]]:
    """The program's prescriptions, Day 1 then Day 2, each with the athlete's adjustment."""
    if assignment is None:
        return []
    program = assignment.program
    prescriptions = Prescription.objects.filter(
        day_template__in=[program.day_one_id, program.day_two_id]
    ).select_related("exercise", "day_template")
    overrides = {
        override.prescription_id: override
        for override in PrescriptionOverride.objects.filter(athlete=athlete).select_related(
            "exercise"
        )
    }
    first = {program.day_one_id: 0, program.day_two_id: 1}
    ordered = sorted(prescriptions, key=lambda p: (first[p.day_template_id], p.order))
    return [(p, overrides.get(p.pk)) for p in ordered]


@coach_required
@require_GET
def athlete(request, athlete_id: int):
    found = get_athlete_for_coach(coach=request.user, athlete_id=athlete_id)
    return athlete_page(request, found)


def athlete_page(request, found, *, test_set_form=None, status: int = 200):
    """The athlete's page; with the test-set interval form refused, its errors (400)."""
    today = athlete_today(found)
    assignment = open_assignment_of(found)
    slots = _slots(found, assignment)
    context = {
        "athlete": found,
        "assignment": assignment,
        "view": load_week(athlete=found, week=IsoWeek.of(today), today=today),
        "slots": slots,
        "history": changes.change_history(athlete=found),
        "thread": list(conversation.thread_of(athlete=found)),
        "note_form": NoteTextForm(),
        "test_sets": coach_test_sets(
            athlete=found, exercises=program_exercises(slots), form=test_set_form
        ),
    }
    # Shown as new on this page, read from now on: the desk's marker goes.
    conversation.mark_answers_read(athlete=found, at=timezone.now())
    return render(request, "coaching/athlete.html", context, status=status)


@coach_required
@require_POST
def note(request, session_id: int):
    found = get_session_for_coach(coach=request.user, session_id=session_id)
    form = NoteForm(request.POST, session_prescriptions=found.prescriptions.all())
    if not form.is_valid():
        viewer = coach_viewer(found.athlete)
        return session_page(request, viewer=viewer, session=found, note_form=form, status=400)
    changes.add_note(
        session=found,
        prescription_id=form.cleaned_data["prescription"],
        text=form.cleaned_data["text"],
        by=request.user,
        site=request.build_absolute_uri("/"),
    )
    messages.success(request, _("Note left for the athlete."))
    return redirect(reverse("coach_session", args=[found.pk]) + "#notes")


@login_required
@require_POST
def note_read(request, note_id: int):
    """The athlete's "Got it" on their coach's note: it leaves the session's top and the
    week page. Back to the page it was tapped on (a path of this site), else the session."""
    found = get_note_for_athlete(athlete=request.user, note_id=note_id)
    found.mark_read(at=timezone.now())
    if request.htmx:
        return HttpResponse("")  # htmx swaps the note out
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = (
            reverse("session", args=[found.session_id]) + "#notes"
            if found.session_id
            else reverse("today")
        )
    return redirect(back)


@coach_required
@require_http_methods(["GET", "POST"])
def assign(request, athlete_id: int):
    found = get_athlete_for_coach(coach=request.user, athlete_id=athlete_id)
    today = athlete_today(found)
    current = open_assignment_of(found)
    if request.method == "POST":
        form = AssignForm(request.POST, today=today, coach=request.user)
        if form.is_valid():
            try:
                changes.assign_program(
                    athlete=found, by=request.user, today=today, **form.cleaned_data
                )
            except ValueError as refused:
                form.add_error("start_date", str(refused))
            else:
                messages.success(request, _("Program saved: the sessions from today follow it."))
                return redirect("coach_athlete", athlete_id=found.pk)
        status = 400
    else:
        initial = {"start_date": today, "unit": found.unit}
        if current is not None:
            initial.update(
                program=current.program_id,
                weekday_one=current.weekday_one,
                weekday_two=current.weekday_two,
            )
            if current.start_date > today:
                initial["start_date"] = current.start_date
        form, status = AssignForm(initial=initial, today=today, coach=request.user), 200
    context = {"athlete": found, "assignment": current, "form": form}
    return render(request, "coaching/assign.html", context, status=status)


@coach_required
@require_http_methods(["GET", "POST"])
def end(request, athlete_id: int):
    """GET asks first (what ends, from when); only the POST ends the program."""
    found = get_athlete_for_coach(coach=request.user, athlete_id=athlete_id)
    current = open_assignment_of(found)
    if current is None:
        raise Http404(_("No program to end."))
    today = athlete_today(found)
    if request.method == "GET":
        context = {
            "athlete": found,
            "assignment": current,
            "today": today,
            "ending": changes.sessions_ending(assignment=current, today=today).order_by("date"),
        }
        return render(request, "coaching/end.html", context)
    changes.end_assignment(assignment=current, by=request.user, today=today)
    messages.success(request, _("Program ended: the sessions still to come are gone."))
    return redirect("coach_athlete", athlete_id=found.pk)


def _effective(prescription: Prescription, override: PrescriptionOverride | None) -> dict:
    """What the athlete does in this slot now: the template's, with their adjustment."""
    values = {"exercise_id": prescription.exercise_id}
    values.update(
        {name: getattr(prescription, name) for name in PrescriptionOverride.OVERRIDDEN_FIELDS}
    )
    if override is not None:
        values.update(override.values_over(prescription))
    return {
        "exercise": values["exercise_id"],
        **{name: values[name] for name in PrescriptionOverride.OVERRIDDEN_FIELDS},
    }


def _session_id(raw: str | None) -> int | None:
    """?session=12: the coach came from that session's page and goes back to it."""
    return parse_whole_number(raw)


@coach_required
@require_http_methods(["GET", "POST"])
def adjust(request, athlete_id: int, prescription_id: int):
    found = get_athlete_for_coach(coach=request.user, athlete_id=athlete_id)
    prescription = get_prescription_for_athlete(athlete=found, prescription_id=prescription_id)
    override = (
        PrescriptionOverride.objects.filter(athlete=found, prescription=prescription)
        .select_related("exercise")
        .first()
    )
    if request.method == "POST":
        form = AdjustForm(request.POST, prescription=prescription, athlete=found)
        if form.is_valid():
            values = dict(form.cleaned_data)
            changes.adjust_prescription(
                athlete=found,
                prescription=prescription,
                exercise=values.pop("exercise"),
                values=values,
                by=request.user,
                today=athlete_today(found),
            )
            messages.success(
                request,
                _("Saved for {name}: their sessions from today follow it.").format(
                    name=found.username
                ),
            )
            back = _session_id(request.GET.get("session"))
            if back is not None:
                return redirect("coach_session", session_id=back)
            return redirect("coach_athlete", athlete_id=found.pk)
        status = 400
    else:
        initial = _effective(prescription, override)
        form, status = AdjustForm(initial=initial, prescription=prescription, athlete=found), 200
    context = {
        "athlete": found,
        "prescription": prescription,
        "override": override,
        "form": form,
        "from_session": _session_id(request.GET.get("session")),
    }
    return render(request, "coaching/adjust.html", context, status=status)
