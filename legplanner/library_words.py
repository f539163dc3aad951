"""Words of the libraries' admin pages that their own catalogues lack in our languages:
Django 5.2's German has not caught up with the user admin's password choice, and
adminsortable2 has no French, Spanish or Portuguese for its move buttons. Marked here so
that makemessages keeps them in our catalogue, which is read before the libraries'.
The other languages' entries repeat the libraries' own translations where they have one.
Never imported: only makemessages reads this file.
"""

from django.utils.translation import gettext_noop

LIBRARY_WORDS = [
    # django/contrib/auth/forms.py and admin/templates/admin/auth/user/add_form.html
    gettext_noop("Password-based authentication"),
    gettext_noop("Enabled"),
    gettext_noop("Disabled"),
    gettext_noop(
        "Whether the user will be able to authenticate using a password or not. "
        "If disabled, they may still be able to authenticate using other backends, "
        "such as Single Sign-On or LDAP."
    ),
    gettext_noop("Raw passwords are not stored, so there is no way to see the user’s password."),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    # adminsortable2/templates/adminsortable2/edit_inline/tabular-django-5.1.html
    gettext_noop("Move to first position"),
    gettext_noop("Move to last position"),
]
