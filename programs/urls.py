from django.urls import path

from legplanner.pwa import kept_offline
from programs import views
from programs.viewer import own_page

urlpatterns = [
    path("", views.home, name="home"),
    # The athlete's week, kept on the phone for the gym; coaching/urls.py routes the coach's
    # read-only copy to the same view.
    path("week/<str:iso_week>/", kept_offline(own_page(views.week)), name="week"),
]
