from django.urls import include, path

from accounts import views

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("setup/", views.setup, name="setup"),
    path("join/<slug:token>/", views.join, name="join"),
    path("join/<slug:token>/accept/", views.accept_invitation, name="accept_invitation"),
    path("account/", views.account, name="account"),
    path("account/", include("exchange.urls")),
]
