from django.urls import path

from programs.viewer import own_page
from tracking import test_set_views
from tracking.insights import views

# The athlete's pages; coaching/urls.py routes the coach's read-only copies to the same views.
urlpatterns = [
    path("progress/", own_page(views.progress), name="progress"),
    path(
        "progress/<int:exercise_id>/", own_page(views.exercise_progress), name="exercise_progress"
    ),
    path("balance/", own_page(views.balance), name="balance"),
    path(
        "progress/<int:exercise_id>/test-sets/",
        test_set_views.test_set_choice,
        name="test_set_choice",
    ),
]
