from django.urls import path

from legplanner.pwa import kept_offline
from programs.viewer import own_session_page
from tracking import views

urlpatterns = [
    path("today/", views.today, name="today"),
    # The athlete's session, kept on the phone for the gym; coaching/urls.py routes the
    # coach's read-only copy to the same view.
    path(
        "sessions/<int:session_id>/",
        kept_offline(own_session_page(views.session)),
        name="session",
    ),
    path("sessions/<int:session_id>/tick/", views.tick, name="tick"),
    path("sessions/<int:session_id>/sets/<uuid:uuid>/", views.edit, name="edit_set"),
    path("sessions/<int:session_id>/sets/<uuid:uuid>/undo/", views.undo, name="undo_set"),
    path(
        "sessions/<int:session_id>/prescriptions/<int:prescription_id>/swap/",
        views.swap,
        name="swap",
    ),
]
