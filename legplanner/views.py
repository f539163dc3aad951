from axes.utils import reset as reset_login_failures
from django.contrib.auth import views as auth_views
from django.urls import reverse

from programs.navigation import navigation_of


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


class LoginView(auth_views.LoginView):
    def get_default_redirect_url(self):
        # A coach who does not train with the app has an empty week: their desk is the
        # page they came for. A ?next= still wins, as for everyone.
        if navigation_of(self.request.user).lands_on_desk:
            return reverse("coach_desk")
        return super().get_default_redirect_url()
