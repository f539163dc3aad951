from django.urls import path

from tracking import views

urlpatterns = [
    path("sessions/<int:session_id>/", views.session, name="session"),
]
