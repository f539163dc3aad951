from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        ("Training settings", {"fields": ("unit", "time_zone")}),
    )
    list_display = ("username", "email", "unit", "time_zone", "is_staff")
