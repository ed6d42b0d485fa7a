"""Public pages and open-data downloads of a body's integration monitoring."""

from django.urls import path

from teilhabe.monitoring.views import downloads, pages

app_name = "monitoring"

urlpatterns = [
    path("", pages.index, name="index"),
    path("quartiere/<str:code>/", pages.district, name="district"),
    path("vergleich/", pages.comparison, name="comparison"),
    path("stichtage/<str:reference_date>/indikatoren.csv", downloads.table_csv, name="table_csv"),
    path(
        "stichtage/<str:reference_date>/indikatoren.xlsx", downloads.table_xlsx, name="table_xlsx"
    ),
    path(
        "stichtage/<str:reference_date>/indikatoren.geojson",
        downloads.table_geojson,
        name="table_geojson",
    ),
]
