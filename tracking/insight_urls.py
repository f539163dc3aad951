from django.urls import path

from tracking import insight_views

urlpatterns = [
    path("progress/", insight_views.progress, name="progress"),
    path("progress/<int:exercise_id>/", insight_views.exercise_progress, name="exercise_progress"),
    path("balance/", insight_views.balance, name="balance"),
]
