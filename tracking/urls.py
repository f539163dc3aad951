from django.urls import path

from accounts.offline import kept_offline
from programs.viewer import own_page, own_session_page
from tracking import views, week_views

urlpatterns = [
    path("", week_views.home, name="home"),
    # The athlete's week and sessions, kept on the phone for the gym; coaching/urls.py routes
    # the coach's read-only copies to the same views.
    path("week/<str:iso_week>/", kept_offline(own_page(week_views.week)), name="week"),
    path("today/", views.today, name="today"),
    path(
        "sessions/<int:session_id>/",
        kept_offline(own_session_page(views.session)),
        name="session",
    ),
    path("sessions/<int:session_id>/tick/", views.tick, name="tick"),
    path("sessions/<int:session_id>/sets/<uuid:uuid>/", views.edit, name="edit_set"),
    path("sessions/<int:session_id>/sets/<uuid:uuid>/undo/", views.undo, name="undo_set"),
    path(
        "sessions/<int:session_id>/prescriptions/<int:prescription_id>/note/",
        views.exercise_note,
        name="exercise_note",
    ),
    path(
        "sessions/<int:session_id>/prescriptions/<int:prescription_id>/swap/",
        views.swap,
        name="swap",
    ),
]
