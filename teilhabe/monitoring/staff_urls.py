"""Staff pages of the integration monitoring (under /<body>/verwaltung/monitoring/)."""

from django.urls import path

from teilhabe.monitoring.views import staff, staff_districts, staff_indicators, staff_snapshots

app_name = "monitoring_staff"

urlpatterns = [
    path("", staff.overview, name="overview"),
    path("gebiete/", staff_districts.districts_upload, name="districts_upload"),
    path("gebiete/uebernehmen/", staff_districts.districts_confirm, name="districts_confirm"),
    path("stichtage/neu/", staff_snapshots.snapshot_upload, name="snapshot_upload"),
    path("indikatoren/", staff_indicators.indicator_list, name="indicators"),
    path("indikatoren/neu/", staff_indicators.indicator_create, name="indicator_create"),
    path("indikatoren/<int:pk>/", staff_indicators.indicator_edit, name="indicator_edit"),
    path(
        "indikatoren/<int:pk>/loeschen/",
        staff_indicators.indicator_delete,
        name="indicator_delete",
    ),
    path("stichtage/importe/<int:pk>/", staff_snapshots.snapshot_job, name="snapshot_job"),
    path("stichtage/<int:pk>/loeschen/", staff_snapshots.snapshot_delete, name="snapshot_delete"),
]
