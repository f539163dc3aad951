"""The coaches' admin: the exercise catalogue, day templates, programs and assignments.

Sessions are read-only here: they are generated, and keep what was trained.

A coach (anyone but a superuser) sees what is theirs: their own athletes' assignments and
sessions, their own programs and day templates, and the house's (the guide's program and
the catalogue), which they read and copy but never change. What is not theirs does not
exist for them: the admin answers as it does for a missing object, and writes nothing.
"""

import re

# Slots are put in order by dragging their rows; the library keeps the hidden order field.
from adminsortable2.admin import CustomInlineFormSetMixin, SortableAdminBase, SortableTabularInline
from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.db.models import Count, F, Max, OuterRef, Q, Subquery
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy, ngettext

# Who a coach's athletes are has one definition, the desk's; the admin is a coach's page.
from accounts.models import COACHES_GROUP, may_coach
from programs.models import (
    Assignment,
    DayTemplate,
    Exercise,
    Prescription,
    Program,
    Session,
    SessionPrescription,
    athletes_of,
)

COPY_SUFFIX = re.compile(r" \(copy(?: \d+)?\)$")
COPIED_PRESCRIPTION_FIELDS = [
    field.attname
    for field in Prescription._meta.concrete_fields
    if not field.primary_key and field.name != "day_template"
]


def copy_name(*, name: str, model: type[models.Model]) -> str:
    """“Day 1 (copy)”, then “Day 1 (copy 2)”…: the first name no row of the model has yet."""
    max_length = model._meta.get_field("name").max_length
    base = COPY_SUFFIX.sub("", name)
    number = 1
    while True:
        suffix = " (copy)" if number == 1 else f" (copy {number})"
        candidate = base[: max_length - len(suffix)] + suffix
        if not model.objects.filter(name=candidate).exists():
            return candidate
        number += 1


def duplicate_day_template(*, template: DayTemplate, owner=None) -> DayTemplate:
    """A copy with copies of its prescriptions; no owner makes it the house's."""
    copy = DayTemplate.objects.create(
        name=copy_name(name=template.name, model=DayTemplate),
        focus=template.focus,
        purpose=template.purpose,
        owner=owner,
    )
    for prescription in template.prescriptions.prefetch_related("alternatives"):
        slot = Prescription.objects.create(
            day_template=copy,
            **{field: getattr(prescription, field) for field in COPIED_PRESCRIPTION_FIELDS},
        )
        slot.alternatives.set(prescription.alternatives.all())
    return copy


def duplicate_program(*, program: Program, owner) -> Program:
    """The program, its day templates and their prescriptions, as the owner's own."""
    day_one = duplicate_day_template(template=program.day_one, owner=owner)
    day_two = (
        day_one
        if program.day_two_id == program.day_one_id
        else duplicate_day_template(template=program.day_two, owner=owner)
    )
    return Program.objects.create(
        name=copy_name(name=program.name, model=Program),
        day_one=day_one,
        day_two=day_two,
        owner=owner,
    )


def unclaimed_athletes() -> models.QuerySet:
    """Accounts no coach has: not staff, and no coach on their latest assignment (or none)."""
    latest_coach = (
        Assignment.objects.filter(athlete=OuterRef("pk"))
        .order_by("-start_date", "-pk")
        .values("coach_id")[:1]
    )
    return (
        get_user_model()
        .objects.filter(is_staff=False)
        .annotate(latest_coach=Subquery(latest_coach))
        .filter(latest_coach__isnull=True)
    )


def athlete_choices(*, user) -> models.QuerySet:
    """Whom a coach may put on an assignment: their own athletes, or someone no coach has."""
    users = get_user_model().objects.order_by("username")
    if user.is_superuser:
        return users
    return users.filter(
        Q(pk__in=athletes_of(user).values("pk")) | Q(pk__in=unclaimed_athletes().values("pk"))
    )


def message_for_copies(copies: list) -> str:
    names = ", ".join(f"“{copy.name}”" for copy in copies)
    return ngettext(
        "Made {count} copy: {names}.", "Made {count} copies: {names}.", len(copies)
    ).format(count=len(copies), names=names)


PROMOTED_MESSAGE = gettext_lazy("Moved to the shared catalogue: {names}.")
PROMOTE_TAKEN_MESSAGE = gettext_lazy(
    "Not moved: the catalogue already has an exercise named {names}. Rename it first."
)


def promote_exercises(*, exercises: list[Exercise]) -> tuple[list[Exercise], list[Exercise]]:
    """Athletes' own exercises made the shared catalogue's; those whose name the catalogue
    has already are left as they are. Returns (promoted, refused)."""
    taken = set(
        Exercise.objects.filter(
            owner__isnull=True, name__in=[exercise.name for exercise in exercises]
        ).values_list("name", flat=True)
    )
    promoted, refused = [], []
    for exercise in exercises:
        if exercise.owner_id is None:
            continue
        if exercise.name in taken:
            refused.append(exercise)
            continue
        exercise.owner = None
        exercise.save(update_fields=["owner"])
        taken.add(exercise.name)
        promoted.append(exercise)
    return promoted, refused


@admin.register(Exercise)
class ExerciseAdmin(admin.ModelAdmin):
    """The catalogue is the house's: every coach reads it, superusers edit it. An athlete's
    own exercises (made on import) are seen by their coach, read-only, and by superusers;
    either may promote them to the catalogue (a coach only their own athletes': the
    queryset holds no other)."""

    list_display = ["name", "primary_muscle", "mechanics", "equipment", "unilateral", "owner"]
    list_filter = ["primary_muscle", "mechanics", "equipment", "unilateral"]
    list_select_related = ["owner"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["promote"]

    def get_queryset(self, request):
        return super().get_queryset(request).seen_by_coach(request.user)

    def has_add_permission(self, request) -> bool:
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def has_promote_permission(self, request) -> bool:
        return may_coach(request.user)

    @admin.action(
        description=gettext_lazy("Promote to the shared catalogue"), permissions=["promote"]
    )
    def promote(self, request, queryset):
        with transaction.atomic():
            promoted, refused = promote_exercises(exercises=list(queryset.order_by("name")))
        if promoted:
            names = ", ".join(f"“{exercise.name}”" for exercise in promoted)
            self.message_user(request, PROMOTED_MESSAGE.format(names=names), messages.SUCCESS)
        if refused:
            names = ", ".join(f"“{exercise.name}”" for exercise in refused)
            self.message_user(request, PROMOTE_TAKEN_MESSAGE.format(names=names), messages.ERROR)


class OwnedAdmin(admin.ModelAdmin):
    """Rows with an owner (programs, day templates): a coach sees their own and the
    house's (no owner), and changes or deletes only their own. What they add is theirs."""

    superuser_fields = ["owner"]

    def get_queryset(self, request):
        return super().get_queryset(request).usable_by(request.user)

    @staticmethod
    def may_edit(request, obj) -> bool:
        return obj is None or request.user.is_superuser or obj.owner_id == request.user.pk

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and self.may_edit(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and self.may_edit(request, obj)

    def get_exclude(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_exclude(request, obj)
        return [*(super().get_exclude(request, obj) or []), *self.superuser_fields]

    def get_list_display(self, request):
        if request.user.is_superuser:
            return [*self.list_display, "owner"]
        return self.list_display

    def save_model(self, request, obj, form, change):
        if not change and not request.user.is_superuser:
            obj.owner = request.user
        super().save_model(request, obj, form, change)


class PrescriptionFormSet(CustomInlineFormSetMixin, BaseInlineFormSet):
    def save_existing_objects(self, commit=True):
        # A slot is unique per template and the database checks it row by row, so swapping
        # two slots, or reusing the slot of a deleted row, would collide halfway through the
        # save. Park the rows that give up their slot above every slot in use first.
        if commit:
            leaving = [
                form.instance.pk
                for form in self.initial_forms
                if form in self.deleted_forms or "order" in form.changed_data
            ]
            if leaving:
                rows = Prescription.objects.filter(day_template=self.instance)
                top = rows.aggregate(top=Max("order"))["top"]
                rows.filter(pk__in=leaving).update(order=F("order") + top)
        return super().save_existing_objects(commit)


PRESCRIPTION_SLOT_FIELDS = [
    "order",
    "exercise",
    "alternatives",
    "sets_min",
    "sets_max",
    "reps_min",
    "reps_max",
    "per_leg",
    "tempo",
    "rest_seconds",
    "rir_min",
    "rir_max",
]


class PrescriptionSlotForm(forms.ModelForm):
    class Meta:
        model = Prescription
        fields = PRESCRIPTION_SLOT_FIELDS
        # Short headings, so that a template's slots fit a laptop's width in one row each.
        labels = {
            "sets_min": gettext_lazy("Sets from"),
            "sets_max": gettext_lazy("Sets to"),
            "reps_min": gettext_lazy("Reps from"),
            "reps_max": gettext_lazy("Reps to"),
            "rest_seconds": gettext_lazy("Rest (s)"),
            "rir_min": gettext_lazy("RIR from"),
            "rir_max": gettext_lazy("RIR to"),
        }


class PrescriptionInline(SortableTabularInline):
    model = Prescription
    form = PrescriptionSlotForm
    formset = PrescriptionFormSet
    fields = PRESCRIPTION_SLOT_FIELDS
    autocomplete_fields = ["exercise", "alternatives"]
    ordering = ["order"]
    extra = 0

    # A day template serves many athletes: its slots name the shared catalogue, never one
    # athlete's own exercise (promote it first).
    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "exercise":
            kwargs["queryset"] = Exercise.objects.filter(owner__isnull=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "alternatives":
            kwargs["queryset"] = Exercise.objects.filter(owner__isnull=True)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    # The slots are the template's: whoever may change the template changes them.
    def has_add_permission(self, request, obj=None) -> bool:
        return super().has_add_permission(request, obj) and OwnedAdmin.may_edit(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and OwnedAdmin.may_edit(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and OwnedAdmin.may_edit(request, obj)


@admin.register(DayTemplate)
class DayTemplateAdmin(SortableAdminBase, OwnedAdmin):
    list_display = ["name", "focus", "prescription_count"]
    list_filter = ["focus"]
    search_fields = ["name"]
    inlines = [PrescriptionInline]
    actions = ["duplicate"]

    class Media:
        css = {"all": ["css/admin-day-template.css"]}
        js = ["js/admin-sort-keys.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(prescription_count=Count("prescriptions"))

    @admin.display(description=gettext_lazy("prescriptions"), ordering="prescription_count")
    def prescription_count(self, template: DayTemplate) -> int:
        return template.prescription_count

    @admin.action(description=gettext_lazy("Duplicate day template"), permissions=["add"])
    def duplicate(self, request, queryset):
        with transaction.atomic():
            copies = [
                duplicate_day_template(template=template, owner=request.user)
                for template in queryset.order_by("name")
            ]
        self.message_user(request, message_for_copies(copies), messages.SUCCESS)


@admin.register(Program)
class ProgramAdmin(OwnedAdmin):
    list_display = ["name", "day_one", "day_two", "is_default"]
    list_select_related = ["day_one", "day_two"]
    search_fields = ["name"]
    actions = ["duplicate"]
    # Which program athletes who sign up get is the house's choice, not one coach's.
    superuser_fields = ["owner", "is_default"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in ("day_one", "day_two") and not request.user.is_superuser:
            kwargs["queryset"] = DayTemplate.objects.usable_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.action(
        description=gettext_lazy("Duplicate program, with copies of its day templates"),
        permissions=["add"],
    )
    def duplicate(self, request, queryset):
        with transaction.atomic():
            copies = [
                duplicate_program(program=program, owner=request.user)
                for program in queryset.select_related("day_one", "day_two").order_by("name")
            ]
        self.message_user(request, message_for_copies(copies), messages.SUCCESS)


class OpenListFilter(admin.SimpleListFilter):
    title = gettext_lazy("status")
    parameter_name = "open"

    def lookups(self, request, model_admin):
        return [("yes", gettext_lazy("Open")), ("no", gettext_lazy("Ended"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.open()
        if self.value() == "no":
            return queryset.filter(end_date__isnull=False)
        return queryset


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["athlete", "program", "weekdays", "start_date", "end_date", "coach"]
    list_filter = [
        ("program", admin.RelatedOnlyFieldListFilter),
        ("coach", admin.RelatedOnlyFieldListFilter),
        OpenListFilter,
    ]
    list_select_related = ["athlete", "program", "coach"]
    search_fields = ["athlete__username"]
    date_hierarchy = "start_date"

    def get_queryset(self, request):
        assignments = super().get_queryset(request)
        if request.user.is_superuser:
            return assignments
        # Theirs: coached by them, of an athlete still theirs (one who moved to another
        # coach took their history along).
        return assignments.filter(
            coach=request.user, athlete__in=athletes_of(request.user).values("pk")
        )

    def get_readonly_fields(self, request, obj=None):
        # An assignment is one athlete's: its sessions hang on it. Another athlete gets
        # their own assignment.
        return ["athlete"] if obj is not None else []

    # Not autocomplete or raw_id: both look users up through the user admin, which coaches
    # are not allowed to see (it holds every account's e-mail and permissions).
    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        user = request.user
        if db_field.name == "athlete":
            kwargs["queryset"] = athlete_choices(user=user)
        elif db_field.name == "coach":
            coaches = get_user_model().objects.filter(groups__name=COACHES_GROUP)
            if not user.is_superuser:
                # Themselves only: a coach never hands an athlete to someone else.
                coaches = coaches.filter(pk=user.pk)
                kwargs["required"] = True
                kwargs["empty_label"] = None
            kwargs["queryset"] = coaches.order_by("username")
        elif db_field.name == "program" and not user.is_superuser:
            kwargs["queryset"] = Program.objects.usable_by(user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        return {"coach": request.user.pk, **super().get_changeform_initial_data(request)}

    @admin.display(description=gettext_lazy("weekdays"))
    def weekdays(self, assignment: Assignment) -> str:
        return f"{assignment.get_weekday_one_display()}, {assignment.get_weekday_two_display()}"


class SessionPrescriptionInline(admin.TabularInline):
    model = SessionPrescription
    fields = [
        "order",
        "exercise",
        "alternatives",
        "swapped_to",
        "dose",
        "target_rir",
        "rest",
        "tempo",
    ]
    readonly_fields = fields
    ordering = ["order"]
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("exercise", "swapped_to")
            .prefetch_related("alternatives")
        )

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=gettext_lazy("sets × reps"))
    def dose(self, prescription: SessionPrescription) -> str:
        return prescription.dose_label

    @admin.display(description=gettext_lazy("target"))
    def target_rir(self, prescription: SessionPrescription) -> str:
        return prescription.rir_label

    @admin.display(description=gettext_lazy("rest"))
    def rest(self, prescription: SessionPrescription) -> str:
        return prescription.rest_label


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["date", "athlete", "day_number", "name"]
    list_filter = ["day_number", "focus", ("athlete", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["athlete"]
    search_fields = ["athlete__username", "name"]
    date_hierarchy = "date"
    inlines = [SessionPrescriptionInline]

    def get_queryset(self, request):
        sessions = super().get_queryset(request)
        if request.user.is_superuser:
            return sessions
        return sessions.filter(athlete__in=athletes_of(request.user).values("pk"))

    # Generated, never edited: a session keeps what was trained. Deleting stays with the
    # delete permission (coaches lack it) so that deleting an athlete is not blocked.
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
