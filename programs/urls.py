from django.urls import path

from programs import views

urlpatterns = [
    path("setup/", views.setup, name="setup"),
    path("join/<slug:token>/", views.join, name="join"),
    path("join/<slug:token>/accept/", views.accept_invitation, name="accept_invitation"),
    path("account/", views.account, name="account"),
    path("account/delete/", views.delete, name="delete_account"),
]
