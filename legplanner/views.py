from axes.utils import reset as reset_login_failures
from django.contrib.auth import views as auth_views


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form):
        response = super().form_valid(form)
        # Proving the e-mail address lifts the account's lockout, as the lockout page
        # promises; failures from the address itself still wait for the cool-off.
        reset_login_failures(username=form.user.get_username())
        return response
