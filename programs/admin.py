"""The coaches' admin: the exercise catalogue, day templates, programs and assignments.

Sessions are read-only here: they are generated, and keep what was trained.
"""

import re

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, F, Max
from django.forms.models import BaseInlineFormSet

from programs.models import (
    Assignment,
    DayTemplate,
    Exercise,
    Prescription,
    Program,
    Session,
    SessionPrescription,
)

COPY_SUFFIX = re.compile(r" \(copy(?: \d+)?\)$")
NAME_MAX_LENGTH = DayTemplate._meta.get_field("name").max_length
COPIED_PRESCRIPTION_FIELDS = [
    field.attname
    for field in Prescription._meta.concrete_fields
    if not field.primary_key and field.name != "day_template"
]


def copy_name(*, name: str) -> str:
    """“Day 1 (copy)”, then “Day 1 (copy 2)”…: the first name no day template has yet."""
    base = COPY_SUFFIX.sub("", name)
    number = 1
    while True:
        suffix = " (copy)" if number == 1 else f" (copy {number})"
        candidate = base[: NAME_MAX_LENGTH - len(suffix)] + suffix
        if not DayTemplate.objects.filter(name=candidate).exists():
            return candidate
        number += 1


def duplicate_day_template(*, template: DayTemplate) -> DayTemplate:
    copy = DayTemplate.objects.create(
        name=copy_name(name=template.name), focus=template.focus, purpose=template.purpose
    )
    for prescription in template.prescriptions.prefetch_related("alternatives"):
        slot = Prescription.objects.create(
            day_template=copy,
            **{field: getattr(prescription, field) for field in COPIED_PRESCRIPTION_FIELDS},
        )
        slot.alternatives.set(prescription.alternatives.all())
    return copy


@admin.register(Exercise)
class ExerciseAdmin(admin.ModelAdmin):
    list_display = ["name", "primary_muscle", "mechanics", "equipment", "unilateral"]
    list_filter = ["primary_muscle", "mechanics", "equipment", "unilateral"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class PrescriptionFormSet(BaseInlineFormSet):
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


class PrescriptionInline(admin.TabularInline):
    model = Prescription
    formset = PrescriptionFormSet
    fields = [
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
    autocomplete_fields = ["exercise", "alternatives"]
    ordering = ["order"]
    extra = 0


@admin.register(DayTemplate)
class DayTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "focus", "prescription_count"]
    list_filter = ["focus"]
    search_fields = ["name"]
    inlines = [PrescriptionInline]
    actions = ["duplicate"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(prescription_count=Count("prescriptions"))

    @admin.display(description="prescriptions", ordering="prescription_count")
    def prescription_count(self, template: DayTemplate) -> int:
        return template.prescription_count

    @admin.action(description="Duplicate day template", permissions=["add"])
    def duplicate(self, request, queryset):
        with transaction.atomic():
            copies = [
                duplicate_day_template(template=template) for template in queryset.order_by("name")
            ]
        names = ", ".join(f"“{copy.name}”" for copy in copies)
        self.message_user(
            request,
            f"Made {len(copies)} {'copy' if len(copies) == 1 else 'copies'}: {names}.",
            messages.SUCCESS,
        )


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["name", "day_one", "day_two", "is_default"]
    list_select_related = ["day_one", "day_two"]
    search_fields = ["name"]


class OpenListFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "open"

    def lookups(self, request, model_admin):
        return [("yes", "Open"), ("no", "Ended")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(end_date__isnull=True)
        if self.value() == "no":
            return queryset.filter(end_date__isnull=False)
        return queryset


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["athlete", "program", "weekdays", "start_date", "end_date", "coach"]
    list_filter = [
        "program",
        ("coach", admin.RelatedOnlyFieldListFilter),
        OpenListFilter,
    ]
    list_select_related = ["athlete", "program", "coach"]
    search_fields = ["athlete__username"]
    date_hierarchy = "start_date"

    # Not autocomplete or raw_id: both look users up through the user admin, which coaches
    # are not allowed to see (it holds every account's e-mail and permissions).
    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        users = get_user_model().objects.order_by("username")
        if db_field.name == "athlete":
            kwargs["queryset"] = users
        elif db_field.name == "coach":
            kwargs["queryset"] = users.filter(is_staff=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        return {"coach": request.user.pk, **super().get_changeform_initial_data(request)}

    @admin.display(description="weekdays")
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

    @admin.display(description="sets × reps")
    def dose(self, prescription: SessionPrescription) -> str:
        return prescription.dose_label

    @admin.display(description="target")
    def target_rir(self, prescription: SessionPrescription) -> str:
        return prescription.rir_label

    @admin.display(description="rest")
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

    # Generated, never edited: a session keeps what was trained. Deleting stays with the
    # delete permission (coaches lack it) so that deleting an athlete is not blocked.
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
