"""Export, import (upload → preview → confirm) and deleting the account."""

import datetime as dt
from urllib.parse import parse_qsl

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.db import IntegrityError, transaction
from django.http import QueryDict, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from exchange.access import get_pending_import
from exchange.exporting import attachment_header, json_export, strong_csv
from exchange.formats import parse_file
from exchange.forms import ConfirmForm, UploadForm
from exchange.importing import ImportResult, Preview, build_preview, import_history, name_rows
from exchange.models import PendingImport
from exchange.parsing import ImportRefused, group_problems
from programs.today import athlete_today

TOO_BIG_MESSAGE = gettext_lazy(
    "The file is bigger than {limit}, the most we take. "
    "Export a shorter period from the other app, or split the file by years."
)
IMPORTED_MESSAGE = gettext_lazy(
    "Imported {sets} sets: {created} new sessions, {joined} sessions joined by imported work."
)
ALREADY_HERE_MESSAGE = gettext_lazy(" {already} were already here.")
NOTHING_NEW_MESSAGE = gettext_lazy(
    "Nothing new: the file's {already} sets were all imported before."
)
NOTHING_KEPT_MESSAGE = gettext_lazy(
    "Nothing imported: no set of this file is of an exercise you kept (every name was skipped)."
)
IMPORT_BUTTON = gettext_lazy("Import {sets} sets")
IMPORT_BUTTON_ALREADY = gettext_lazy("Import {sets} sets ({already} already imported)")
ALREADY_CONFIRMED_MESSAGE = gettext_lazy(
    "This import was already confirmed (in another tab or window?): its sets are in your "
    "history. Pick a file to import another."
)
RACED_MESSAGE = gettext_lazy(
    "Your history changed while this file was being imported, so nothing of it was "
    "written. Import it again."
)
TOO_MANY_FIELDS_MESSAGE = gettext_lazy(
    "The form sent more choices than this file has exercise names."
)
# Beside one choice per unknown name: the CSRF token and the unit.
CONFIRM_EXTRA_FIELDS = 10
# Multipart framing and the CSRF token around the file itself.
MULTIPART_ALLOWANCE = 64 * 1024
PENDING_HOURS = 24


def _file_name(athlete, extension: str) -> str:
    today = athlete_today(athlete)
    return f"legplanner-{athlete.username}-{today.isoformat()}.{extension}"


def _download(chunks, *, content_type: str, name: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = attachment_header(name)
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@login_required
def export(request):
    return render(request, "exchange/export.html")


@require_GET
@login_required
def export_strong(request):
    return _download(
        strong_csv(athlete=request.user),
        content_type="text/csv; charset=utf-8",
        name=_file_name(request.user, "csv"),
    )


@require_GET
@login_required
def export_json(request):
    return _download(
        json_export(athlete=request.user, now=timezone.now()),
        content_type="application/json; charset=utf-8",
        name=_file_name(request.user, "json"),
    )


def _upload_page(request, form, *, error: str | None = None, status: int = 200):
    return render(
        request,
        "exchange/import.html",
        {"form": form, "error": error, "limit": filesizeformat(settings.IMPORT_MAX_BYTES)},
        status=status,
    )


def _too_big(request) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > settings.IMPORT_MAX_BYTES + MULTIPART_ALLOWANCE


def _too_big_page(request):
    message = TOO_BIG_MESSAGE.format(limit=filesizeformat(settings.IMPORT_MAX_BYTES))
    return _upload_page(request, UploadForm(), error=message, status=413)


@csrf_protect
def _receive(request):
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _upload_page(request, form, status=400)
    uploaded = form.cleaned_data["file"]
    if uploaded.size > settings.IMPORT_MAX_BYTES:
        return _too_big_page(request)
    content = uploaded.read()
    try:
        parse_file(content, today=athlete_today(request.user))
    except ImportRefused as refused:
        return _upload_page(request, form, error=refused.message, status=400)
    stale = timezone.now() - dt.timedelta(hours=PENDING_HOURS)
    PendingImport.objects.filter(created_at__lt=stale).delete()
    PendingImport.objects.filter(athlete=request.user).delete()
    pending = PendingImport.objects.create(
        athlete=request.user, file_name=uploaded.name[:200], content=content
    )
    return redirect("import_preview", token=pending.token)


# CSRF is checked in _receive, after the size: the middleware's check would read the
# whole body of a 100 MB upload before this view could refuse it.
@csrf_exempt
@require_http_methods(["GET", "POST"])
@login_required
def upload(request):
    if request.method == "GET":
        return _upload_page(request, UploadForm())
    if _too_big(request):
        return _too_big_page(request)
    return _receive(request)


def _read_choices(request, *, names: int) -> None:
    """The preview's form, read with room for one field per exercise name of the file.

    Django's DATA_UPLOAD_MAX_NUMBER_FIELDS (1,000) stays the limit everywhere else; here a
    file with 1,000 unknown names has 1,000 choices to send, and the parser already caps
    the names (MAX_NAMES)."""
    if request.content_type != "application/x-www-form-urlencoded":
        return
    limit = names + CONFIRM_EXTRA_FIELDS
    try:
        pairs = parse_qsl(
            request.body.decode(request.encoding or settings.DEFAULT_CHARSET),
            keep_blank_values=True,
            max_num_fields=limit,
        )
    except (ValueError, UnicodeDecodeError) as error:
        raise BadRequest(TOO_MANY_FIELDS_MESSAGE) from error
    form = QueryDict(mutable=True)
    for key, value in pairs:
        form.appendlist(key, value)
    form._mutable = False
    request.POST = form


@csrf_protect
def _confirm(request, *, pending: PendingImport, parsed, unknown):
    form = ConfirmForm(
        request.POST,
        athlete=request.user,
        unknown=unknown,
        needs_unit=parsed.needs_unit,
        default_unit=request.user.unit,
    )
    if not form.is_valid():
        return _preview_page(request, parsed=parsed, form=form, pending=pending, status=400)
    try:
        with transaction.atomic():
            # Claiming the upload first makes a second confirm (another tab, a double
            # click) wait for this one, then find nothing to claim.
            claimed, _ = PendingImport.objects.filter(pk=pending.pk).delete()
            if not claimed:
                raise _AlreadyImported
            result = import_history(
                athlete=request.user,
                parsed=parsed,
                unit=form.cleaned_data.get("unit"),
                choices=form.choices(),
            )
    except _AlreadyImported:
        return _upload_page(request, UploadForm(), error=ALREADY_CONFIRMED_MESSAGE, status=409)
    except ImportRefused as refused:
        form.add_error(None, refused.message)
        return _preview_page(request, parsed=parsed, form=form, pending=pending, status=400)
    except IntegrityError:
        # Another write on the same days (a second import, the week's generation) won the
        # race: nothing of this one was written, and trying again sees its result.
        form.add_error(None, RACED_MESSAGE)
        return _preview_page(request, parsed=parsed, form=form, pending=pending, status=409)
    messages.success(request, _result_message(result))
    return redirect("import")


def _result_message(result: ImportResult) -> str:
    already = f"{result.sets_already_here:,}"
    if not result.sets_created:
        if result.sets_already_here:
            return NOTHING_NEW_MESSAGE.format(already=already)
        return NOTHING_KEPT_MESSAGE
    message = IMPORTED_MESSAGE.format(
        sets=f"{result.sets_created:,}",
        created=f"{result.sessions_created:,}",
        joined=f"{result.sessions_joined:,}",
    )
    if result.sets_already_here:
        message += ALREADY_HERE_MESSAGE.format(already=already)
    return message


def _button(preview: Preview) -> str:
    if preview.new_sets is None:
        return "Import"
    if preview.already_imported:
        return IMPORT_BUTTON_ALREADY.format(
            sets=f"{preview.new_sets:,}", already=f"{preview.already_imported:,}"
        )
    return IMPORT_BUTTON.format(sets=f"{preview.new_sets:,}")


class _AlreadyImported(Exception):
    pass


def _preview_page(request, *, parsed, form, pending, names=None, status: int = 200):
    # The counts follow the choices sent when they are valid, else the defaults shown.
    valid = form.is_bound and not any(name in form.errors for name in form.fields)
    summary = build_preview(
        athlete=request.user,
        parsed=parsed,
        names=names,
        choices=form.choices() if valid else None,
        unit=form.cleaned_data.get("unit") if valid else None,
    )
    return render(
        request,
        "exchange/preview.html",
        {
            "preview": summary,
            "button": _button(summary),
            "form": form,
            "pending": pending,
            "problems": group_problems(problems=parsed.problems),
        },
        status=status,
    )


# CSRF is checked in _confirm, once the form is read with room for every name's choice:
# the middleware's check would read it with Django's 1,000-field limit.
@csrf_exempt
@require_http_methods(["GET", "POST"])
@login_required
def preview(request, token: str):
    athlete = request.user
    pending = get_pending_import(athlete=athlete, token=token)
    try:
        parsed = parse_file(bytes(pending.content), today=athlete_today(athlete))
    except ImportRefused as refused:
        pending.delete()
        return _upload_page(request, UploadForm(), error=refused.message, status=400)
    # The confirm asks only which names are unknown; the rest of the preview (what was
    # imported before, which days join a session) is built again only to show the page.
    names = name_rows(athlete=athlete, parsed=parsed)
    unknown = names[1]
    if request.method == "POST":
        # Room for every name of the file: one unknown at the preview may be known now.
        _read_choices(request, names=len(names[0]) + len(unknown))
        return _confirm(request, pending=pending, parsed=parsed, unknown=unknown)
    form = ConfirmForm(
        None,
        athlete=athlete,
        unknown=unknown,
        needs_unit=parsed.needs_unit,
        default_unit=athlete.unit,
    )
    return _preview_page(request, parsed=parsed, form=form, pending=pending, names=names)
