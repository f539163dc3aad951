from axes.utils import reset as reset_login_failures
from django.contrib.auth import views as auth_views


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form):
        response = super().form_valid(form)
        # Proving the e-mail address lifts the account's lockout, as the lockout page
        # promises; failures from the address itself still wait for the cool-off.
        reset_login_failures(username=form.user.get_username())
        return response


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        # A shared phone keeps nothing of the athlete: the pages kept for offline use,
        # the queue of waiting sets, the service worker. static/js/offline.js clears
        # them too, for browsers that ignore this header.
        response["Clear-Site-Data"] = '"cache", "storage"'
        return response
