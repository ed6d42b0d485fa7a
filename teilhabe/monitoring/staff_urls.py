"""Staff pages of the integration monitoring (under /<body>/verwaltung/monitoring/)."""

from django.urls import path

from teilhabe.monitoring.views import staff, staff_districts, staff_snapshots

app_name = "monitoring_staff"

urlpatterns = [
    path("", staff.overview, name="overview"),
    path("gebiete/", staff_districts.districts_upload, name="districts_upload"),
    path("gebiete/uebernehmen/", staff_districts.districts_confirm, name="districts_confirm"),
    path("stichtage/neu/", staff_snapshots.snapshot_upload, name="snapshot_upload"),
    path("stichtage/importe/<int:pk>/", staff_snapshots.snapshot_job, name="snapshot_job"),
    path("stichtage/<int:pk>/loeschen/", staff_snapshots.snapshot_delete, name="snapshot_delete"),
]
