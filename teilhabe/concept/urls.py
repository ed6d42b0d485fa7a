"""Public pages and open-data exports of a body's integration concept."""

from django.urls import path

from teilhabe.concept.views import exports, public

app_name = "concept"

urlpatterns = [
    path("", public.index, name="index"),
    path("versionen/<int:pk>/", public.version_detail, name="version_detail"),
    path("versionen/<int:pk>/massnahmen/", public.version_measures, name="version_measures"),
    path("versionen/<int:pk>/vergleich/", public.version_compare, name="version_compare"),
    path("versionen/<int:pk>/export.csv", exports.version_export_csv, name="version_export_csv"),
    path("versionen/<int:pk>/export.xlsx", exports.version_export_xlsx, name="version_export_xlsx"),
    path("versionen/<int:pk>/export.json", exports.version_export_json, name="version_export_json"),
    path("ziele/<int:pk>/", public.goal_detail, name="goal_detail"),
    path("massnahmen/<int:pk>/", public.measure_detail, name="measure_detail"),
]
