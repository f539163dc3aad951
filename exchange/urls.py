from django.urls import path

from exchange import views

urlpatterns = [
    path("export/", views.export, name="export"),
    path("export/strong.csv", views.export_strong, name="export_strong"),
    path("export/legplanner.json", views.export_json, name="export_json"),
    path("import/", views.upload, name="import"),
    path("import/<slug:token>/", views.preview, name="import_preview"),
]
