from django.urls import path

from coaching import bulk_views, note_views, test_set_views, views
from coaching.viewer import coach_page, coach_session_page
from tracking import views as session_views
from tracking import week_views
from tracking.insights import views as insight_views

# An athlete's week, sessions, progress and balance are the athlete's own views, read by
# their coach through coach_page (404 for anyone else) with a read-only Viewer.
urlpatterns = [
    path("coach/", views.desk, name="coach_desk"),
    path("coach/bulk/", bulk_views.bulk_action, name="coach_bulk"),
    path("coach/athletes/<int:athlete_id>/", views.athlete, name="coach_athlete"),
    path(
        "coach/athletes/<int:athlete_id>/week/<str:iso_week>/",
        coach_page(week_views.week),
        name="coach_week",
    ),
    path(
        "coach/athletes/<int:athlete_id>/progress/",
        coach_page(insight_views.progress),
        name="coach_progress",
    ),
    path(
        "coach/athletes/<int:athlete_id>/progress/<int:exercise_id>/",
        coach_page(insight_views.exercise_progress),
        name="coach_exercise_progress",
    ),
    path(
        "coach/athletes/<int:athlete_id>/balance/",
        coach_page(insight_views.balance),
        name="coach_balance",
    ),
    path("coach/athletes/<int:athlete_id>/program/", views.assign, name="coach_assign"),
    path(
        "coach/athletes/<int:athlete_id>/test-sets/",
        test_set_views.test_set_interval,
        name="coach_test_set_interval",
    ),
    path(
        "coach/athletes/<int:athlete_id>/test-sets/<int:exercise_id>/",
        test_set_views.test_set_choice,
        name="coach_test_set_choice",
    ),
    path("coach/athletes/<int:athlete_id>/program/end/", views.end, name="coach_end"),
    path(
        "coach/athletes/<int:athlete_id>/prescriptions/<int:prescription_id>/",
        views.adjust,
        name="coach_adjust",
    ),
    path(
        "coach/sessions/<int:session_id>/",
        coach_session_page(session_views.session),
        name="coach_session",
    ),
    path("coach/sessions/<int:session_id>/notes/", views.note, name="coach_note"),
    # The athlete's side of a coach's note: theirs only (404 for anyone else's).
    path("notes/<int:note_id>/read/", views.note_read, name="note_read"),
    # The conversation: the athlete answers; each author edits or deletes their own only.
    path("notes/<int:note_id>/reply/", note_views.reply, name="note_reply"),
    path("replies/<int:reply_id>/edit/", note_views.reply_edit, name="reply_edit"),
    path("replies/<int:reply_id>/delete/", note_views.reply_delete, name="reply_delete"),
    path(
        "coach/athletes/<int:athlete_id>/notes/",
        note_views.athlete_note,
        name="coach_athlete_note",
    ),
    path("coach/notes/<int:note_id>/edit/", note_views.note_edit, name="coach_note_edit"),
    path("coach/notes/<int:note_id>/delete/", note_views.note_delete, name="coach_note_delete"),
]
