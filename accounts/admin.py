from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.forms import Script
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_lazy, ngettext

from accounts.invitations import (
    INVITATION_NOT_SENT_MESSAGE,
    INVITATION_SENT_MESSAGE,
    InvitationNotSent,
    revoke_invitations,
    send_invitation,
)
from accounts.models import COACHES_GROUP, Invitation, InvitationState, User

EXPIRES_BEFORE_MADE_MESSAGE = next(
    constraint.violation_error_message
    for constraint in Invitation._meta.constraints
    if constraint.name == "invitation_expires_after_creation"
)


class SuperusersOnly:
    """Accounts and groups hold e-mail addresses, permissions and the staff and superuser
    flags: whoever may change one may make themselves anything, so only superusers get in,
    whatever permissions a group was given."""

    def has_module_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request, *args) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_change_permission(self, request, obj=None) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_active and request.user.is_superuser


@admin.register(User)
class UserAdmin(SuperusersOnly, DjangoUserAdmin):
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (gettext_lazy("Training settings"), {"fields": ("unit", "time_zone")}),
    )
    list_display = ("username", "email", "unit", "time_zone", "is_staff")


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(SuperusersOnly, DjangoGroupAdmin):
    pass


class InvitationForm(forms.ModelForm):
    # Never required: the link on the next page can always be copied and sent by hand.
    email = forms.EmailField(
        required=False,
        label=gettext_lazy("E-mail the link to"),
        help_text=gettext_lazy(
            "Optional: the athlete's address, to send the link to. It can be copied too."
        ),
    )

    def clean(self):
        cleaned_data = super().clean()
        # The database checks it too, but the creation date is not on the form, so the
        # model's own validation skips the check and the save would fail (a 500).
        expires_at = cleaned_data.get("expires_at")
        if expires_at is not None and expires_at <= self.instance.created_at:
            self.add_error("expires_at", EXPIRES_BEFORE_MADE_MESSAGE)
        return cleaned_data


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """A coach's invitations, and only theirs: each is a link to send to one athlete."""

    list_display = ["__str__", "program", "status", "created_at", "expires_at", "used_by"]
    form = InvitationForm
    list_select_related = ["program", "used_by", "coach"]
    list_filter = [("program", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["note"]
    actions = ["revoke"]

    def get_queryset(self, request):
        invitations = super().get_queryset(request)
        if request.user.is_superuser:
            return invitations
        return invitations.filter(coach=request.user)

    def get_list_display(self, request):
        if request.user.is_superuser:
            return [*self.list_display, "coach"]
        return self.list_display

    def get_fields(self, request, obj=None):
        # The coach is whoever makes it (a superuser may pick one), so coaches are not
        # shown their own name, nor a link to the user admin they cannot open.
        coach = ["coach"] if request.user.is_superuser else []
        if obj is None:
            return [*coach, "program", "note", "expires_at", "email"]
        return [
            "link",
            "email",
            "status",
            "program",
            *coach,
            "note",
            "created_at",
            "expires_at",
            "used_at",
            "used_by",
            "revoked_at",
        ]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        # Once sent, the link stands for what it offered: only the note and expiry change.
        editable = {"note", "expires_at", "email"}
        return [field for field in self.get_fields(request, obj) if field not in editable]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "coach":
            # Coaches only: the athlete who accepts gets an assignment with this coach,
            # which the database refuses for anyone outside Coaches.
            kwargs["queryset"] = User.objects.filter(groups__name=COACHES_GROUP).order_by(
                "username"
            )
        elif db_field.name == "program":
            # The house's programs and the coach's own, as on every coach's page.
            kwargs["queryset"] = db_field.remote_field.model.objects.usable_by(request.user)
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "program" and field is not None:
            # One program to offer, or only the house's (the guide's split and its
            # variants): the only one or the house default is chosen already, so the
            # form cannot fail on it. A coach with programs of their own picks.
            offered = list(field.queryset.values_list("pk", "is_default", "owner_id"))
            if len(offered) == 1:
                field.initial = offered[0][0]
            elif not any(owner for _, _, owner in offered):
                field.initial = next((pk for pk, default, _ in offered if default), None)
        return field

    def get_changeform_initial_data(self, request):
        return {"coach": request.user.pk, **super().get_changeform_initial_data(request)}

    def save_model(self, request, obj, form, change):
        if not change and not request.user.is_superuser:
            obj.coach = request.user
        super().save_model(request, obj, form, change)
        email = form.cleaned_data.get("email")
        if email:
            self._send(request, obj, email)

    def _send(self, request, invitation: Invitation, email: str) -> None:
        state = invitation.state(now=timezone.now())
        if state != InvitationState.OPEN:
            self.message_user(
                request,
                INVITATION_NOT_SENT_MESSAGE.format(reason=state.label.lower()),
                messages.WARNING,
            )
            return
        link = request.build_absolute_uri(reverse("join", args=[invitation.token]))
        try:
            send_invitation(invitation=invitation, link=link, to=email)
        except InvitationNotSent as failed:
            self.message_user(request, str(failed), messages.WARNING)
        else:
            self.message_user(request, INVITATION_SENT_MESSAGE.format(email=email))

    def response_post_save_add(self, request, obj):
        # Straight to the new invitation, where the link to send is.
        return redirect("admin:accounts_invitation_change", obj.pk)

    def get_object(self, request, object_id, from_field=None):
        invitation = super().get_object(request, object_id, from_field)
        if invitation is not None:
            # The admin is shared by every request; the object is this request's own.
            invitation.link = request.build_absolute_uri(reverse("join", args=[invitation.token]))
        return invitation

    @admin.display(description=gettext_lazy("link to send"))
    def link(self, invitation: Invitation) -> str:
        # A read-only field to select by hand; static/js/copy-link.js shows the button, and
        # says what the button did in the words the page gives it.
        return format_html(
            '<input type="text" readonly value="{}" id="invitation-link" class="vTextField"'
            ' aria-label="{}"> '
            '<button type="button" class="button" data-copy="invitation-link" hidden>'
            "{}</button> "
            '<span role="status" data-copy-status="invitation-link" data-copied="{}"'
            ' data-copy-failed="{}"></span>',
            invitation.link,
            gettext("Invitation link"),
            gettext("Copy link"),
            gettext("Copied."),
            gettext("Select the link and copy it."),
        )

    class Media:
        js = [Script("js/copy-link.js", defer=True)]

    @admin.display(description=gettext_lazy("status"))
    def status(self, invitation: Invitation) -> str:
        return invitation.state(now=timezone.now()).label

    @admin.action(description=gettext_lazy("Revoke selected invitations"), permissions=["change"])
    def revoke(self, request, queryset):
        revoked = revoke_invitations(invitations=queryset, now=timezone.now())
        skipped = queryset.count() - revoked
        message = ngettext(
            "Revoked {count} invitation.", "Revoked {count} invitations.", revoked
        ).format(count=revoked)
        if skipped:
            message += " " + ngettext(
                "{count} already used or revoked stayed as they were.",
                "{count} already used or revoked stayed as they were.",
                skipped,
            ).format(count=skipped)
        self.message_user(request, message, messages.SUCCESS)
