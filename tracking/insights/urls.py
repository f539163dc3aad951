from django.urls import path

from tracking.insights import views

urlpatterns = [
    path("progress/", views.progress, name="progress"),
    path("progress/<int:exercise_id>/", views.exercise_progress, name="exercise_progress"),
    path("balance/", views.balance, name="balance"),
]
