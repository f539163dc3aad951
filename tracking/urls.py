from django.urls import path

from tracking import views, week_views

urlpatterns = [
    path("", week_views.home, name="home"),
    path("week/<str:iso_week>/", week_views.week, name="week"),
    path("today/", views.today, name="today"),
    path("sessions/<int:session_id>/", views.session, name="session"),
    path("sessions/<int:session_id>/tick/", views.tick, name="tick"),
    path("sessions/<int:session_id>/sets/<uuid:uuid>/", views.edit, name="edit_set"),
    path("sessions/<int:session_id>/sets/<uuid:uuid>/undo/", views.undo, name="undo_set"),
    path(
        "sessions/<int:session_id>/prescriptions/<int:prescription_id>/swap/",
        views.swap,
        name="swap",
    ),
]
