from django.urls import path

from coaching import views

urlpatterns = [
    path("coach/", views.desk, name="coach_desk"),
    path("coach/athletes/<int:athlete_id>/", views.athlete, name="coach_athlete"),
    path(
        "coach/athletes/<int:athlete_id>/week/<str:iso_week>/",
        views.athlete_week,
        name="coach_week",
    ),
    path("coach/athletes/<int:athlete_id>/progress/", views.progress, name="coach_progress"),
    path(
        "coach/athletes/<int:athlete_id>/progress/<int:exercise_id>/",
        views.exercise_progress,
        name="coach_exercise_progress",
    ),
    path("coach/athletes/<int:athlete_id>/balance/", views.balance, name="coach_balance"),
    path("coach/athletes/<int:athlete_id>/program/", views.assign, name="coach_assign"),
    path("coach/athletes/<int:athlete_id>/program/end/", views.end, name="coach_end"),
    path(
        "coach/athletes/<int:athlete_id>/prescriptions/<int:prescription_id>/",
        views.adjust,
        name="coach_adjust",
    ),
    path("coach/sessions/<int:session_id>/", views.session, name="coach_session"),
    path("coach/sessions/<int:session_id>/notes/", views.note, name="coach_note"),
]
